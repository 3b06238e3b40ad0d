package performance_test

import (
	"os"
	"strings"
	"testing"
)

// The definitions doc.go shows, in JSON. TestDocJSON checks that doc.go
// shows exactly these, so the examples that parse them keep the package
// doc honest.
const (
	catalogJSON = `{"metrics": [
  {"key": "deal_regs", "name": "Deal registrations", "unit": "count",
   "indicator": "leading", "aggregation": "count", "visibility": "shared"},
  {"key": "bookings", "name": "Bookings", "unit": "money", "currency": "USD",
   "indicator": "lagging", "aggregation": "sum", "visibility": "shared"},
  {"key": "deals_won", "name": "Deals won", "unit": "count",
   "indicator": "lagging", "aggregation": "count"},
  {"key": "deals_closed", "name": "Deals closed", "unit": "count",
   "indicator": "lagging", "aggregation": "count"},
  {"key": "win_rate", "name": "Win rate", "unit": "percent",
   "indicator": "lagging", "aggregation": "ratio",
   "numerator": "deals_won", "denominator": "deals_closed", "visibility": "shared"},
  {"key": "deal_size_p90", "name": "Deal size (p90)", "unit": "money",
   "currency": "USD", "indicator": "lagging",
   "aggregation": "percentile", "percentile": "90"}
]}`

	templateJSON = `{"key": "partner_scorecard", "name": "Partner scorecard FY2027",
 "categories": [
  {"key": "engagement", "name": "Engagement", "weight": "40", "metrics": [
    {"metric": "deal_regs", "weight": "1", "key": true,
     "normalization": {"target": "10"}}]},
  {"key": "selling_motion", "name": "Selling motion", "weight": "60", "metrics": [
    {"metric": "bookings", "weight": "3", "key": true,
     "normalization": {"target": "250000.00"},
     "targets": [{"tier": "gold", "normalization": {"target": "500000.00"}}]},
    {"metric": "win_rate", "weight": "2",
     "normalization": {"method": "banded", "bands": [
       {"threshold": "20", "score": "50"}, {"threshold": "40", "score": "100"}]}}]}],
 "missing": {"mode": "exclude"}}`

	policyJSON = `{"tiers": [
  {"tier": "silver", "min_total": "50"},
  {"tier": "gold", "min_total": "70", "requirements": ["sales_certified"],
   "metrics": [{"metric": "bookings", "min": "250000.00"}]},
  {"tier": "platinum", "min_total": "85", "requirements": ["sales_certified"],
   "metrics": [{"metric": "bookings", "min": "1000000.00"}]}],
 "promotion_margin": "5", "demotion_margin": "5", "grace_periods": 1}`

	qbrRulesJSON = `{"growth": "10", "notable_change": "15", "max_highlights": 3}`
)

func TestDocJSON(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	// The doc comment without its comment markers and code indentation.
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimPrefix(l, "//")
		if code, ok := strings.CutPrefix(l, "\t"); ok {
			lines = append(lines, code)
		} else {
			lines = append(lines, strings.TrimPrefix(l, " "))
		}
	}
	doc := strings.Join(lines, "\n")
	for name, js := range map[string]string{"catalog": catalogJSON, "template": templateJSON, "policy": policyJSON, "QBR rules": qbrRulesJSON} {
		if !strings.Contains(doc, js) {
			t.Errorf("doc.go does not show the %s JSON the examples parse", name)
		}
	}
}
