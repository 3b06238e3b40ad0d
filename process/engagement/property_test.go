package engagement_test

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process/engagement"
)

func genRules(t *rapid.T) engagement.Rules {
	r := engagement.Rules{ID: "r", Currency: "USD", Tiers: partnerops.MustTierLadder("silver", "gold", "platinum")}
	kinds := rapid.Permutation(engagement.PolicyKinds()).Draw(t, "order")
	n := rapid.IntRange(1, len(kinds)).Draw(t, "policies")
	for i, k := range kinds[:n] {
		p := engagement.Policy{ID: "p" + strconv.Itoa(i), Kind: k}
		switch k {
		case engagement.PolicyFirstToRegister:
			p.Within = time.Duration(rapid.IntRange(0, 48).Draw(t, "within")) * time.Hour
		case engagement.PolicyCertified:
			p.Min = rapid.IntRange(0, 3).Draw(t, "min")
		case engagement.PolicyDirectDefers:
			p.MinDeal = partnerops.MustMoney(strconv.Itoa(rapid.IntRange(0, 100000).Draw(t, "min-deal")), "USD")
			p.DirectWinsBelow = rapid.Bool().Draw(t, "below")
		case engagement.PolicySplit:
			if rapid.Bool().Draw(t, "weighted") {
				w := func(label string) *partnerops.Decimal {
					d := partnerops.NewDecimal(int64(rapid.IntRange(1, 10000).Draw(t, label)), -int32(rapid.IntRange(0, 2).Draw(t, label+"-exp")))
					return &d
				}
				p.Weights = &engagement.SplitWeights{Sourced: w("sourced"), Influenced: w("influenced"), Direct: w("direct")}
			}
		}
		r.Policies = append(r.Policies, p)
	}
	return r
}

func genCase(t *rapid.T) engagement.Case {
	c := engagement.Case{ID: "C"}
	if rapid.Bool().Draw(t, "has-value") {
		cents := rapid.IntRange(1, 1e9).Draw(t, "cents")
		c.Value, _ = partnerops.MoneyFromMinor(int64(cents), "USD")
	}
	n := rapid.IntRange(1, 7).Draw(t, "claims")
	if rapid.Bool().Draw(t, "direct") {
		c.Claims = append(c.Claims, engagement.Claim{Direct: true})
	}
	for i := range n {
		c.Claims = append(c.Claims, engagement.Claim{Partner: partnerops.PartnerID("p" + strconv.Itoa(i))})
	}
	for i := range c.Claims {
		cl := &c.Claims[i]
		l := strconv.Itoa(i)
		if rapid.Bool().Draw(t, "reg"+l) {
			cl.Registered = t0.Add(time.Duration(rapid.IntRange(0, 96).Draw(t, "at"+l)) * time.Hour)
		}
		cl.Incumbent = rapid.IntRange(0, 3).Draw(t, "inc"+l) == 0
		if !cl.Direct {
			cl.Tier = rapid.SampledFrom([]partnerops.Tier{"", "silver", "gold", "platinum"}).Draw(t, "tier"+l)
			cl.Certifications = rapid.IntRange(0, 4).Draw(t, "certs"+l)
			cl.Attribution = rapid.SampledFrom([]partnerops.Attribution{"", partnerops.AttributionSourced, partnerops.AttributionInfluenced}).Draw(t, "attr"+l)
		}
	}
	return c
}

func TestPropertyDecisions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRules(t)
		e, err := engagement.Compile(r)
		if err != nil {
			t.Fatal(err)
		}
		c := genCase(t)
		d, err := e.Decide(c)
		if err != nil {
			t.Fatal(err)
		}
		// Steps chain: each sees what the previous kept; only the last
		// may decide.
		prev := d.Claimants
		for i, s := range d.Steps {
			if !slices.Equal(s.Before, prev) {
				t.Fatalf("step %d sees %v, previous kept %v", i, s.Before, prev)
			}
			if (s.Result == engagement.StepDecided) != (i == len(d.Steps)-1 && d.Decided) {
				t.Fatalf("step %d result %s, decided %v", i, s.Result, d.Decided)
			}
			prev = s.After
		}
		if !d.Decided {
			if len(d.Credits) != 0 || len(d.Steps) != len(r.Policies) {
				t.Fatalf("undecided with credits or unconsulted policies: %s", d.Text())
			}
			return
		}
		// Credit splits sum exactly: shares to 100%, amounts to the value,
		// each within one minor unit of the exact big.Rat share.
		shares := partnerops.Zero("USD")
		var amounts []partnerops.Money
		wsum := new(big.Rat)
		for _, cr := range d.Credits {
			shares, _ = shares.Add(partnerops.MustMoney(cr.Share.Decimal().String(), "USD"))
			amounts = append(amounts, cr.Amount)
			w, _ := new(big.Rat).SetString(cr.Weight.String())
			wsum.Add(wsum, w)
		}
		if shares.String() != "100.00 USD" {
			t.Fatalf("shares sum to %s, want 100%%: %s", shares, d.Text())
		}
		if c.Value.IsZero() {
			return
		}
		total, err := partnerops.Sum("USD", amounts...)
		if err != nil || !total.Equal(c.Value) {
			t.Fatalf("amounts sum to %s, want %s: %s", total, c.Value, d.Text())
		}
		v, _ := new(big.Rat).SetString(c.Value.Amount().String())
		cent := big.NewRat(1, 100)
		for _, cr := range d.Credits {
			w, _ := new(big.Rat).SetString(cr.Weight.String())
			exact := new(big.Rat).Quo(new(big.Rat).Mul(v, w), wsum)
			got, _ := new(big.Rat).SetString(cr.Amount.Amount().String())
			diff := new(big.Rat).Sub(got, exact)
			if diff.Sign() < 0 && diff.Neg(diff).Cmp(cent) >= 0 || diff.Sign() >= 0 && diff.Cmp(cent) >= 0 {
				t.Fatalf("%s gets %s, exact share %s: more than a cent apart", cr.Claimant, cr.Amount, exact.FloatString(4))
			}
		}
	})
}

func TestPropertyDecisionRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, err := engagement.Compile(genRules(t))
		if err != nil {
			t.Fatal(err)
		}
		c := genCase(t)
		d, err := e.Decide(c)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back engagement.Decision
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		if d.Text() != back.Text() || d.Markdown() != back.Markdown() {
			t.Fatal("round trip renders differently")
		}
		// Deterministic: the same case decides the same way.
		again, _ := e.Decide(c)
		if diff := cmp.Diff(d, again); diff != "" {
			t.Fatalf("second decision differs:\n%s", diff)
		}
		// The case round-trips too.
		cb, _ := json.Marshal(c)
		c2, err := engagement.ParseCase(cb)
		if err != nil {
			t.Fatalf("re-parsing case %s: %v", cb, err)
		}
		if diff := cmp.Diff(c, c2); diff != "" {
			t.Fatalf("case round trip:\n%s", diff)
		}
	})
}

// TestGrowthDecide: deciding a case and rendering it is linear (n log n)
// in its claims.
func TestGrowthDecide(t *testing.T) {
	e := mustEngine(t, rulesJSON)
	measure.Check(t, "Decide+render", 500, func(n int) func() {
		c := engagement.Case{Value: usd("1000000.00")}
		for i := range n {
			c.Claims = append(c.Claims, engagement.Claim{Partner: partnerops.PartnerID("p" + strconv.Itoa(i)), Registered: t0, Tier: "gold"})
		}
		return func() {
			dec, err := e.Decide(c)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = dec.Text(), dec.Markdown()
		}
	}, measure.Bounds{Time: 20, Bytes: 10})
}
