package mapping

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// ErrUnknownProduct is returned by [ProductWhitespace] for a product that
// is not in the catalog.
var ErrUnknownProduct = errors.New("mapping: unknown product")

// WhitespaceOptions says which vendor accounts the whitespace report
// considers and what counts as partner coverage.
type WhitespaceOptions struct {
	// Statuses are the vendor statuses considered. Defaults to [target].
	Statuses []AccountStatus `json:"statuses,omitempty"`
	// CoveringStatuses are the partner statuses that cover an account: a
	// partner covers a vendor account when it holds the account in one of
	// them. Defaults to [customer, opportunity] (a partner's own prospect
	// is not coverage).
	CoveringStatuses []AccountStatus `json:"covering_statuses,omitempty"`
}

// resolve applies the defaults and validates.
func (o WhitespaceOptions) resolve() (statuses, covering [mapStatusCount]bool, err error) {
	var p partnerops.Problems
	set := func(field string, list []AccountStatus, def []AccountStatus, out *[mapStatusCount]bool) {
		if len(list) == 0 {
			list = def
		}
		for i, s := range list {
			k := mapStatusIndex(s)
			if k < 0 {
				p.Add(partnerops.Path(field, i), "must be customer, opportunity, prospect or target", string(s))
				continue
			}
			out[k] = true
		}
	}
	set("statuses", o.Statuses, []AccountStatus{AccountStatusTarget}, &statuses)
	set("covering_statuses", o.CoveringStatuses, []AccountStatus{AccountStatusCustomer, AccountStatusOpportunity}, &covering)
	return statuses, covering, p.Err()
}

// Whitespace reports, by segment, the vendor accounts (in the considered
// statuses) that no partner covers.
type Whitespace struct {
	// Accounts is the number of vendor accounts considered, Covered those
	// at least one partner covers.
	Accounts int `json:"accounts"`
	Covered  int `json:"covered"`
	// Groups has one entry per segment, ordered by segment name (the
	// accounts without a segment first, under "").
	Groups []WhitespaceGroup `json:"groups"`
}

// WhitespaceGroup is the whitespace of one segment.
type WhitespaceGroup struct {
	Segment  string `json:"segment"`
	Accounts int    `json:"accounts"`
	Covered  int    `json:"covered"`
	// CoverageRate is Covered / Accounts in percent, rounded half-even to
	// two decimal places.
	CoverageRate partnerops.Percent `json:"coverage_rate"`
	// Uncovered lists the accounts no partner covers, by ID, and
	// UncoveredPipeline sums their pipeline.
	Uncovered         []partnerops.AccountID `json:"uncovered"`
	UncoveredPipeline partnerops.Money       `json:"uncovered_pipeline"`
}

// mapWhitespace groups the considered vendor accounts by segment.
func mapWhitespace(vendor []Account, covered []bool, statuses [mapStatusCount]bool, cur partnerops.Currency, places int32) Whitespace {
	idx := make([]int, 0, len(vendor))
	for i := range vendor {
		if statuses[mapStatusIndex(vendor[i].Status)] {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := strings.Compare(vendor[a].Segment, vendor[b].Segment); c != 0 {
			return c
		}
		if c := strings.Compare(string(vendor[a].ID), string(vendor[b].ID)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	w := Whitespace{Accounts: len(idx)}
	for lo := 0; lo < len(idx); {
		seg := vendor[idx[lo]].Segment
		hi := lo
		g := WhitespaceGroup{Segment: seg}
		var acc mapMoneyAcc
		for ; hi < len(idx) && vendor[idx[hi]].Segment == seg; hi++ {
			a := &vendor[idx[hi]]
			g.Accounts++
			if covered[idx[hi]] {
				g.Covered++
				continue
			}
			g.Uncovered = append(g.Uncovered, a.ID)
			acc.add(a.Pipeline, places)
		}
		g.UncoveredPipeline = acc.money(cur, places)
		g.CoverageRate = whitespaceRate(g.Covered, g.Accounts)
		w.Covered += g.Covered
		w.Groups = append(w.Groups, g)
		lo = hi
	}
	return w
}

// whitespaceRate returns part/whole in percent, rounded half-even to two
// places (0 when whole is 0).
func whitespaceRate(part, whole int) partnerops.Percent {
	if whole == 0 {
		return partnerops.Percent{}
	}
	return fixed.Share(int64(part), int64(whole))
}

// Text renders the whitespace report as a fixed-width table.
func (w Whitespace) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %8s %8s %9s %10s\n", "segment", "accounts", "covered", "coverage", "uncovered")
	for _, g := range w.Groups {
		seg := g.Segment
		if seg == "" {
			seg = "(none)"
		}
		fmt.Fprintf(&b, "%-16s %8d %8d %9s %10d\n", seg, g.Accounts, g.Covered, g.CoverageRate.String(), len(g.Uncovered))
	}
	return b.String()
}

// ProductOwnership lists the products one customer owns.
type ProductOwnership struct {
	Account  partnerops.AccountID `json:"account"`
	Products []string             `json:"products"`
}

// PartnerProducts lists the products one partner can deliver (sell,
// implement or support).
type PartnerProducts struct {
	Partner  partnerops.PartnerID `json:"partner"`
	Products []string             `json:"products"`
}

// ProductGap is one product a customer lacks, with the partners that can
// deliver it (by ID; empty when none can).
type ProductGap struct {
	Account  partnerops.AccountID   `json:"account"`
	Product  string                 `json:"product"`
	Partners []partnerops.PartnerID `json:"partners"`
}

// ProductGapSummary counts one product's whitespace across customers.
type ProductGapSummary struct {
	Product string `json:"product"`
	// Owners and Lacking count the customers that own and lack the
	// product; Deliverers the partners that can deliver it.
	Owners     int `json:"owners"`
	Lacking    int `json:"lacking"`
	Deliverers int `json:"deliverers"`
}

// ProductWhitespaceReport is the result of [ProductWhitespace].
type ProductWhitespaceReport struct {
	// Gaps lists every (customer, missing product) pair, by customer ID
	// then catalog order.
	Gaps []ProductGap `json:"gaps"`
	// Products summarizes each catalog product, in catalog order.
	Products []ProductGapSummary `json:"products"`
}

// ProductWhitespace compares a customer-by-product ownership matrix with
// the catalog: for each customer, the catalog products it does not own,
// and for each of those the partners that can deliver it. The catalog
// must hold unique, non-empty product names; owned and deliverable
// products must be in it (otherwise the error wraps [ErrUnknownProduct]
// and [partnerops.ErrInvalid]); a customer listed twice is an error.
func ProductWhitespace(catalog []string, owned []ProductOwnership, deliverers []PartnerProducts) (ProductWhitespaceReport, error) {
	var p partnerops.Problems
	pos := make(map[string]int, len(catalog))
	for i, c := range catalog {
		if c == "" {
			p.Add(partnerops.Path("catalog", i), "must not be empty", "")
			continue
		}
		if _, dup := pos[c]; dup {
			p.Add(partnerops.Path("catalog", i), "is listed twice", c)
			continue
		}
		pos[c] = i
	}
	unknown := false
	check := func(path string, prod string) (int, bool) {
		k, ok := pos[prod]
		if !ok {
			p.Add(path, "is not in the catalog", prod)
			unknown = true
		}
		return k, ok
	}
	// can[k] lists the partners able to deliver product k.
	can := make([][]partnerops.PartnerID, len(catalog))
	for i, d := range deliverers {
		if d.Partner == "" {
			p.Add(partnerops.Path("deliverers", i, "partner"), "must not be empty", "")
		}
		for j, prod := range d.Products {
			if k, ok := check(partnerops.Path("deliverers", mapElem(string(d.Partner), i), "products", j), prod); ok {
				can[k] = append(can[k], d.Partner)
			}
		}
	}
	order := make([]int, len(owned))
	for i := range owned {
		order[i] = i
		if owned[i].Account == "" {
			p.Add(partnerops.Path("owned", i, "account"), "must not be empty", "")
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(string(owned[a].Account), string(owned[b].Account)) })
	for i := 1; i < len(order); i++ {
		if a := owned[order[i]].Account; a != "" && a == owned[order[i-1]].Account {
			p.Add(partnerops.Path("owned", order[i], "account"), "is listed twice", string(a))
		}
	}
	has := make([][]bool, len(owned))
	for i, o := range owned {
		has[i] = make([]bool, len(catalog))
		for j, prod := range o.Products {
			if k, ok := check(partnerops.Path("owned", mapElem(string(o.Account), i), "products", j), prod); ok {
				has[i][k] = true
			}
		}
	}
	if err := p.Err(); err != nil {
		if unknown {
			return ProductWhitespaceReport{}, fmt.Errorf("mapping: product whitespace: %w", errors.Join(ErrUnknownProduct, err))
		}
		return ProductWhitespaceReport{}, err
	}
	for k := range can {
		slices.Sort(can[k])
		can[k] = slices.Compact(can[k])
	}
	rep := ProductWhitespaceReport{Products: make([]ProductGapSummary, len(catalog))}
	for k, c := range catalog {
		rep.Products[k] = ProductGapSummary{Product: c, Deliverers: len(can[k])}
	}
	gaps := 0
	for i := range owned {
		for k := range catalog {
			if !has[i][k] {
				gaps++
			}
		}
	}
	rep.Gaps = make([]ProductGap, 0, gaps)
	for _, i := range order {
		for k := range catalog {
			if has[i][k] {
				rep.Products[k].Owners++
				continue
			}
			rep.Products[k].Lacking++
			rep.Gaps = append(rep.Gaps, ProductGap{Account: owned[i].Account, Product: catalog[k], Partners: slices.Clone(can[k])})
		}
	}
	return rep, nil
}
