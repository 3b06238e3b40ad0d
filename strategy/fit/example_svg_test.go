package fit_test

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops/strategy/fit"
)

// The fit-score distribution of a batch, over the model's grades: a
// histogram whose bars are grouped under their grade.
func ExampleBatchResult_SVG() {
	def, _ := fit.ParseDefinition([]byte(`{"attributes": [{"name": "industry", "kind": "string"}, {"name": "growth", "kind": "number"}],
	  "criteria": [{"id": "industry", "kind": "one_of", "attribute": "industry", "weight": "50", "values": ["saas"]},
	               {"id": "growth", "kind": "range", "attribute": "growth", "weight": "50", "from": "0", "to": "100"}]}`))
	m, err := fit.Compile(def)
	if err != nil {
		fmt.Println(err)
		return
	}
	var accounts []fit.Entity
	for i, growth := range []string{"10", "35", "60", "90", "100"} {
		e, _ := m.EntityFromAttributes(fmt.Sprint("acct-", i), map[string]string{"industry": "saas", "growth": growth})
		accounts = append(accounts, e)
	}
	batch, _ := m.ScoreBatch(accounts, fit.BatchOptions{})
	svg := string(batch.SVG(m.Grades()))
	for _, tag := range []string{"<title", "<desc"} {
		line, _, _ := strings.Cut(svg[strings.Index(svg, tag):], "\n")
		fmt.Println(line)
	}
	// Output:
	// <title id="chart-title">Fit-score distribution: 5 graded</title>
	// <desc id="chart-desc">5 scored, 5 qualified (A 3, B 1, C 1, D 0), 0 disqualified, 0 low coverage; mean 79.50, min 55.00, max 100.00. Bars count qualified scores per bin of points, grouped by grade.</desc>
}
