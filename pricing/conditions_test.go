package pricing_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// TestConditions checks each condition both ways on the default quote: a
// gold reseller, resell motion, region na, new business, SEC-100 × 10
// (line value 1000.00), no deal registration.
func TestConditions(t *testing.T) {
	cases := []struct {
		name string
		when pricing.Conditions
		want pricing.Condition // ConditionNone: the rule applies; noCandidate: no record
	}{
		{"tier listed", pricing.Conditions{Tiers: []partnerops.Tier{"gold"}}, pricing.ConditionNone},
		{"tier not listed (family rule)", pricing.Conditions{Tiers: []partnerops.Tier{"silver"}, Families: []pricing.Family{"security"}}, noCandidate},
		{"tier at least silver", pricing.Conditions{TierAtLeast: "silver"}, pricing.ConditionNone},
		{"tier at least platinum (SKU rule)", pricing.Conditions{TierAtLeast: "platinum", SKUs: []pricing.SKU{"SEC-100"}}, noCandidate},
		{"partner type", pricing.Conditions{PartnerTypes: []partnerops.PartnerType{"reseller"}}, pricing.ConditionNone},
		{"partner type fails", pricing.Conditions{PartnerTypes: []partnerops.PartnerType{"msp"}}, noCandidate},
		{"motion fails", pricing.Conditions{Motions: []partnerops.Motion{"referral"}}, noCandidate},
		{"SKU", pricing.Conditions{SKUs: []pricing.SKU{"SEC-100", "SEC-200"}}, pricing.ConditionNone},
		{"family and SKU both must hold", pricing.Conditions{SKUs: []pricing.SKU{"SEC-100"}, Families: []pricing.Family{"storage"}}, pricing.ConditionFamily},
		{"quantity 10 in [10, 20)", pricing.Conditions{MinQuantity: dp("10"), MaxQuantity: dp("20")}, pricing.ConditionNone},
		{"quantity 10 not in [1, 10)", pricing.Conditions{MinQuantity: dp("1"), MaxQuantity: dp("10")}, pricing.ConditionQuantity},
		{"line value 1000 in [1000, ∞)", pricing.Conditions{MinLineValue: mp("1000")}, pricing.ConditionNone},
		{"line value 1000 not below 1000", pricing.Conditions{MaxLineValue: mp("1000")}, pricing.ConditionLineValue},
		{"deal value 1000 below 5000", pricing.Conditions{MinDealValue: mp("5000")}, pricing.ConditionDealValue},
		{"no deal registration matches none", pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegNone}}, pricing.ConditionNone},
		{"deal registration required", pricing.Conditions{DealRegistration: []pricing.DealRegStatus{pricing.DealRegApproved}}, pricing.ConditionDealRegistration},
		{"renewal only", pricing.Conditions{Business: []partnerops.BusinessType{partnerops.BusinessRenewal}}, pricing.ConditionBusiness},
		{"region emea", pricing.Conditions{Regions: []partnerops.Region{"emea"}}, noCandidate},
		{"window contains the date", pricing.Conditions{From: day, Until: day.Add(time.Hour)}, pricing.ConditionNone},
		{"window ends at the date (exclusive)", pricing.Conditions{Until: day}, pricing.ConditionWindow},
		{"window starts later", pricing.Conditions{From: day.Add(time.Second)}, pricing.ConditionWindow},
		{"attribute on the partner", pricing.Conditions{Attributes: map[string][]string{"vertical": {"health"}}}, pricing.ConditionNone},
		{"attribute on the line wins", pricing.Conditions{Attributes: map[string][]string{"term": {"3y"}}}, pricing.ConditionNone},
		{"attribute missing", pricing.Conditions{Attributes: map[string][]string{"segment": {"smb"}}}, pricing.ConditionAttribute},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fw := framework(add, pricing.Rule{ID: "r", Group: "g", When: tc.when,
				Effect: pricing.PercentOffList(pct("10"))})
			q := quote("gold", line("SEC-100", "10"))
			q.Partner.Attributes = map[string]string{"vertical": "health"}
			q.Attributes = map[string]string{"term": "1y"}
			q.Lines[0].Attributes = map[string]string{"term": "3y"}
			l := priceLine(t, []pricing.PriceBook{usBook()}, fw, q)
			skipped := l.Skipped()
			switch {
			case tc.want == pricing.ConditionNone && len(l.Steps()) != 1:
				t.Fatalf("rule did not apply: %v", skipped)
			case tc.want == noCandidate:
				// Identity conditions (tier, partner type, motion, region)
				// make the rule no candidate: no step, no record.
				if len(skipped) != 0 || len(l.Steps()) != 0 {
					t.Fatalf("steps %v, skipped %v; want neither", l.Steps(), skipped)
				}
			case tc.want != pricing.ConditionNone:
				if len(skipped) != 1 || skipped[0].Reason != pricing.SkipConditionFailed || skipped[0].Condition != tc.want {
					t.Fatalf("skipped = %v, want condition %s failed", skipped, tc.want)
				}
			}
		})
	}
}

// noCandidate marks a rule that is no candidate for the quote.
const noCandidate pricing.Condition = 0xFF

type jsonStep struct {
	Rule    string `json:"rule"`
	Amount  string `json:"amount"`
	Running string `json:"running"`
}

type jsonSkip struct{ Rule, Reason, By string }

func TestResultJSON(t *testing.T) {
	l := priceLine(t, []pricing.PriceBook{usBook()}, framework(first, competing()...), quote("gold", line("SEC-100", "2")))
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Steps       []jsonStep                        `json:"steps"`
		Skipped     []jsonSkip                        `json:"skipped"`
		NetExtended struct{ Amount, Currency string } `json:"net_extended"`
	}
	var got line
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	want := line{
		Steps:       []jsonStep{{Rule: "r20", Amount: "20.00", Running: "80.00"}},
		Skipped:     []jsonSkip{{"r10", "not_selected", "r20"}, {"r5", "not_selected", "r20"}},
		NetExtended: struct{ Amount, Currency string }{"160.00", "USD"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("line JSON (-want +got):\n%s\n%s", diff, data)
	}
}

// Issue 12: a stored result lost its waterfall (3,958 bytes in, 1,771
// out, and an empty Text after decoding).
func TestResultJSONRoundTrip(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, sampleFramework())
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(sampleQuote(), day)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, r)
}

func TestSkipStrings(t *testing.T) {
	got := []string{}
	for _, s := range []pricing.Skip{
		{Reason: pricing.SkipConditionFailed, Condition: pricing.ConditionAttribute, Attribute: "segment"},
		{Reason: pricing.SkipExcluded, By: "vip"},
		{Reason: pricing.SkipNotSelected, By: "gold"},
		{Reason: pricing.SkipCapped},
		{Reason: pricing.SkipFloored},
		{Reason: pricing.SkipNoEffect},
	} {
		got = append(got, s.String())
	}
	want := []string{
		"condition failed: attribute segment",
		`excluded by "vip"`,
		`not selected: "gold" won the group`,
		"capped: nothing left under the cap",
		"floored: already at the price floor",
		"no effect: would not lower the price",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Skip.String (-want +got):\n%s", diff)
	}
}

// TestConcurrentPrice prices from several goroutines on one engine; run
// with -race it checks that an Engine is safe for concurrent use, and the
// results are byte-identical.
func TestConcurrentPrice(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, sampleFramework())
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.Price(sampleQuote(), day)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, 8)
	var wg sync.WaitGroup
	for i := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.Price(sampleQuote(), day)
			if err == nil {
				texts[i] = r.Text()
			}
		}()
	}
	wg.Wait()
	for i, got := range texts {
		if got != want.Text() {
			t.Errorf("goroutine %d: result differs:\n%s", i, got)
		}
	}
}

// TestHugeAmounts drives the decimal fallback of the int64 fast path: a
// list price with 21 integer digits, 12.5% off, 1,000 units.
func TestHugeAmounts(t *testing.T) {
	b := pricing.PriceBook{ID: "big", Currency: usd, Entries: []pricing.Entry{
		{SKU: "BIG", List: mp("123456789012345678901.23")}}}
	fw := framework(add, offList("r", "g", "12.5"))
	e, err := pricing.Compile([]pricing.PriceBook{b}, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", line("BIG", "1000")), day)
	if err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, r)
	l := r.Lines[0]
	// 123456789012345678901.23 × 0.875 = 108024690385802469038.57625
	got := []string{canon(l.Steps()[0].Amount), canon(l.NetUnit.Amount()), canon(l.NetExtended.Amount()), l.EffectiveDiscount.String()}
	want := []string{"15432098626543209862.65375", "108024690385802469038.58", "108024690385802469038580", "12.5000%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("huge amounts (-want +got):\n%s", diff)
	}
}

func TestScheduleAndMoneyValidation(t *testing.T) {
	fw := framework(add,
		pricing.Rule{ID: "a", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectSchedule}},
		pricing.Rule{ID: "b", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: "steps"}}},
		pricing.Rule{ID: "c", Group: "g", Effect: pricing.Effect{Kind: pricing.EffectSchedule, Schedule: &pricing.Schedule{Kind: pricing.ScheduleBlock,
			Tiers: []pricing.ScheduleTier{{From: dec("1"), To: dp("1")}, {From: dec("5"), Percent: pp("5"), Price: mp("1")}}}}},
		pricing.Rule{ID: "d", Group: "g", Effect: pricing.AmountOff(partnerops.MustMoney("1", partnerops.EUR))},
		pricing.Rule{ID: "e", Group: "g", When: pricing.Conditions{MinQuantity: dp("0.0000001")}, Effect: pricing.AmountOff(m("-1"))},
	)
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	got := validationPaths(err)
	want := []string{
		"rules[a].effect.schedule",
		"rules[b].effect.schedule.kind",
		"rules[b].effect.schedule.tiers",
		"rules[c].effect.schedule.tiers[0].to",
		"rules[c].effect.schedule.tiers[0].price",
		"rules[c].effect.schedule.tiers[1].percent",
		"rules[d].effect.amount",
		"rules[e].when.min_quantity",
		"rules[e].effect.amount",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}

func TestSkipWanted(t *testing.T) {
	r := func(id pricing.RuleID, w pricing.Conditions) pricing.Rule {
		return pricing.Rule{ID: id, Group: "g", When: w, Effect: pricing.PercentOffList(pct("1"))}
	}
	march := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	fw := framework(add,
		r("a", pricing.Conditions{TierAtLeast: "platinum", Families: []pricing.Family{"security"}}),
		r("b", pricing.Conditions{MinQuantity: dp("25"), MaxQuantity: dp("100")}),
		r("c", pricing.Conditions{MinDealValue: mp("10000")}),
		r("d", pricing.Conditions{From: march}),
		r("e", pricing.Conditions{Attributes: map[string][]string{"segment": {"enterprise", "strategic"}}}),
		r("f", pricing.Conditions{Motions: []partnerops.Motion{"referral", "co_sell"}}),
	)
	l := priceLine(t, []pricing.PriceBook{usBook()}, fw, quote("gold", line("SEC-100", "10")))
	var got []string
	for _, s := range l.Skipped() {
		got = append(got, string(s.Rule)+": "+s.String())
	}
	// a (another tier) and f (another motion) are no candidates.
	want := []string{
		"b: condition failed: quantity (wants quantity in [25, 100))",
		"c: condition failed: deal_value (wants deal value at least 10000 USD)",
		"d: condition failed: window (wants date at least 2026-03-10T00:00:00Z)",
		"e: condition failed: attribute segment (wants enterprise or strategic)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

// TestEngineIsImmutable changes the definitions after Compile: the engine
// shares nothing with them.
func TestEngineIsImmutable(t *testing.T) {
	fw := sampleFramework()
	books := []pricing.PriceBook{usBook()}
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := e.Price(sampleQuote(), day)
	fw.Rules[5].When.Tiers[0] = "silver" // tier-gold
	fw.Rules[11].When.Attributes["competitive"][0] = "no"
	fw.Rules[11].When.MinDealValue = mp("1")
	fw.Groups[4].Mode = pricing.CombineBestOf
	*books[0].Entries[0].List = m("1")
	after, _ := e.Price(sampleQuote(), day)
	if before.Text() != after.Text() {
		t.Errorf("changing definitions after Compile changed the result:\n%s\n%s", before.Text(), after.Text())
	}
}
