package payout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
	"github.com/partnerops/partnerops/internal/textfmt"
)

// SPIFProgram is a set of SPIFs (sales performance incentive funds):
// short-term bonuses per unit or per deal on listed SKUs or product
// families within a date window, with a cap per partner. It is plain data;
// [CompileSPIFs] validates it.
type SPIFProgram struct {
	ID       string              `json:"id"`
	Currency partnerops.Currency `json:"currency"`
	SPIFs    []SPIF              `json:"spifs"`
}

// SPIF is one incentive. Give SKUs or Families (or both: a sale matches
// either), and PerUnit or PerDeal.
type SPIF struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// From and Until bound the sale dates that qualify: [From, Until).
	From     time.Time `json:"from"`
	Until    time.Time `json:"until"`
	SKUs     []string  `json:"skus,omitempty"`
	Families []string  `json:"families,omitempty"`
	// PerUnit pays per unit sold; PerDeal once per deal.
	PerUnit partnerops.Money `json:"per_unit,omitzero"`
	PerDeal partnerops.Money `json:"per_deal,omitzero"`
	// CapPerPartner limits what one partner earns from the SPIF.
	CapPerPartner partnerops.Money `json:"cap_per_partner,omitzero"`
}

type spifPlain SPIFProgram

// ParseSPIFs decodes a SPIF program strictly (see the package doc).
func ParseSPIFs(data []byte) (SPIFProgram, error) {
	var p SPIFProgram
	if err := strict.Decode(data, (*spifPlain)(&p), strict.Options{}); err != nil {
		return SPIFProgram{}, fmt.Errorf("payout: parsing SPIFs: %w", err)
	}
	return p, nil
}

// UnmarshalJSON decodes strictly, as [ParseSPIFs] does.
func (p *SPIFProgram) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*spifPlain)(p), strict.Options{})
}

// Sale is a partner's sale line: a SKU (and its family) sold in a deal.
type Sale struct {
	ID string `json:"id"`
	// Deal groups lines of one deal (defaults to the line's ID).
	Deal   string             `json:"deal,omitempty"`
	Date   time.Time          `json:"date"`
	SKU    string             `json:"sku,omitempty"`
	Family string             `json:"family,omitempty"`
	Units  partnerops.Decimal `json:"units"`
}

type cSPIF struct {
	s        SPIF
	perUnit  int64 // scale 10 multiplier of units
	perDeal  int64 // scale 6
	cap      int64
	hasCap   bool
	byUnit   bool
	skus     map[string]bool
	families map[string]bool
}

// SPIFEngine is a compiled [SPIFProgram]; immutable and safe for
// concurrent use.
type SPIFEngine struct {
	id       string
	currency partnerops.Currency
	spifs    []*cSPIF
}

// CompileSPIFs validates a SPIF program. Every problem is reported at once
// as [*partnerops.ValidationError] values joined.
func CompileSPIFs(p SPIFProgram) (*SPIFEngine, error) {
	var probs partnerops.Problems
	if p.ID == "" {
		probs.Add("id", "must not be empty", "")
	}
	cur := p.Currency
	if !cur.Valid() {
		probs.Add("currency", "must be a known ISO 4217 code", string(cur))
		cur = partnerops.USD
	}
	e := &SPIFEngine{id: p.ID, currency: cur}
	seen := map[string]bool{}
	for i, s := range p.SPIFs {
		key := any(i)
		if s.ID != "" {
			key = partnerops.Key(s.ID)
		}
		path := func(f string) string { return partnerops.Path("spifs", key, f) }
		if s.ID == "" {
			probs.Add(path("id"), "must not be empty", "")
		} else if seen[s.ID] {
			probs.Add(path("id"), "duplicate SPIF", s.ID)
		}
		seen[s.ID] = true
		if s.From.IsZero() || s.Until.IsZero() || !s.From.Before(s.Until) {
			probs.Add(path("until"), "a SPIF needs a window: from before until", "")
		}
		if len(s.SKUs) == 0 && len(s.Families) == 0 {
			probs.Add(path("skus"), "a SPIF lists SKUs or families", "")
		}
		c := &cSPIF{s: s, skus: set(s.SKUs), families: set(s.Families)}
		switch {
		case s.PerUnit.IsZero() == s.PerDeal.IsZero():
			probs.Add(partnerops.Path("spifs", key), "give per_unit or per_deal (one of them)", "")
		case !s.PerUnit.IsZero():
			c.byUnit = true
			amt := moneyField(&probs, path("per_unit"), s.PerUnit, cur, true)
			c.perUnit = amt * 10_000 // scale 6 to scale 10
		default:
			c.perDeal = moneyField(&probs, path("per_deal"), s.PerDeal, cur, true)
		}
		if !s.CapPerPartner.IsZero() {
			c.cap, c.hasCap = moneyField(&probs, path("cap_per_partner"), s.CapPerPartner, cur, true), true
		}
		e.spifs = append(e.spifs, c)
	}
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("payout: compiling SPIFs %q: %w", p.ID, err)
	}
	return e, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// SPIFReason says why a sale line earned what it earned from a SPIF.
type SPIFReason string

// SPIF reasons.
const (
	// SPIFPaid: the line qualifies and is paid (perhaps cut by the cap).
	SPIFPaid SPIFReason = "paid"
	// SPIFOutsideWindow: the line's SKU or family is listed but its date
	// is outside the SPIF's window.
	SPIFOutsideWindow SPIFReason = "outside_window"
	// SPIFDealPaid: a per-deal SPIF already paid an earlier line of the
	// deal.
	SPIFDealPaid SPIFReason = "deal_paid"
	// SPIFCapped: the partner's cap was already reached.
	SPIFCapped SPIFReason = "capped"
)

// SPIFLine is what one sale line earned from one SPIF.
type SPIFLine struct {
	SPIF   string             `json:"spif"`
	Sale   string             `json:"sale"`
	Deal   string             `json:"deal,omitempty"`
	Date   time.Time          `json:"date"`
	Units  partnerops.Decimal `json:"units,omitzero"`
	Amount partnerops.Money   `json:"amount"`
	Cut    partnerops.Money   `json:"cut,omitzero"`
	Reason SPIFReason         `json:"reason"`
}

// SPIFTotal is what a partner earned from one SPIF.
type SPIFTotal struct {
	SPIF   string           `json:"spif"`
	Amount partnerops.Money `json:"amount"`
	// Capped reports that the cap cut something.
	Capped bool `json:"capped,omitempty"`
}

// SPIFResult is what a partner earned from a SPIF program.
type SPIFResult struct {
	Program  string               `json:"program"`
	Partner  partnerops.PartnerID `json:"partner"`
	Currency partnerops.Currency  `json:"currency"`
	Lines    []SPIFLine           `json:"lines"`
	Totals   []SPIFTotal          `json:"totals"`
	Total    partnerops.Money     `json:"total"`
}

// Earn evaluates a partner's sales against every SPIF, lines in order of
// date then ID (the cap goes to the earliest sales first). Per-unit
// amounts are rounded once per line with half-up to the currency's minor
// units. Only lines whose SKU or family a SPIF lists appear in its
// lines.
func (s *SPIFEngine) Earn(partner partnerops.PartnerID, sales []Sale) (SPIFResult, error) {
	cur := s.currency
	places := cur.MinorUnits()
	order := make([]int, len(sales))
	for i := range order {
		order[i] = i
		if sales[i].ID == "" {
			return SPIFResult{}, inputErr(partnerops.Path("sales", i, "id"), fmt.Errorf("must not be empty: %w", partnerops.ErrInvalid))
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := sales[a].Date.Compare(sales[b].Date); c != 0 {
			return c
		}
		return cmp.Compare(sales[a].ID, sales[b].ID)
	})
	res := SPIFResult{Program: s.id, Partner: partner, Currency: cur}
	var grand int64
	for _, c := range s.spifs {
		var paid int64
		capped := false
		dealsPaid := map[string]bool{}
		for _, i := range order {
			sa := &sales[i]
			if !c.skus[sa.SKU] && !c.families[sa.Family] {
				continue
			}
			deal := sa.Deal
			if deal == "" {
				deal = sa.ID
			}
			l := SPIFLine{SPIF: c.s.ID, Sale: sa.ID, Deal: sa.Deal, Date: sa.Date, Units: sa.Units, Amount: money(0, cur)}
			var raw int64
			switch {
			case sa.Date.Before(c.s.From) || !sa.Date.Before(c.s.Until):
				l.Reason = SPIFOutsideWindow
			case !c.byUnit && dealsPaid[deal]:
				l.Reason = SPIFDealPaid
			case c.byUnit:
				u, ok := amountOf(sa.Units)
				if !ok {
					return SPIFResult{}, inputErr(partnerops.Path("sales", partnerops.Key(sa.ID), "units"), fmt.Errorf("%s: %w", sa.Units, partnerops.ErrRange))
				}
				q, ok := mul128(c.perUnit, u).roundDiv(pow10u[earnScale-places], partnerops.RoundHalfUp)
				if !ok {
					return SPIFResult{}, fmt.Errorf("payout: SPIF %q: %w", c.s.ID, partnerops.ErrRange)
				}
				if raw, ok = mul64(q, int64(pow10u[amountScale-places])); !ok {
					return SPIFResult{}, fmt.Errorf("payout: SPIF %q: %w", c.s.ID, partnerops.ErrRange)
				}
				l.Reason = SPIFPaid
			default:
				raw = c.perDeal
				dealsPaid[deal] = true
				l.Reason = SPIFPaid
			}
			if l.Reason == SPIFPaid {
				amt := raw
				if c.hasCap && paid+amt > c.cap {
					amt = max(c.cap-paid, 0)
					l.Cut = money(raw-amt, cur)
					capped = true
					if amt == 0 {
						l.Reason = SPIFCapped
					}
				}
				var ok bool
				if paid, ok = add64(paid, amt); !ok || paid > maxFixed || paid < -maxFixed {
					return SPIFResult{}, fmt.Errorf("payout: SPIF %q: total: %w", c.s.ID, partnerops.ErrRange)
				}
				l.Amount = money(amt, cur)
			}
			res.Lines = append(res.Lines, l)
		}
		res.Totals = append(res.Totals, SPIFTotal{SPIF: c.s.ID, Amount: money(paid, cur), Capped: capped})
		var ok bool
		if grand, ok = add64(grand, paid); !ok {
			return SPIFResult{}, fmt.Errorf("payout: SPIFs %q: total: %w", s.id, partnerops.ErrRange)
		}
	}
	res.Total = money(grand, cur)
	return res, nil
}

// Text renders the result: a line per sale line and SPIF, then totals.
// Its cost is linear in the number of lines.
func (r *SPIFResult) Text() string {
	var b strings.Builder
	b.Grow(128 + 80*len(r.Lines))
	fmt.Fprintf(&b, "SPIFs %s for %s (%s)\n", r.Program, r.Partner, r.Currency)
	for _, l := range r.Lines {
		fmt.Fprintf(&b, "  %s  %-16s %-10s %-15s %12s\n", dateOf(l.Date), l.SPIF, l.Sale, l.Reason, l.Amount.Amount())
	}
	for _, t := range r.Totals {
		c := ""
		if t.Capped {
			c = " (capped)"
		}
		fmt.Fprintf(&b, "  %s: %s%s\n", t.SPIF, t.Amount.Amount(), c)
	}
	fmt.Fprintf(&b, "Total: %s %s\n", r.Total.Amount(), r.Currency)
	return b.String()
}

// Markdown renders the result as a table.
func (r *SPIFResult) Markdown() string {
	var b strings.Builder
	b.Grow(128 + 80*len(r.Lines))
	fmt.Fprintf(&b, "### SPIFs %s for %s\n\n", textfmt.Cell(r.Program), textfmt.Cell(string(r.Partner)))
	textfmt.Header(&b, "Date", "SPIF", "Sale", "Units", "Reason", "Amount")
	for _, l := range r.Lines {
		textfmt.Row(&b, dateOf(l.Date), l.SPIF, l.Sale, l.Units.String(), string(l.Reason), l.Amount.Amount().String())
	}
	textfmt.Row(&b, "", "**Total**", "", "", "", "**"+r.Total.Amount().String()+"**")
	return b.String()
}
