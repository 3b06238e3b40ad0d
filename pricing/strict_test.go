package pricing_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/pricing"
)

// problems renders each validation error in err as "path: rule".
func problems(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Path+": "+ve.Rule)
	}
	return out
}

const programJSON = `"program": {"tiers": ["registered", "silver", "gold", "platinum"]}`

// Issue 12: a misspelt key is an error with its path and a suggestion,
// never a silently dropped condition or priority.
func TestParseFrameworkUnknownKeys(t *testing.T) {
	cases := []struct {
		name, json string
		want       []string
	}{
		{"conditions for when", `{` + programJSON + `, "currency": "USD",
			"groups": [{"id": "partner", "mode": "first"}],
			"rules": [{"id": "tier-gold", "group": "partner", "conditions": {"tiers": ["gold"]},
				"effect": {"kind": "percent_off_list", "percent": "20"}}]}`,
			[]string{`rules[tier-gold].conditions: unknown field; did you mean "when"?`}},
		{"priorty", `{"groups": [{"id": "g", "mode": "first"}],
			"rules": [{"id": "r", "group": "g", "priorty": 3, "effect": {"kind": "percent_off_list", "percent": "5"}}]}`,
			[]string{`rules[r].priorty: unknown field; did you mean "priority"?`}},
		{"percent as a bare number", `{"groups": [{"id": "g", "mode": "first"}],
			"rules": [{"id": "r", "group": "g", "effect": {"kind": "percent_off_list", "percent": 0.2}}]}`,
			[]string{`rules[r].effect.percent`}},
		{"unknown key deep in a schedule", `{"groups": [{"id": "g", "mode": "first"}],
			"rules": [{"id": "v", "group": "g", "effect": {"kind": "schedule", "schedule": {"kind": "range",
				"tiers": [{"from": "1", "pct": "5"}]}}}]}`,
			[]string{`rules[v].effect.schedule.tiers[0].pct: unknown field; did you mean "percent"?`}},
		{"approval matrix by level", `{"groups": [], "rules": [], "approvals": [{"level": "vp", "abov": "35"}]}`,
			[]string{`approvals[vp].abov: unknown field; did you mean "above"?`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pricing.ParseFramework([]byte(tc.json))
			if !errors.Is(err, partnerops.ErrInvalid) {
				t.Fatalf("ParseFramework() error = %v, want ErrInvalid", err)
			}
			got := problems(err)
			for i := range got {
				if i < len(tc.want) && !strings.Contains(tc.want[i], ": ") {
					got[i] = strings.SplitN(got[i], ": ", 2)[0] // compare the path only
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
			}
			if n := strings.Count(err.Error(), "pricing: "); n != 1 {
				t.Errorf("error %q has %d prefixes, want 1", err, n)
			}
			// encoding/json goes the same strict way.
			var fw pricing.Framework
			if err := json.Unmarshal([]byte(tc.json), &fw); !errors.Is(err, partnerops.ErrInvalid) {
				t.Errorf("json.Unmarshal error = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestParsePathsByID(t *testing.T) {
	_, err := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD",
		"entries": [{"sku": "SEC-100", "list": "ten"}, {"sku": "SEC-200", "lst": "1"}]}]`))
	want := []string{
		`books[us].entries[SEC-100].list`,
		`books[us].entries[SEC-200].lst: unknown field; did you mean "list"?`,
	}
	got := problems(err)
	if len(got) > 0 {
		got[0] = strings.SplitN(got[0], ": ", 2)[0]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
	}
	_, err = pricing.ParseApprovals([]byte(`[{"level": "manager", "above": "20"}, {"level": "vp", "above": 35}]`))
	if got := problems(err); len(got) != 1 || !strings.HasPrefix(got[0], "approvals[vp].above: ") {
		t.Errorf("ParseApprovals problems = %v", got)
	}
	_, err = pricing.ParseQuote([]byte(`{"lines": [{"sku": "SEC-100", "qty": "3"}]}`))
	if got := problems(err); len(got) != 1 || !strings.HasPrefix(got[0], "lines[0].qty: unknown field") {
		t.Errorf("ParseQuote problems = %v", got)
	}
	r, err := pricing.ParseRule([]byte(`{"id": "r", "group": "g", "when": {"from": "2026-03-01"}, "effect": {"kind": "amount_off", "amount": "5.00"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC); !r.When.From.Equal(want) {
		t.Errorf("when.from = %v, want %v", r.When.From, want)
	}
	if _, err := pricing.ParseEffect([]byte(`{"kind": "fixed_price", "amount": {"amount": "1", "currency": "USD", "x": 1}}`)); err == nil {
		t.Error("ParseEffect accepted an unknown key inside an amount")
	}
}

// Issue 12: each effect kind needs its field and refuses the others.
func TestEffectFieldsPerKind(t *testing.T) {
	rule := func(id pricing.RuleID, e pricing.Effect) pricing.Rule {
		return pricing.Rule{ID: id, Group: "g", Effect: e}
	}
	fw := framework(add,
		rule("fixed", pricing.Effect{Kind: pricing.EffectFixedPrice}),
		rule("running", pricing.Effect{Kind: pricing.EffectPercentOffRunning}),
		rule("off", pricing.Effect{Kind: pricing.EffectAmountOff}),
		rule("both", pricing.Effect{Kind: pricing.EffectPercentOffList, Percent: pp("5"), Amount: mp("1")}),
		rule("sched", pricing.Effect{Kind: pricing.EffectSchedule, Percent: pp("5")}),
		rule("nokind", pricing.Effect{}),
		rule("free", pricing.FixedPrice(m("0"))), // a fixed price of 0 is allowed
	)
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{
		"rules[fixed].effect.amount: required for a fixed_price effect",
		"rules[running].effect.percent: required for a percent_off_running effect",
		"rules[off].effect.amount: required for a amount_off effect",
		"rules[both].effect.amount: a percent_off_list effect has no amount (it uses percent)",
		"rules[sched].effect.percent: a schedule effect has no percent (it uses schedule)",
		"rules[sched].effect.schedule: required for a schedule effect",
		"rules[nokind].effect.kind: required: one of percent_off_list, percent_off_running, amount_off, fixed_price, target_margin, markup, surcharge, schedule, formula or free_goods",
	}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// Issue 12: amounts may be bare decimal strings where the book or the
// framework fixes the currency; an amount in another currency is an error.
func TestBareAmounts(t *testing.T) {
	books, err := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD", "entries": [
		{"sku": "SEC-100", "family": "security", "list": "100.00", "cost": "30.00", "floor": "50"},
		{"sku": "EU-1", "list": {"amount": "9", "currency": "EUR"}}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	fw, err := pricing.ParseFramework([]byte(`{` + programJSON + `, "currency": "USD",
		"groups": [{"id": "g", "mode": "additive"}],
		"rules": [{"id": "five-off", "group": "g", "effect": {"kind": "amount_off", "amount": "5.00"}},
			{"id": "eur-off", "group": "g", "effect": {"kind": "amount_off", "amount": {"amount": "1", "currency": "EUR"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = pricing.Compile(books, fw)
	want := []string{
		"books[us].entries[EU-1].list: amount 9 EUR where USD is fixed: currency mismatch",
		"rules[eur-off].effect.amount: amount 1 EUR where USD is fixed: currency mismatch",
	}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrCurrencyMismatch) {
		t.Errorf("errors.Is(err, ErrCurrencyMismatch) = false for %v", err)
	}
	books[0].Entries = books[0].Entries[:1]
	fw.Rules = fw.Rules[:1]
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", line("SEC-100", "2")), day)
	if err != nil {
		t.Fatal(err)
	}
	if l := r.Lines[0]; !l.NetUnit.Equal(m("95.00")) || !l.Floor.Equal(m("50")) {
		t.Errorf("net %s floor %s, want 95.00 USD and 50 USD", l.NetUnit, l.Floor)
	}
	// Without the framework's currency, a bare amount has no home.
	fw.Currency = ""
	_, err = pricing.Compile(books, fw)
	if got := problems(err); len(got) != 1 || got[0] != "rules[five-off].effect.amount: an amount needs a currency: set the framework's currency (or, in a framework of several currencies, the rule's)" {
		t.Errorf("problems = %v", got)
	}
}

// Issue 12: a framework compiled without its program's tiers says what to
// pass instead of "must be one of  (got "gold")".
func TestUnknownTierHint(t *testing.T) {
	fw := framework(add, with(offList("r", "g", "5"), func(r *pricing.Rule) { r.When.Tiers = []partnerops.Tier{"gold"} }))
	fw.Program = partnerops.Program{}
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{"rules[r].when.tiers[0]: unknown tier: the framework's program has no tiers; set program (program.tiers) to the partner program whose ladder names it"}
	if diff := cmp.Diff(want, problems(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// Issue 12: one prefix per message, lines by 1-based number or ID.
func TestRuntimeErrorMessages(t *testing.T) {
	e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(first, offList("a", "g", "5"), offList("b", "g", "6")))
	if err != nil {
		t.Fatal(err)
	}
	q := quote("gold", line("SEC-200", "1"), line("SEC-100", "1"))
	q.Lines[1].ID = "L-7"
	_, err = e.Price(q, day)
	want := `pricing: line 1 (SKU "SEC-200"): conflicting rules: "a" and "b" tie in group "g" (same specificity and priority)`
	if err == nil || err.Error() != want {
		t.Errorf("Price() error = %v, want %s", err, want)
	}
	var ce *pricing.ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, pricing.ErrConflict) {
		t.Errorf("error %v is not a *ConflictError wrapping ErrConflict", err)
	}
	e, _ = pricing.Compile([]pricing.PriceBook{usBook()}, noRules())
	q.Lines[1].SKU = "NOPE"
	_, err = e.Price(q, day)
	if want := `pricing: line 2 "L-7" (SKU "NOPE"): unknown SKU`; err == nil || err.Error() != want {
		t.Errorf("Price() error = %v, want %s", err, want)
	}
	for _, tc := range []struct {
		q    pricing.Quote
		want string
		is   error
	}{
		{pricing.Quote{Book: "jp"}, `pricing: book "jp": unknown price book`, pricing.ErrUnknownBook},
		{pricing.Quote{Book: "us", Currency: partnerops.EUR}, `pricing: quote in EUR, book "us" in USD: currency mismatch`, partnerops.ErrCurrencyMismatch},
		{pricing.Quote{Book: "us", Partner: partner("diamond")}, `pricing: partner tier "diamond": must be one of registered < silver < gold < platinum: unknown tier`, partnerops.ErrUnknownTier},
	} {
		_, err := e.Price(tc.q, day)
		if err == nil || err.Error() != tc.want || !errors.Is(err, tc.is) {
			t.Errorf("Price(%+v) error = %v, want %s wrapping %v", tc.q, err, tc.want, tc.is)
		}
	}
	if _, err := e.ListPrice("us", "NOPE", day); err == nil || err.Error() != `pricing: list price of SKU "NOPE" in book "us": unknown SKU` {
		t.Errorf("ListPrice error = %v", err)
	}
}

// The definitions shown in the package documentation parse, compile and
// draw no warning.
func TestDocJSON(t *testing.T) {
	books, err := pricing.ParsePriceBooks([]byte(`[{"id": "us", "currency": "USD", "region": "na",
  "entries": [
    {"sku": "SEC-100", "family": "security", "unit": "seat", "list": "100.00", "cost": "30.00"},
    {"sku": "STO-100", "family": "storage", "list": "40.00", "floor": "30.00",
     "from": "2026-01-01"}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	fw, err := pricing.ParseFramework([]byte(`{"program": {"tiers": ["silver", "gold", "platinum"]},
 "currency": "USD",
 "groups": [{"id": "partner", "label": "partner price", "mode": "first"},
            {"id": "strategic", "mode": "compounding", "cap": "10"}],
 "rules": [
   {"id": "tier-gold", "group": "partner", "when": {"tier_at_least": "gold"},
    "effect": {"kind": "percent_off_list", "percent": "20"}},
   {"id": "spring", "group": "strategic",
    "when": {"families": ["security"], "from": "2026-03-01", "until": "2026-04-01"},
    "effect": {"kind": "amount_off", "amount": "5.00"}},
   {"id": "seats", "group": "strategic",
    "effect": {"kind": "schedule", "schedule": {"kind": "range", "tiers": [
      {"from": "1", "to": "25", "percent": "0"}, {"from": "25", "percent": "5%"}]}}}],
 "total_cap": "45",
 "approvals": [{"level": "manager", "above": "20"}, {"level": "vp", "above": "35"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	if ws := e.Warnings(); len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	r, err := e.Price(quote("gold", line("SEC-100", "30")), day)
	if err != nil {
		t.Fatal(err)
	}
	// 100 − 20% = 80; spring 5.00 → 75; seats 5% of 75 = 3.75, cut to
	// 3.00 by the strategic group's 10% cap (80 × 0.9 = 72).
	if got := r.Lines[0].NetUnit; !got.Equal(m("72.00")) {
		t.Errorf("net unit = %s, want 72.00 USD\n%s", got, r.Text())
	}
}
