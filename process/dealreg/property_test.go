package dealreg_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/dealreg"
)

var (
	genDomains = []string{"", "acme.com", "acme.co.uk", "beta.com"}
	genNames   = []string{"", "acme", "beta"}
	genSKUs    = []dealreg.SKU{"A", "B", "C"}
	genFams    = []dealreg.Family{"x", "y"}
	genStatus  = []dealreg.Status{"submitted", "approved", "expired", "open", "closed"}
)

func genKey(t *rapid.T, label string) partnerops.AccountKey {
	for {
		k := partnerops.AccountKey{
			Domain: rapid.SampledFrom(genDomains).Draw(t, label+"-domain"),
			Name:   rapid.SampledFrom(genNames).Draw(t, label+"-name"),
		}
		if !k.IsZero() {
			return k
		}
	}
}

func genScope(t *rapid.T, label string) dealreg.Scope {
	var s dealreg.Scope
	for _, k := range genSKUs {
		if rapid.IntRange(0, 3).Draw(t, label+"-sku-"+string(k)) == 0 {
			s.SKUs = append(s.SKUs, k)
		}
	}
	for _, f := range genFams {
		if rapid.IntRange(0, 3).Draw(t, label+"-fam-"+string(f)) == 0 {
			s.Families = append(s.Families, f)
		}
	}
	return s
}

func genRecord(t *rapid.T, id string) dealreg.Record {
	r := dealreg.Record{
		ID: dealreg.RecordID(id), Account: genKey(t, id), Products: genScope(t, id),
		Status:     rapid.SampledFrom(genStatus).Draw(t, id+"-status"),
		Registered: t0.Add(time.Duration(rapid.IntRange(-200, 20).Draw(t, id+"-day")) * 24 * time.Hour),
	}
	if rapid.IntRange(0, 4).Draw(t, id+"-kind") == 0 {
		r.Kind = dealreg.KindOpportunity
	} else {
		r.Partner = partnerops.PartnerID("p" + strconv.Itoa(rapid.IntRange(1, 3).Draw(t, id+"-partner")))
	}
	if rapid.Bool().Draw(t, id+"-expires") {
		r.Expires = r.Registered.Add(time.Duration(rapid.IntRange(1, 100).Draw(t, id+"-len")) * 24 * time.Hour)
	}
	return r
}

func genRecords(t *rapid.T) []dealreg.Record {
	n := rapid.IntRange(0, 25).Draw(t, "n")
	recs := make([]dealreg.Record, n)
	for i := range recs {
		recs[i] = genRecord(t, "R"+strconv.Itoa(i))
	}
	return recs
}

func genSettings(t *rapid.T) dealreg.Settings {
	return dealreg.Settings{
		RegistrationDays: rapid.SampledFrom([]int{0, 30, -1}).Draw(t, "reg-days"),
		OpportunityDays:  rapid.SampledFrom([]int{0, 60, -1}).Draw(t, "opp-days"),
		ConflictScope:    rapid.SampledFrom([]dealreg.ConflictScope{"", dealreg.ConflictScopeAccount}).Draw(t, "scope"),
	}
}

// reference finds the findings of reg by brute force over every record,
// straight from the package doc's rules.
func reference(s dealreg.Settings, recs []dealreg.Record, reg dealreg.Record, at time.Time) []string {
	active := map[dealreg.Status]bool{}
	for _, st := range dealreg.DefaultActive() {
		active[st] = true
	}
	var out []string
	for _, r := range recs {
		if r.ID == reg.ID || !active[r.Status] || at.Before(r.Registered) {
			continue
		}
		end := r.Expires
		if end.IsZero() {
			d := map[bool]int{true: s.OpportunityDays, false: s.RegistrationDays}[r.Kind == dealreg.KindOpportunity]
			if d == 0 {
				d = map[bool]int{true: 180, false: 90}[r.Kind == dealreg.KindOpportunity]
			}
			if d > 0 {
				end = r.Registered.Add(time.Duration(d) * 24 * time.Hour)
			}
		}
		if !end.IsZero() && !at.Before(end) {
			continue
		}
		match, _ := reg.Account.Match(r.Account)
		near := match == partnerops.AccountMatchNone && reg.Account.NearDuplicate(r.Account)
		if match == partnerops.AccountMatchNone && !near {
			continue
		}
		overlap := reg.Products.IsZero() || r.Products.IsZero()
		for _, k := range reg.Products.SKUs {
			overlap = overlap || slices.Contains(r.Products.SKUs, k)
		}
		for _, f := range reg.Products.Families {
			overlap = overlap || slices.Contains(r.Products.Families, f)
		}
		rule := "conflict"
		switch {
		case r.Kind == dealreg.KindOpportunity:
			rule = "direct_conflict"
		case r.Partner == reg.Partner:
			rule = "duplicate"
		}
		if !overlap && (rule == "duplicate" || s.ConflictScope != dealreg.ConflictScopeAccount) {
			continue
		}
		if near {
			rule = "near_duplicate"
		}
		out = append(out, rule+":"+string(r.ID))
	}
	slices.Sort(out)
	return out
}

func sortedFindings(r dealreg.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, string(f.Rule)+":"+string(f.Other))
	}
	slices.Sort(out)
	return out
}

func TestPropertyCheckMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSettings(t)
		recs := genRecords(t)
		c := mustChecker(t, s)
		x := mustIndex(t, c, recs...)
		reg := genRecord(t, "new")
		reg.Kind, reg.Partner = "", partnerops.PartnerID("p"+strconv.Itoa(rapid.IntRange(1, 3).Draw(t, "new-p")))
		if len(recs) > 0 && rapid.Bool().Draw(t, "recheck") {
			// Re-check a stored record under its own ID.
			i := rapid.IntRange(0, len(recs)-1).Draw(t, "which")
			if recs[i].Kind == "" {
				reg = recs[i]
			}
		}
		at := t0.Add(time.Duration(rapid.IntRange(-30, 30).Draw(t, "at")) * 24 * time.Hour)
		got, err := x.Check(reg, at)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(reference(s, recs, reg, at), sortedFindings(got)); diff != "" {
			t.Fatalf("findings (-reference +got):\n%s\n%s", diff, got.Text())
		}
		for _, f := range got.Findings {
			if f.Other == reg.ID {
				t.Fatalf("registration %s conflicts with itself: %s", reg.ID, f.Reason)
			}
		}
		// Order of records does not matter, and With gives the index
		// that one build gives.
		shuffled := slices.Clone(recs)
		slices.Reverse(shuffled)
		y := mustIndex(t, c, shuffled...)
		cut := rapid.IntRange(0, len(recs)).Draw(t, "cut")
		z := mustIndex(t, c, recs[:cut]...)
		z, err = z.With(recs[cut:]...)
		if err != nil {
			t.Fatal(err)
		}
		for name, idx := range map[string]*dealreg.Index{"reversed": y, "with": z} {
			again, err := idx.Check(reg, at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Fatalf("%s index gives another result (-once +%s):\n%s", name, name, diff)
			}
		}
	})
}

func TestPropertyNeverConflictsWithItself(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		recs := genRecords(t)
		x := mustIndex(t, mustChecker(t, genSettings(t)), recs...)
		for _, r := range recs {
			if r.Kind == dealreg.KindOpportunity {
				continue
			}
			for _, at := range []time.Time{r.Registered, t0} {
				res, err := x.Check(r, at)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range res.Findings {
					if f.Other == r.ID {
						t.Fatalf("%s conflicts with itself: %s", r.ID, f.Reason)
					}
				}
			}
		}
	})
}

func TestPropertyResultRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		recs := genRecords(t)
		for i := range recs {
			if rapid.Bool().Draw(t, "value"+strconv.Itoa(i)) {
				recs[i].Value = usd(strconv.Itoa(rapid.IntRange(0, 99999).Draw(t, "v"+strconv.Itoa(i))) + ".50")
			}
		}
		x := mustIndex(t, mustChecker(t, genSettings(t)), recs...)
		reg := genRecord(t, "new")
		reg.Kind, reg.Partner = "", "p1"
		res, err := x.Check(reg, t0)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var back dealreg.Result
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if diff := cmp.Diff(res, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		if res.Text() != back.Text() || res.Markdown() != back.Markdown() {
			t.Fatalf("round trip renders differently")
		}
	})
}
