package routing_test

import (
	"cmp"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

var propDef = `{"tiers":["silver","gold"],"filters":[
  {"id":"region","kind":"region"},{"id":"tier","kind":"tier","min_tier":"silver"},{"id":"motion","kind":"motion"},
  {"id":"needs","kind":"requirements"},{"id":"capacity","kind":"capacity"},{"id":"paused","kind":"paused"},{"id":"conflicts","kind":"conflicts"}],
  "default_capacity":4,"offers":%d,"strategy":%s}`

var propStrategies = []string{
	`{"kind":"best_fit","factors":[{"id":"fit","source":"fit_score","weight":"3"},{"id":"t","source":"tier","weight":"1"},{"id":"r","source":"response_time","weight":"1.5","worst":"24"}]}`,
	`{"kind":"round_robin"}`,
	`{"kind":"load_balanced"}`,
	`{"kind":"weighted_random","factors":[{"id":"fit","source":"fit_score","weight":"1"}]}`,
	`{"kind":"sticky","then":"round_robin"}`,
	`{"kind":"sticky","factors":[{"id":"c","source":"custom","name":"nps","weight":"1","best":"10","worst":"-10"}]}`,
}

func genPartners(t *rapid.T) []routing.Partner {
	n := rapid.IntRange(0, 30).Draw(t, "partners")
	ps := make([]routing.Partner, n)
	for i := range ps {
		l := strconv.Itoa(i)
		p := routing.Partner{
			ID:       partnerops.PartnerID("p" + strconv.Itoa(rapid.IntRange(0, 99).Draw(t, "id"+l)*100+i)),
			Tier:     rapid.SampledFrom([]partnerops.Tier{"", "silver", "gold"}).Draw(t, "tier"+l),
			Regions:  rapid.SliceOfDistinct(rapid.SampledFrom([]partnerops.Region{"emea", "us"}), func(r partnerops.Region) partnerops.Region { return r }).Draw(t, "regions"+l),
			Motions:  rapid.SliceOfDistinct(rapid.SampledFrom([]partnerops.Motion{"resell", "co_sell"}), func(m partnerops.Motion) partnerops.Motion { return m }).Draw(t, "motions"+l),
			Capacity: rapid.IntRange(0, 5).Draw(t, "cap"+l), OpenLeads: rapid.IntRange(0, 5).Draw(t, "open"+l),
			Paused: rapid.IntRange(0, 5).Draw(t, "paused"+l) == 0,
		}
		if c := rapid.IntRange(0, 3).Draw(t, "certs"+l); c > 0 {
			p.Certifications = map[string]int{"sec": c}
		}
		if rapid.Bool().Draw(t, "hasfit"+l) {
			p.FitScore = dec(strconv.Itoa(rapid.IntRange(-10, 110).Draw(t, "fit"+l)))
		}
		if rapid.Bool().Draw(t, "hashours"+l) {
			p.ResponseHours = dec(strconv.Itoa(rapid.IntRange(0, 30).Draw(t, "hours"+l)) + ".5")
		}
		if rapid.Bool().Draw(t, "hasnps"+l) {
			p.Scores = map[string]partnerops.Decimal{"nps": partnerops.DecimalFromInt(int64(rapid.IntRange(-10, 10).Draw(t, "nps"+l)))}
		}
		switch rapid.IntRange(0, 5).Draw(t, "acct"+l) {
		case 0:
			p.Conflicts = []partnerops.AccountKey{{Domain: "acme.com"}}
		case 1:
			p.Accounts = []partnerops.AccountKey{{Domain: "acme.com", Name: "acme"}}
		case 2:
			p.Accounts = []partnerops.AccountKey{{Name: "acme"}}
		}
		ps[i] = p
	}
	// IDs must be unique.
	seen := map[partnerops.PartnerID]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out
}

func genLead(t *rapid.T) routing.Lead {
	l := routing.Lead{
		ID:      "L",
		Region:  rapid.SampledFrom([]partnerops.Region{"", "emea", "us"}).Draw(t, "region"),
		Motion:  rapid.SampledFrom([]partnerops.Motion{"", "resell"}).Draw(t, "motion"),
		Account: rapid.SampledFrom([]partnerops.AccountKey{{}, {Domain: "acme.com"}, {Name: "acme"}}).Draw(t, "account"),
	}
	if rapid.Bool().Draw(t, "needs") {
		l.Requirements = []routing.Requirement{{Name: "sec", Min: rapid.IntRange(0, 3).Draw(t, "min")}}
	}
	return l
}

func genPool(t *rapid.T) (*routing.Pool, []routing.Partner, string) {
	strategy := rapid.SampledFrom(propStrategies).Draw(t, "strategy")
	ps := genPartners(t)
	def := fmtDef(rapid.IntRange(1, 6).Draw(t, "offers"), strategy)
	return mustPool(t, def, ps), ps, strategy
}

func fmtDef(offers int, strategy string) string {
	return sprintf(propDef, offers, strategy)
}

func TestPropertyRouting(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pl, ps, _ := genPool(t)
		lead := genLead(t)
		var offered []partnerops.PartnerID
		for _, p := range ps {
			if rapid.IntRange(0, 4).Draw(t, "offered-"+string(p.ID)) == 0 {
				offered = append(offered, p.ID)
			}
		}
		seed := rapid.Uint64().Draw(t, "seed")
		cursor := partnerops.PartnerID("p" + strconv.Itoa(rapid.IntRange(0, 9999).Draw(t, "cursor")))
		opts := func() routing.Options {
			return routing.Options{Cursor: cursor, Rand: rand.New(rand.NewPCG(seed, 7)), Offered: offered, Trace: true}
		}
		res := must(pl.Route(lead, opts()))
		// Deterministic for a cursor and a seed.
		if diff := gocmp.Diff(res, must(pl.Route(lead, opts()))); diff != "" {
			t.Fatalf("second routing differs:\n%s", diff)
		}
		// Eligibility agrees with Explain, partner by partner; skips count
		// each partner once.
		eligible := map[partnerops.PartnerID]bool{}
		for _, p := range ps {
			el := must(pl.Explain(lead, p.ID))
			if el.Eligible && !slices.Contains(offered, p.ID) {
				eligible[p.ID] = true
			}
		}
		skipped := 0
		for _, s := range res.Skipped {
			skipped += s.Count
			if len(s.Partners) != s.Count {
				t.Fatalf("skip %s: %d partners listed, count %d", s.Filter, len(s.Partners), s.Count)
			}
		}
		if res.Eligible != len(eligible) || res.Eligible+skipped != len(ps) {
			t.Fatalf("eligible %d (Explain: %d), skipped %d, of %d", res.Eligible, len(eligible), skipped, len(ps))
		}
		// Candidates are distinct eligible partners, at most the offers.
		seen := map[partnerops.PartnerID]bool{}
		for _, c := range res.Candidates {
			if !eligible[c.Partner] || seen[c.Partner] {
				t.Fatalf("candidate %s: eligible %v, repeated %v", c.Partner, eligible[c.Partner], seen[c.Partner])
			}
			seen[c.Partner] = true
		}
		if want := min(len(eligible), res.MaxOffers); len(res.Candidates) != want {
			t.Fatalf("%d candidates, want %d", len(res.Candidates), want)
		}
	})
}

func TestPropertyBestFitScores(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ps := genPartners(t)
		pl := mustPool(t, fmtDef(100, propStrategies[0]), ps)
		res := must(pl.Route(routing.Lead{}, routing.Options{}))
		// Reference: exact rationals, rounded half even once.
		ref := func(p routing.Partner) *big.Rat {
			norm := func(v *partnerops.Decimal, best, worst int64) *big.Rat {
				if v == nil {
					return new(big.Rat)
				}
				r, _ := new(big.Rat).SetString(v.String())
				r.Sub(r, big.NewRat(worst, 1)).Quo(r, big.NewRat(best-worst, 1))
				if r.Sign() < 0 {
					return new(big.Rat)
				}
				if r.Cmp(big.NewRat(1, 1)) > 0 {
					return big.NewRat(1, 1)
				}
				return r
			}
			tier := map[partnerops.Tier]*big.Rat{"": new(big.Rat), "silver": new(big.Rat), "gold": big.NewRat(1, 1)}[p.Tier]
			s := new(big.Rat).Mul(big.NewRat(3, 1), norm(p.FitScore, 100, 0))
			s.Add(s, tier)
			s.Add(s, new(big.Rat).Mul(big.NewRat(3, 2), norm(p.ResponseHours, 0, 24)))
			return s.Quo(s, big.NewRat(11, 2)).Mul(s, big.NewRat(100, 1))
		}
		byID := map[partnerops.PartnerID]routing.Partner{}
		for _, p := range ps {
			byID[p.ID] = p
		}
		var prev *routing.Candidate
		for i := range res.Candidates {
			c := &res.Candidates[i]
			exact := ref(byID[c.Partner])
			want := roundHalfEven(exact, 6)
			if c.Score.Cmp(partnerops.MustDecimal(want)) != 0 {
				t.Fatalf("%s: score %s, want %s (exact %s)", c.Partner, c.Score, want, exact.FloatString(10))
			}
			if prev != nil {
				if d := prev.Score.Cmp(c.Score); d < 0 || d == 0 && cmp.Compare(prev.Partner, c.Partner) > 0 {
					t.Fatalf("%s (%s) ranked after %s (%s)", c.Partner, c.Score, prev.Partner, prev.Score)
				}
			}
			prev = c
		}
	})
}

// roundHalfEven renders q rounded half even to places, as
// partnerops.Decimal prints it.
func roundHalfEven(q *big.Rat, places int) string {
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	x := new(big.Rat).Mul(q, new(big.Rat).SetInt(unit))
	quo, rem := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	if c := new(big.Int).Lsh(rem, 1).Cmp(x.Denom()); c > 0 || c == 0 && quo.Bit(0) == 1 {
		quo.Add(quo, big.NewInt(1))
	}
	return partnerops.NewDecimal(quo.Int64(), -int32(places)).String()
}

func TestPropertyChainNeverOffersTwice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pl, ps, _ := genPool(t)
		lead := genLead(t)
		rng := rand.New(rand.NewPCG(1, 2))
		res := must(pl.Route(lead, routing.Options{Rand: rng}))
		c := routing.NewChain(res)
		for step := 0; step < 40; step++ {
			switch c.Status {
			case routing.ChainOffering:
				outcome := rapid.SampledFrom([]routing.OfferOutcome{routing.OfferDeclined, routing.OfferTimedOut, routing.OfferAccepted}).Draw(t, "outcome")
				c = must(c.Respond(outcome, ""))
			case routing.ChainAccepted:
				if !rapid.Bool().Draw(t, "return") {
					step = 40
					continue
				}
				c = must(c.Respond(routing.OfferReturned, "handed back"))
			}
			if rapid.Bool().Draw(t, "reroute") {
				// Loads change; re-route without the partners offered.
				if len(ps) > 0 {
					p := rapid.SampledFrom(ps).Draw(t, "changed")
					pl = must(pl.Update(routing.Load{Partner: p.ID, OpenLeads: rapid.IntRange(0, 5).Draw(t, "load")}))
				}
				c = c.Continue(must(pl.Route(lead, routing.Options{Rand: rng, Offered: c.Offered()})))
			}
			offered := c.Offered()
			sorted := slices.Clone(offered)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(offered) {
				t.Fatalf("a partner was offered the lead twice: %v\n%s", offered, c.Text())
			}
			if len(offered) > c.Max {
				t.Fatalf("%d offers, max %d", len(offered), c.Max)
			}
			if _, pending := c.Pending(); pending != (c.Status == routing.ChainOffering) {
				t.Fatalf("status %s, pending %v", c.Status, pending)
			}
		}
		// The chain round-trips.
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back routing.Chain
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(c, back); diff != "" || c.Text() != back.Text() || c.Markdown() != back.Markdown() {
			t.Fatalf("chain round trip:\n%s", diff)
		}
	})
}

func TestPropertyResultRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pl, _, _ := genPool(t)
		res := must(pl.Route(genLead(t), routing.Options{Rand: rand.New(rand.NewPCG(5, 6)), Trace: rapid.Bool().Draw(t, "trace")}))
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var back routing.Result
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if diff := gocmp.Diff(res, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		if res.Text() != back.Text() || res.Markdown() != back.Markdown() {
			t.Fatal("round trip renders differently")
		}
		// Explanations round-trip too.
		if pl.Len() > 0 {
			el := must(pl.Explain(genLead(t), pl.Partners()[rapid.IntRange(0, pl.Len()-1).Draw(t, "who")]))
			b, _ := json.Marshal(el)
			var eb routing.Eligibility
			if err := json.Unmarshal(b, &eb); err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(el, eb); diff != "" {
				t.Fatalf("eligibility round trip:\n%s", diff)
			}
		}
	})
}
