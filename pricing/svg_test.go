package pricing_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"github.com/partnerops/partnerops/pricing"
	"pgregory.net/rapid"
)

var updateSVG = flag.Bool("update", false, "rewrite the golden files under testdata/")

// svgFixture prices testdata/svg/quote.json against the book and the
// framework there: a gold reseller's approved deal of four lines, with
// labelled groups, a schedule, a target margin, a floor, a group cap and
// a surcharge.
func svgFixture(t testing.TB) *pricing.Result {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "svg", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	books, err := pricing.ParsePriceBooks(read("books.json"))
	if err != nil {
		t.Fatal(err)
	}
	fw, err := pricing.ParseFramework(read("framework.json"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := pricing.ParseQuote(read("quote.json"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := pricing.Compile(books, fw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(q, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// svgOutputs renders every chart of r, by golden file name.
func svgOutputs(r *pricing.Result, prefix string) (names []string, outs [][]byte) {
	names = append(names, prefix+"quote.svg")
	outs = append(outs, r.SVG())
	for i := range r.Lines {
		names = append(names, prefix+"line-"+strconv.Itoa(r.Lines[i].Line)+".svg")
		outs = append(outs, r.LineSVG(&r.Lines[i]))
	}
	names = append(names, prefix+"quote.html")
	outs = append(outs, r.HTML())
	return names, outs
}

func TestSVGGolden(t *testing.T) {
	r := svgFixture(t)
	names, outs := svgOutputs(r, "")
	empty := &pricing.Result{Currency: partnerops.USD, Places: 2}
	names = append(names, "empty_quote.svg", "empty_line.svg", "nil_line.svg")
	outs = append(outs, empty.SVG(), empty.LineSVG(&pricing.LineResult{Line: 1}), empty.LineSVG(nil))
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			if err := charttest.Check(outs[i]); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			charttest.Golden(t, *updateSVG, filepath.Join("svg", name), outs[i])
		})
	}
}

// TestSVGContent checks what the fixture's charts must say: the rules as
// labels, a subtotal per labelled group, the limited steps marked, and
// printed amounts that add up to the net.
func TestSVGContent(t *testing.T) {
	r := svgFixture(t)
	quote := string(r.SVG())
	for _, want := range []string{
		"List total", "Net total", "= partner buy price", "= customer price",
		"tier-gold", "freight",
		"+18.00", // the surcharge rises: 1.50 × 12
		"floor: 1 of 3 lines", "net total " + r.NetTotal.Amount().String(),
	} {
		if !strings.Contains(quote, want) {
			t.Errorf("quote chart lacks %q", want)
		}
	}
	var limited bool
	for i := range r.Lines {
		l := &r.Lines[i]
		out := string(r.LineSVG(l))
		if !strings.Contains(out, "Net unit price") || !strings.Contains(out, "List price") {
			t.Errorf("line %d: no list or net row", l.Line)
		}
		for _, s := range l.Steps() {
			if !strings.Contains(out, string(s.Rule)) {
				t.Errorf("line %d: step %s missing", l.Line, s.Rule)
			}
			if s.Limit != pricing.LimitNone {
				limited = true
				if !strings.Contains(out, strings.ReplaceAll(s.Limit.String(), "_", " ")+" (requested ") {
					t.Errorf("line %d: limited step %s not noted", l.Line, s.Rule)
				}
			}
		}
	}
	if !limited {
		t.Error("the fixture has no limited step: it no longer tests the cap and floor marks")
	}
}

// TestSVGAddsUp: the quote waterfall's printed changes, from the list
// total, reach the net total exactly (the Rounding row takes up what the
// rounding of each rule's amount leaves).
func TestSVGAddsUp(t *testing.T) {
	r := svgFixture(t)
	rows := htmlRows(t, r.HTML(), "Quote waterfall, extended amounts")
	level := partnerops.Decimal{}
	for _, row := range rows {
		amount := strings.TrimSuffix(row[2], " USD")
		v, err := partnerops.ParseDecimal(strings.TrimPrefix(amount, "+"))
		if err != nil {
			t.Fatalf("row %v: %v", row, err)
		}
		switch {
		case row[0] == "List total":
			level = v
		case strings.HasPrefix(row[0], "= "), row[0] == "Net total":
			if !level.Equal(v) {
				t.Errorf("%s: printed %s, the rows above sum to %s", row[0], v, level)
			}
		default:
			level = level.Add(v)
		}
	}
	if !level.Equal(r.NetTotal.Amount()) {
		t.Errorf("rows reach %s, net total is %s", level, r.NetTotal.Amount())
	}
}

// htmlRows returns the body rows of the table with the caption.
func htmlRows(t *testing.T, page []byte, caption string) [][]string {
	t.Helper()
	_, after, ok := bytes.Cut(page, []byte("<caption>"+caption+"</caption>"))
	if !ok {
		t.Fatalf("no table %q", caption)
	}
	table, _, _ := bytes.Cut(after, []byte("</table>"))
	var rows [][]string
	for _, tr := range strings.Split(string(table), "<tr>")[2:] {
		var cells []string
		for _, c := range strings.Split(tr, "</t")[:4] {
			c = c[strings.LastIndexByte(c, '>')+1:]
			cells = append(cells, c)
		}
		rows = append(rows, cells)
	}
	return rows
}

// TestSVGRoundTrip: a Result decoded from its JSON draws the same bytes.
func TestSVGRoundTrip(t *testing.T) {
	r := svgFixture(t)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back pricing.Result
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	names, want := svgOutputs(r, "")
	_, got := svgOutputs(&back, "")
	for i := range want {
		if !bytes.Equal(want[i], got[i]) {
			t.Errorf("%s differs after a JSON round trip", names[i])
		}
	}
}

// genStep draws an applied step: any rule ID and label, amounts in the
// valid range (negative, huge, with 18 fraction digits), any limit.
func genStep(t *rapid.T) pricing.Step {
	return pricing.Step{
		Rule:         pricing.RuleID(charttest.ID(t, "rule")),
		Group:        pricing.GroupID(rapid.SampledFrom([]string{"g1", "g2", "g3", charttest.Long}).Draw(t, "group")),
		GroupLabel:   rapid.SampledFrom([]string{"", "partner buy price", charttest.Long, "<&>"}).Draw(t, "label"),
		Effect:       rapid.SampledFrom([]pricing.EffectKind{pricing.EffectPercentOffList, pricing.EffectAmountOff, pricing.EffectSurcharge, pricing.EffectSchedule, "bogus"}).Draw(t, "effect"),
		Percent:      partnerops.NewPercent(charttest.Decimal(t, "percent")),
		Value:        charttest.Decimal(t, "value"),
		ScheduleTier: rapid.IntRange(-1, 5).Draw(t, "tier"),
		Amount:       charttest.Decimal(t, "amount"),
		Running:      charttest.Decimal(t, "running"),
		Limit:        pricing.Limit(rapid.IntRange(0, 3).Draw(t, "limit")),
		Requested:    charttest.Decimal(t, "requested"),
	}
}

// genResult draws a Result as a host may hold it: decoded from JSON, with
// any number of lines (none included) and steps.
func genResult(t *rapid.T) *pricing.Result {
	money := func(name string) partnerops.Money {
		m, err := partnerops.NewMoney(charttest.Decimal(t, name), partnerops.USD)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	r := &pricing.Result{
		QuoteID: charttest.Label(t, "quote"), Currency: partnerops.USD,
		Places:    int32(rapid.IntRange(-12, 20).Draw(t, "places")),
		ListTotal: money("list"), NetTotal: money("net"), DiscountTotal: money("discount"),
		EffectiveDiscount: partnerops.NewPercent(charttest.Decimal(t, "effective")),
	}
	for i := range rapid.IntRange(0, 5).Draw(t, "lines") {
		l := pricing.LineResult{
			Line: i + 1, ID: charttest.Label(t, "id"), SKU: pricing.SKU(charttest.ID(t, "sku")), Name: charttest.Label(t, "name"),
			Quantity: charttest.Decimal(t, "qty"), List: money("list"), NetUnit: money("net"),
			ListExtended: money("listx"), NetExtended: money("netx"),
		}
		steps := rapid.SliceOfN(rapid.Custom(genStep), 0, 8).Draw(t, "steps")
		r.Lines = append(r.Lines, withSteps(t, l, steps))
	}
	return r
}

type fataler interface{ Fatal(args ...any) }

// withSteps returns l carrying steps, through its JSON form (the only way
// a host gives a line steps the engine did not compute).
func withSteps(t fataler, l pricing.LineResult, steps []pricing.Step) pricing.LineResult {
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	if fields["steps"], err = json.Marshal(steps); err != nil {
		t.Fatal(err)
	}
	if data, err = json.Marshal(fields); err != nil {
		t.Fatal(err)
	}
	var out pricing.LineResult
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSVGPropertyInsideViewBox: for any result a host can hold, every
// chart and the page are well-formed, free of NaN, inside their view
// boxes, and the same bytes twice.
func TestSVGPropertyInsideViewBox(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genResult(t)
		names, outs := svgOutputs(r, "")
		_, again := svgOutputs(r, "")
		for i, out := range outs {
			if err := charttest.Check(out); err != nil {
				t.Fatalf("%s: %v\n%s", names[i], err, out)
			}
			if !bytes.Equal(out, again[i]) {
				t.Fatalf("%s: two renders differ", names[i])
			}
		}
	})
}

// TestSVGHostileExponents: a Result built by hand with values far outside
// the decimal range (decoding refuses them) still draws, quickly: no
// value is expanded into its digits.
func TestSVGHostileExponents(t *testing.T) {
	huge, _ := partnerops.NewMoney(partnerops.NewDecimal(7, 2_000_000_000), partnerops.USD)
	tiny, _ := partnerops.NewMoney(partnerops.NewDecimal(-3, -2_000_000_000), partnerops.USD)
	l := withSteps(t, pricing.LineResult{Line: 1, SKU: "X"}, []pricing.Step{{Rule: "a", Group: "g", Amount: partnerops.MustDecimal("1"), Limit: pricing.LimitFloor}})
	l.Quantity, l.List, l.NetUnit = huge.Amount(), huge, tiny
	r := &pricing.Result{Currency: partnerops.USD, Places: 2, ListTotal: huge, NetTotal: tiny, Lines: []pricing.LineResult{l}}
	for _, out := range [][]byte{r.SVG(), r.LineSVG(&r.Lines[0]), r.HTML()} {
		if err := charttest.Check(out); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSVGOrder: rules of one group stay together and groups keep their
// waterfall order even when no line applies them all, and a cycle (only
// possible in a hand-made result) still draws every rule once.
func TestSVGOrder(t *testing.T) {
	st := func(rule, group string) pricing.Step {
		return pricing.Step{Rule: pricing.RuleID(rule), Group: pricing.GroupID(group), Amount: partnerops.MustDecimal("1")}
	}
	mk := func(lines ...[]pricing.Step) *pricing.Result {
		r := &pricing.Result{Currency: partnerops.USD, Places: 2}
		for i, steps := range lines {
			r.Lines = append(r.Lines, withSteps(t, pricing.LineResult{Line: i + 1, Quantity: partnerops.DecimalFromInt(1)}, steps))
		}
		return r
	}
	tests := []struct {
		name string
		r    *pricing.Result
		want []string
	}{
		{"groups merge", mk([]pricing.Step{st("a", "G1"), st("c", "G3")}, []pricing.Step{st("b", "G2"), st("c", "G3")}, []pricing.Step{st("a", "G1"), st("b", "G2")}),
			[]string{"a", "= after G1", "b", "= after G2", "c"}},
		{"rules within a group", mk([]pricing.Step{st("x", "G"), st("z", "G")}, []pricing.Step{st("y", "G"), st("z", "G")}, []pricing.Step{st("x", "G"), st("y", "G")}),
			[]string{"x", "y", "z"}},
		{"cycle", mk([]pricing.Step{st("p", "G"), st("q", "G")}, []pricing.Step{st("q", "G"), st("p", "G")}),
			[]string{"p", "q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := htmlRows(t, tt.r.HTML(), "Quote waterfall, extended amounts")
			var got []string
			for _, row := range rows[1:] {
				if label, _, _ := strings.Cut(row[0], " ("); label != "Net total" && label != "Rounding" {
					got = append(got, label)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("rows %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSVGGrowth: the cost of the quote and line charts and of the page
// grows about linearly: at n and 8n lines (each with its own rules),
// output bytes and allocations grow at most 10x.
func TestSVGGrowth(t *testing.T) {
	build := func(n int) *pricing.Result {
		r := &pricing.Result{Currency: partnerops.USD, Places: 2}
		for i := range n {
			steps := []pricing.Step{
				{Rule: pricing.RuleID("shared"), Group: "g1", GroupLabel: "customer price", Amount: partnerops.MustDecimal("1.5"), Running: partnerops.MustDecimal("98.5")},
				{Rule: pricing.RuleID("own-" + strconv.Itoa(i)), Group: "g2", Amount: partnerops.MustDecimal("2"), Running: partnerops.MustDecimal("96.5"), Limit: pricing.LimitGroupCap},
			}
			r.Lines = append(r.Lines, withSteps(t, pricing.LineResult{Line: i + 1, SKU: "S", Quantity: partnerops.DecimalFromInt(3),
				List: partnerops.MustMoney("100", partnerops.USD), NetUnit: partnerops.MustMoney("96.5", partnerops.USD)}, steps))
		}
		return r
	}
	const n = 100
	small, large := build(n), build(8*n)
	for _, c := range []struct {
		name   string
		render func(r *pricing.Result) []byte
	}{
		{"quote", (*pricing.Result).SVG},
		{"page", (*pricing.Result).HTML},
	} {
		s1, s8 := len(c.render(small)), len(c.render(large))
		if ratio := float64(s8) / float64(s1); ratio > 10 {
			t.Errorf("%s: output grows %.1fx from n=%d to 8n", c.name, ratio, n)
		}
		a1 := testing.AllocsPerRun(2, func() { c.render(small) })
		a8 := testing.AllocsPerRun(2, func() { c.render(large) })
		if ratio := a8 / max(a1, 1); ratio > 10 {
			t.Errorf("%s: allocations grow %.1fx from n=%d to 8n (%v, %v)", c.name, ratio, n, a1, a8)
		}
	}
}
