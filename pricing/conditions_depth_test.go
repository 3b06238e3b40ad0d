package pricing_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing"
)

func TestConditionsAcrossLines(t *testing.T) {
	// "If SEC-200 reaches 1,000.00 in this quote, give 10% off STO-100."
	target := with(offList("bundle", "g", "10"), func(r *pricing.Rule) {
		r.When.SKUs = []pricing.SKU{"STO-100"}
		r.When.Lines = []pricing.LinesCondition{{SKUs: []pricing.SKU{"SEC-200"}, MinValue: mp("1000")}}
	})
	price := func(t *testing.T, lines ...pricing.QuoteLine) []summary {
		e, err := pricing.Compile([]pricing.PriceBook{usBook()}, framework(add, target))
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Price(quote("gold", lines...), day)
		if err != nil {
			t.Fatal(err)
		}
		var out []summary
		for i := range r.Lines {
			out = append(out, summarize(&r.Lines[i]))
		}
		return out
	}
	t.Run("SEC-200 at 1250.00 gives STO-100 its discount", func(t *testing.T) {
		got := price(t, line("SEC-200", "5"), line("STO-100", "10"))
		want := []summary{{NetUnit: "250", NetExt: "1250"}, {Steps: []string{"bundle 4 → 36"}, NetUnit: "36", NetExt: "360"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("SEC-200 at 750.00 does not", func(t *testing.T) {
		got := price(t, line("SEC-200", "3"), line("STO-100", "10"))
		want := []summary{{NetUnit: "250", NetExt: "750"}, {NetUnit: "40", NetExt: "400",
			Skipped: []string{"bundle: condition failed: lines (wants lines of SEC-200: value at least 1000 USD)"}}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestAttributeConditions(t *testing.T) {
	attr := func(id pricing.RuleID, c pricing.AttributeCondition) pricing.Rule {
		return with(offList(id, "g", "10"), func(r *pricing.Rule) { r.When.AttributeConditions = []pricing.AttributeCondition{c} })
	}
	notGov := attr("not-gov", pricing.AttributeCondition{Name: "industry", Op: pricing.AttributeNotIn, Values: []string{"gov"}})
	hasPO := attr("has-po", pricing.AttributeCondition{Name: "po", Op: pricing.AttributeSet})
	noPO := attr("no-po", pricing.AttributeCondition{Name: "po", Op: pricing.AttributeNotSet})
	seats := attr("seats", pricing.AttributeCondition{Name: "seats_owned", Op: pricing.AttributeRange, Min: dp("100"), Max: dp("500")})
	withAttrs := func(a map[string]string) pricing.Quote {
		q := quote("gold", line("SEC-100", "1"))
		q.Attributes = a
		return q
	}
	runWaterfall(t, []waterfallCase{
		{name: "not in: an unset attribute is not in", groups: add, rules: []pricing.Rule{notGov}, quote: withAttrs(nil),
			want: summary{Steps: []string{"not-gov 10 → 90"}, NetUnit: "90", NetExt: "90"}},
		{name: "not in: gov is in", groups: add, rules: []pricing.Rule{notGov}, quote: withAttrs(map[string]string{"industry": "gov"}),
			want: summary{Skipped: []string{"not-gov: condition failed: attribute industry (wants not gov)"}, NetUnit: "100", NetExt: "100"}},
		{name: "set and not set", groups: add, rules: []pricing.Rule{hasPO, noPO}, quote: withAttrs(map[string]string{"po": "4711"}),
			want: summary{Steps: []string{"has-po 10 → 90"}, Skipped: []string{"no-po: condition failed: attribute po (wants not set)"}, NetUnit: "90", NetExt: "90"}},
		{name: "range: 250 in [100, 500)", groups: add, rules: []pricing.Rule{seats}, quote: withAttrs(map[string]string{"seats_owned": "250"}),
			want: summary{Steps: []string{"seats 10 → 90"}, NetUnit: "90", NetExt: "90"}},
		{name: "range: 500 is out", groups: add, rules: []pricing.Rule{seats}, quote: withAttrs(map[string]string{"seats_owned": "500"}),
			want: summary{Skipped: []string{"seats: condition failed: attribute seats_owned (wants a number in [100, 500))"}, NetUnit: "100", NetExt: "100"}},
		{name: "range: not a number fails", groups: add, rules: []pricing.Rule{seats}, quote: withAttrs(map[string]string{"seats_owned": "lots"}),
			want: summary{Skipped: []string{"seats: condition failed: attribute seats_owned (wants a number in [100, 500))"}, NetUnit: "100", NetExt: "100"}},
	})
	t.Run("a condition on the price book", func(t *testing.T) {
		partnerBook := usBook()
		partnerBook.ID, partnerBook.Region = "us-partner", ""
		fw := framework(add, with(offList("partner-only", "g", "10"), func(r *pricing.Rule) { r.When.Books = []pricing.BookID{"us-partner"} }))
		for _, tc := range []struct {
			book pricing.BookID
			want summary
		}{
			{"us", summary{Skipped: []string{"partner-only: condition failed: book (wants book us-partner)"}, NetUnit: "100", NetExt: "100"}},
			{"us-partner", summary{Steps: []string{"partner-only 10 → 90"}, NetUnit: "90", NetExt: "90"}},
		} {
			q := quote("gold", line("SEC-100", "1"))
			q.Book = tc.book
			got := summarize(priceLine(t, []pricing.PriceBook{usBook(), partnerBook}, fw, q))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("book %s (-want +got):\n%s", tc.book, diff)
			}
		}
	})
}

func TestAttributeConditionValidation(t *testing.T) {
	fw := framework(add, with(offList("r", "g", "1"), func(r *pricing.Rule) {
		r.When.AttributeConditions = []pricing.AttributeCondition{
			{Name: "a", Op: pricing.AttributeIn},
			{Name: "b", Op: pricing.AttributeSet, Values: []string{"x"}},
			{Name: "c", Op: pricing.AttributeRange, Min: dp("5"), Max: dp("1")},
			{Op: "like"},
		}
		r.When.Books = []pricing.BookID{"nope"}
	}))
	_, err := pricing.Compile([]pricing.PriceBook{usBook()}, fw)
	want := []string{"rules[r].when.attribute_conditions[a].values", "rules[r].when.attribute_conditions[b]",
		"rules[r].when.attribute_conditions[c].max", "rules[r].when.attribute_conditions[3].name", "rules[r].when.attribute_conditions[3].op",
		"rules[r].when.books[0]"}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
