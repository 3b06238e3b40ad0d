package pricing_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing"
)

// unitBook is the sample book with unit conversions: SEC-100 sells by
// the seat and the box of 12, the security family by the pack of 5, and
// every entry by the dozen.
func unitBook(b *pricing.PriceBook) {
	b.Entries[0].Units = []pricing.UnitConversion{{Unit: "box", Factor: dec("12")}}
	b.Units = []pricing.UnitConversion{{Unit: "pack", Factor: dec("5"), Family: "security"}, {Unit: "dozen", Factor: dec("12")}}
}

func unitLine(sku pricing.SKU, qty, unit string) pricing.QuoteLine {
	l := line(sku, qty)
	l.Unit = unit
	return l
}

func TestUnitsOfMeasure(t *testing.T) {
	boxes := quote("gold", unitLine("SEC-100", "2", "box"))
	runWaterfall(t, []waterfallCase{
		{name: "2 boxes of 12: list 1200 per box, quantity conditions in seats (24 >= 24)", groups: add, book: unitBook,
			rules: []pricing.Rule{with(offList("r", "g", "10"), func(r *pricing.Rule) { r.When.MinQuantity = dp("24") })},
			quote: boxes, want: summary{Steps: []string{"r 120 → 1080"}, NetUnit: "1080", NetExt: "2160"}},
		{name: "a quantity condition of 25 seats fails for 2 boxes", groups: add, book: unitBook,
			rules: []pricing.Rule{with(offList("r", "g", "10"), func(r *pricing.Rule) { r.When.MinQuantity = dp("25") })},
			quote: boxes, want: summary{Skipped: []string{"r: condition failed: quantity (wants quantity at least 25)"}, NetUnit: "1200", NetExt: "2400"}},
		{name: "amounts are per seat: 5.00 off a seat is 60.00 off a box", groups: add, book: unitBook,
			rules: []pricing.Rule{amountOff("r", "g", "5")},
			quote: boxes, want: summary{Steps: []string{"r 60 → 1140"}, NetUnit: "1140", NetExt: "2280"}},
		{name: "a rule scoped to the box states its price per box", groups: add, book: unitBook,
			rules: []pricing.Rule{{ID: "box-price", Group: "g", When: pricing.Conditions{Units: []string{"box"}}, Effect: pricing.FixedPrice(m("1000"))}},
			quote: boxes, want: summary{Steps: []string{"box-price 200 → 1000"}, NetUnit: "1000", NetExt: "2000"}},
		{name: "a rule scoped to the box does not apply to seats", groups: add, book: unitBook,
			rules: []pricing.Rule{{ID: "box-price", Group: "g", When: pricing.Conditions{Units: []string{"box"}}, Effect: pricing.FixedPrice(m("1000"))}},
			quote: quote("gold", line("SEC-100", "24")),
			want:  summary{Skipped: []string{"box-price: condition failed: unit (wants unit box)"}, NetUnit: "100", NetExt: "2400"}},
		{name: "schedule tiers in seats: 2 boxes reach the tier from 20 seats", groups: add, book: unitBook,
			rules: []pricing.Rule{volume(pricing.ScheduleRange, pricing.ScheduleTier{From: dec("20"), Price: mp("90")})},
			quote: boxes, want: summary{Steps: []string{"vol 120 → 1080"}, NetUnit: "1080", NetExt: "2160"}},
		{name: "a slab in seats: 2 boxes = 9 seats at 100 + 15 at 80", groups: add, book: unitBook,
			rules: []pricing.Rule{volume(pricing.ScheduleSlab, pricing.ScheduleTier{From: dec("1"), To: dp("10"), Price: mp("100")},
				pricing.ScheduleTier{From: dec("10"), Price: mp("80")})},
			quote: boxes, want: summary{Steps: []string{"vol 150 → 1050"}, NetUnit: "1050", NetExt: "2100"}},
		{name: "a block prices the whole line whatever the unit", groups: add, book: unitBook,
			rules: []pricing.Rule{volume(pricing.ScheduleBlock, pricing.ScheduleTier{From: dec("1"), To: dp("100"), Price: mp("2000")})},
			quote: boxes, want: summary{Steps: []string{"vol 200 → 1000"}, NetUnit: "1000", NetExt: "2000"}},
		{name: "the floor is per seat: 150 a seat is 750 a pack of 5", groups: add, book: unitBook,
			rules: []pricing.Rule{offList("half", "g", "50")}, quote: quote("gold", unitLine("SEC-200", "1", "pack")),
			want: summary{Steps: []string{"half 500 → 750 (floor, requested 625)"}, NetUnit: "750", NetExt: "750"}},
		{name: "a book-wide conversion: a dozen TB", groups: add, book: unitBook,
			rules: []pricing.Rule{offList("r", "g", "10")}, quote: quote("gold", unitLine("STO-100", "0.5", "dozen")),
			want: summary{Steps: []string{"r 48 → 432"}, NetUnit: "432", NetExt: "216"}},
		{name: "the stock unit named on the line converts at 1", groups: add, book: unitBook,
			rules: []pricing.Rule{offList("r", "g", "10")}, quote: quote("gold", unitLine("SEC-100", "1", "seat")),
			want: summary{Steps: []string{"r 10 → 90"}, NetUnit: "90", NetExt: "90"}},
	})
}

func TestUnitResultFields(t *testing.T) {
	b := usBook()
	unitBook(&b)
	e, err := pricing.Compile([]pricing.PriceBook{b}, framework(add, offList("r", "g", "10")))
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Price(quote("gold", unitLine("SEC-100", "2", "box")), day)
	if err != nil {
		t.Fatal(err)
	}
	l := r.Lines[0]
	got := []string{l.Unit, l.StockUnit, l.UnitFactor.String(), l.List.String(), l.Cost.String(), l.NetUnit.String(), l.ListExtended.String()}
	want := []string{"box", "seat", "12", "1200.00 USD", "360.00 USD", "1080.00 USD", "2400.00 USD"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("line (-want +got):\n%s", diff)
	}
	checkRoundTrip(t, r)
}

func TestUnitErrors(t *testing.T) {
	b := usBook()
	unitBook(&b)
	e, err := pricing.Compile([]pricing.PriceBook{b}, framework(add))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		line pricing.QuoteLine
		is   error
		msg  string
	}{
		{"unknown unit", unitLine("SEC-100", "1", "crate"), pricing.ErrUnknownUnit,
			`pricing: line 1 (SKU "SEC-100"): unknown unit "crate": want "seat", "box", "pack", "dozen"`},
		{"a pack is not a unit of storage", unitLine("STO-100", "1", "pack"), pricing.ErrUnknownUnit,
			`pricing: line 1 (SKU "STO-100"): unknown unit "pack": want "TB", "dozen"`},
		{"too many stock units", unitLine("SEC-100", "100000000000", "box"), pricing.ErrQuantity,
			`pricing: line 1 (SKU "SEC-100"): invalid quantity 100000000000 box: in stock units (seat) want a positive quantity below 10^12 with at most 6 digits after the decimal point`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Price(quote("gold", tc.line), day)
			if !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want %v", err, tc.is)
			}
			if err.Error() != tc.msg {
				t.Errorf("message\n got %s\nwant %s", err, tc.msg)
			}
		})
	}
}

func TestUnitValidation(t *testing.T) {
	b := usBook()
	b.Entries[0].Units = []pricing.UnitConversion{{Unit: "box", Factor: dec("0")}, {Unit: "box", Factor: dec("12")},
		{Unit: "seat", Factor: dec("2")}, {Unit: "pack", Factor: dec("5"), Family: "security"}, {Factor: dec("1")}}
	b.Units = []pricing.UnitConversion{{Unit: "dozen", Factor: dec("-12")}}
	fw := framework(add, pricing.Rule{ID: "r", Group: "g", When: pricing.Conditions{Units: []string{""}}, Effect: pricing.PercentOffList(pct("1"))})
	_, err := pricing.Compile([]pricing.PriceBook{b}, fw)
	want := []string{
		"books[us].entries[SEC-100].units[box].factor",
		"books[us].entries[SEC-100].units[box].unit",
		"books[us].entries[SEC-100].units[pack].family",
		"books[us].entries[SEC-100].units[4].unit",
		"books[us].entries[SEC-100].units[seat].factor",
		"books[us].units[dozen].factor",
		"rules[r].when.units[0]",
	}
	if diff := cmp.Diff(want, validationPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
	}
}
