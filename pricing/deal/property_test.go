package deal_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing/deal"
)

func pct(s string) *partnerops.Percent { p := partnerops.MustPercent(s); return &p }
func money(s string) *partnerops.Money { m := partnerops.MustMoney(s, "USD"); return &m }

func genPercent(t *rapid.T, label string) *partnerops.Percent {
	// 0 to 60% with up to 2 decimals
	n := rapid.IntRange(0, 6000).Draw(t, label)
	return pct(fmt.Sprintf("%d.%02d", n/100, n%100))
}

func genCents(t *rapid.T, label string, max int64) string {
	n := rapid.Int64Range(0, max).Draw(t, label)
	return fmt.Sprintf("%d.%02d", n/100, n%100)
}

// genTerms draws a model with a random set of slots of every role.
func genTerms(t *rapid.T) deal.Terms {
	var slots []deal.Slot
	if rapid.Bool().Draw(t, "oem") {
		s := deal.Slot{ID: "oem", Role: deal.RoleOEM}
		if rapid.Bool().Draw(t, "per-unit") {
			s.RoyaltyPerUnit = money(genCents(t, "per-unit-royalty", 100000))
		} else {
			s.Royalty = genPercent(t, "royalty")
		}
		if rapid.Bool().Draw(t, "has-min") {
			s.Minimum = money(genCents(t, "minimum", 1e8))
		}
		slots = append(slots, s)
	} else {
		if rapid.Bool().Draw(t, "reseller") {
			slots = append(slots, deal.Slot{ID: "reseller", Role: deal.RoleReseller, Margin: genPercent(t, "margin"), RenewalMargin: genPercent(t, "renewal-margin")})
		}
		if rapid.Bool().Draw(t, "distributor") {
			slots = append(slots, deal.Slot{ID: "distributor", Role: deal.RoleDistributor, Margin: genPercent(t, "dist-margin")})
		}
	}
	if rapid.Bool().Draw(t, "marketplace") {
		slots = append(slots, deal.Slot{ID: "mp", Role: deal.RoleMarketplace, Fee: genPercent(t, "mp-fee"), PrivateOfferFee: genPercent(t, "po-fee")})
	}
	if rapid.Bool().Draw(t, "referral") {
		s := deal.Slot{ID: "ref", Role: deal.RoleReferral, Fee: genPercent(t, "ref-fee"), Years: rapid.IntRange(0, 5).Draw(t, "years"),
			Basis: rapid.SampledFrom([]deal.Basis{"", deal.BasisTCV, deal.BasisFirstYearACV}).Draw(t, "basis")}
		if rapid.Bool().Draw(t, "cap") {
			s.Cap = money(genCents(t, "cap", 1e8))
		}
		if s.Years > 1 {
			s.Basis = ""
		}
		slots = append(slots, s)
	}
	if rapid.Bool().Draw(t, "gsi") {
		slots = append(slots, deal.Slot{ID: "gsi", Role: deal.RoleGSI, SourcedFee: genPercent(t, "sourced"), InfluencedFee: genPercent(t, "influenced")})
	}
	if rapid.Bool().Draw(t, "alliance") {
		n := rapid.IntRange(1, 4).Draw(t, "tiers")
		var tiers []deal.ShareTier
		from := int64(0)
		for i := 0; i < n; i++ {
			tiers = append(tiers, deal.ShareTier{From: partnerops.MustMoney(fmt.Sprintf("%d.00", from), "USD"), Percent: *genPercent(t, "tier-pct")})
			from += rapid.Int64Range(1, 1e7).Draw(t, "tier-step")
		}
		slots = append(slots, deal.Slot{ID: "isv", Role: deal.RoleAlliance, Tiers: tiers,
			Tiering: rapid.SampledFrom([]deal.Tiering{deal.TieringSlab, deal.TieringRange}).Draw(t, "tiering")})
	}
	// shuffle the slot order: the waterfall order must not depend on it
	perm := rapid.Permutation(slots).Draw(t, "order")
	return deal.Terms{Currency: "USD", Models: []deal.Model{{ID: "m", Motion: "resell", Parties: perm}}}
}

func genDeal(t *rapid.T, terms deal.Terms) deal.Deal {
	d := deal.Deal{Model: "m", Price: partnerops.MustMoney(genCents(t, "price", 1e11), "USD"),
		TermMonths:   rapid.IntRange(1, 72).Draw(t, "term"),
		Units:        partnerops.DecimalFromInt(rapid.Int64Range(0, 100000).Draw(t, "units")),
		PrivateOffer: rapid.Bool().Draw(t, "private"),
		Business:     rapid.SampledFrom([]partnerops.BusinessType{"", partnerops.BusinessRenewal}).Draw(t, "business"),
	}
	for _, s := range terms.Models[0].Parties {
		n := 1
		if s.Role == deal.RoleReferral || s.Role == deal.RoleGSI || s.Role == deal.RoleAlliance {
			n = rapid.IntRange(0, 4).Draw(t, "split")
		}
		for i := 0; i < n; i++ {
			p := deal.Party{Slot: s.ID, Partner: partnerops.PartnerID(fmt.Sprintf("%s-%d", s.ID, i))}
			if rapid.Bool().Draw(t, "weighted") {
				p.Weight = partnerops.DecimalFromInt(rapid.Int64Range(1, 100).Draw(t, "weight"))
			}
			d.Parties = append(d.Parties, p)
		}
	}
	return d
}

// roundRat rounds x half up (away from zero) to places.
func roundRat(x *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	y := new(big.Rat).Mul(x, new(big.Rat).SetInt(scale))
	num, den := new(big.Int).Abs(y.Num()), y.Denom()
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(r, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if y.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, scale)
}

func rat(d partnerops.Decimal) *big.Rat {
	r, ok := new(big.Rat).SetString(d.String())
	if !ok {
		panic(d.String())
	}
	return r
}

// Parties' amounts plus the vendor net equal the customer price, every
// single percent amount is the exact product rounded once (checked
// against big.Rat), and splits sum to their slot's amount.
func TestPropertyBalances(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		e, err := deal.Compile(terms)
		if err != nil {
			t.Fatal(err)
		}
		d := genDeal(t, terms)
		r, err := e.Evaluate(d)
		if err != nil {
			t.Fatal(err)
		}
		sum := r.VendorNet
		slotSums := map[deal.SlotID]partnerops.Money{}
		for _, p := range r.Parties {
			sum, _ = sum.Add(p.Amount)
			if !p.SlotAmount.IsZero() {
				s, ok := slotSums[p.Slot]
				if !ok {
					s = partnerops.Zero("USD")
				}
				slotSums[p.Slot], _ = s.Add(p.Amount)
			}
			single := p.SlotAmount.IsZero() && p.Requested.IsZero() && !p.Percent.IsZero() &&
				p.Basis != deal.BasisACV && p.Basis != deal.BasisNetRevenue && p.Role != deal.RoleOEM
			if single {
				want := roundRat(new(big.Rat).Mul(rat(p.BasisAmount.Amount()), new(big.Rat).Quo(rat(p.Percent.Decimal()), big.NewRat(100, 1))), 2)
				if rat(p.Amount.Amount()).Cmp(want) != 0 {
					t.Fatalf("%s: %s of %s = %s, want %s", p.Slot, p.Percent, p.BasisAmount, p.Amount, want.FloatString(2))
				}
			}
		}
		if !sum.Equal(r.CustomerPrice) {
			t.Fatalf("parties + vendor net = %s, want %s", sum, r.CustomerPrice)
		}
		for _, p := range r.Parties {
			if s, ok := slotSums[p.Slot]; ok && !s.Equal(p.SlotAmount) {
				t.Fatalf("slot %s: parts sum to %s, want %s", p.Slot, s, p.SlotAmount)
			}
		}
	})
}

// Results decode to what was encoded and render the same text.
func TestPropertyResultRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		e, err := deal.Compile(terms)
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Evaluate(genDeal(t, terms))
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var got deal.Result
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if got.Text() != r.Text() || got.Markdown() != r.Markdown() {
			t.Fatalf("round trip renders differently:\n%s\n%s", r.Text(), got.Text())
		}
		b2, _ := json.Marshal(got)
		if string(b) != string(b2) {
			t.Fatalf("re-encoding differs:\n%s\n%s", b, b2)
		}
	})
}

// Evaluate and the renderers are linear in the number of parties:
// counted in allocations (deterministic, unlike time on a shared
// machine), 8 times the parties cost at most ~10 times as much.
func TestGrowth(t *testing.T) {
	e := mustEngine()
	mk := func(n int) deal.Deal {
		d := deal.Deal{Model: "alliance", Price: usd("1000000.00")}
		for i := 0; i < n; i++ {
			d.Parties = append(d.Parties, deal.Party{Slot: "isv", Partner: partnerops.PartnerID(fmt.Sprint("p", i)), Weight: partnerops.DecimalFromInt(int64(i%7 + 1))})
		}
		return d
	}
	cost := func(n int, f func(deal.Result)) float64 {
		d := mk(n)
		return testing.AllocsPerRun(3, func() {
			r, err := e.Evaluate(d)
			if err != nil {
				t.Fatal(err)
			}
			f(r)
		})
	}
	for name, f := range map[string]func(deal.Result){
		"Evaluate": func(deal.Result) {},
		"Text":     func(r deal.Result) { _ = r.Text() },
		"Markdown": func(r deal.Result) { _ = r.Markdown() },
	} {
		small, large := cost(100, f), cost(800, f)
		if large > 10*small {
			t.Errorf("%s: 100 parties %v allocs, 800 parties %v; want at most ~10x", name, small, large)
		}
	}
	// and time, loosely (the machine is shared)
	start := time.Now()
	_, _ = e.Evaluate(mk(800))
	if d := time.Since(start); d > time.Second {
		t.Errorf("Evaluate of 800 parties took %v", d)
	}
}

// The fixed-point path gives exactly what the decimal path gives.
func TestFastMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		terms.Rounding.Mode = rapid.SampledFrom([]partnerops.RoundingMode{partnerops.RoundHalfUp, partnerops.RoundHalfEven, partnerops.RoundDown, partnerops.RoundUp, partnerops.RoundCeiling, partnerops.RoundFloor}).Draw(t, "mode")
		e, err := deal.Compile(terms)
		if err != nil {
			t.Fatal(err)
		}
		d := genDeal(t, terms)
		if rapid.Bool().Draw(t, "list") {
			d.List = partnerops.MustMoney(genCents(t, "list", 2e11), "USD")
		}
		fast, err1 := e.Evaluate(d)
		slow, err2 := deal.DecimalOnly(e).Evaluate(d)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v, %v", err1, err2)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("fixed point differs from decimal (-decimal +fixed):\n%s", diff)
		}
		if slow.Text() != fast.Text() {
			t.Fatalf("texts differ:\n%s\n%s", slow.Text(), fast.Text())
		}
	})
}

// The engine's allocation gives exactly what Money.Allocate gives.
func TestAllocateMatchesRoot(t *testing.T) {
	e := mustEngine()
	rapid.Check(t, func(t *rapid.T) {
		m := partnerops.MustMoney(genCents(t, "amount", 1e13), "USD")
		if rapid.Bool().Draw(t, "neg") {
			m = m.Neg()
		}
		n := rapid.IntRange(1, 12).Draw(t, "n")
		w := make([]partnerops.Decimal, n)
		for i := range w {
			w[i] = partnerops.NewDecimal(rapid.Int64Range(0, 1e6).Draw(t, "w"), -int32(rapid.IntRange(0, 4).Draw(t, "scale")))
		}
		want, err1 := m.Allocate(w...)
		got, err2 := deal.AllocateForTest(e, m, w)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v, %v", err1, err2)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Allocate(%s, %v) (-root +engine):\n%s", m, w, diff)
		}
	})
}

// Compare and its renderers are linear in the number of models.
func TestCompareGrowth(t *testing.T) {
	mk := func(n int) (*deal.Engine, []deal.ModelID) {
		terms := deal.Terms{Currency: "USD"}
		var ids []deal.ModelID
		for i := 0; i < n; i++ {
			id := deal.ModelID(fmt.Sprint("m", i))
			terms.Models = append(terms.Models, deal.Model{ID: id, Motion: "resell", Parties: []deal.Slot{{ID: "reseller", Role: deal.RoleReseller, Margin: pct(fmt.Sprint(i % 40))}}})
			ids = append(ids, id)
		}
		e, err := deal.Compile(terms)
		if err != nil {
			t.Fatal(err)
		}
		return e, ids
	}
	cost := func(n int) float64 {
		e, ids := mk(n)
		d := deal.Deal{Price: usd("1000.00"), Parties: []deal.Party{{Slot: "reseller", Partner: "r"}}}
		return testing.AllocsPerRun(2, func() {
			c, err := e.Compare(d, ids...)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = c.Text(), c.Markdown()
		})
	}
	if small, large := cost(50), cost(400); large > 10*small {
		t.Errorf("50 models: %v allocs, 400: %v; want at most ~10x", small, large)
	}
}
