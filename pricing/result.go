package pricing

import (
	"encoding/json"
	"slices"

	"github.com/partnerops/partnerops"
)

// Results are data: a [Result] encodes to JSON with every line's steps and
// skipped rules, and decodes back to a Result that is [Result.Equal] to it
// and renders the same [Result.Text] and [Result.Markdown], without the
// engine that priced it.

// lineJSON is the JSON form of a [LineResult].
type lineJSON struct {
	linePlain
	Fee       *partnerops.Money `json:"fee,omitempty"`
	Tax       *LineTax          `json:"tax,omitempty"`
	Profit    *LineProfit       `json:"profit,omitempty"`
	Subtotals []Subtotal        `json:"subtotals,omitempty"`
	Steps     []Step            `json:"steps,omitempty"`
	Skipped   []Skip            `json:"skipped,omitempty"`
}

type linePlain LineResult

// MarshalJSON encodes the line with its steps and skipped rules.
func (l LineResult) MarshalJSON() ([]byte, error) {
	x := lineJSON{linePlain: linePlain(l), Subtotals: l.Subtotals(), Steps: l.Steps(), Skipped: l.Skipped()}
	if p, ok := l.Profit(); ok {
		x.Profit = &p
	}
	if f, ok := l.Fee(); ok {
		x.Fee = &f
	}
	if t, ok := l.Tax(); ok {
		x.Tax = &t
	}
	return json.Marshal(x)
}

// UnmarshalJSON decodes a line encoded by [LineResult.MarshalJSON], steps
// and skipped rules included.
func (l *LineResult) UnmarshalJSON(data []byte) error {
	var x lineJSON
	if err := json.Unmarshal(data, &x); err != nil {
		return err
	}
	*l = LineResult(x.linePlain)
	l.steps, l.skips, l.engine, l.bigs = nil, nil, nil, nil
	l.dec = &decodedLine{steps: x.Steps, skips: x.Skipped, subtotals: x.Subtotals, profit: x.Profit, fee: x.Fee, tax: x.Tax}
	return nil
}

// decodedLine holds a decoded line's materialized records.
type decodedLine struct {
	steps     []Step
	skips     []Skip
	subtotals []Subtotal
	profit    *LineProfit
	fee       *partnerops.Money
	tax       *LineTax
}

// Equal reports whether l and o are the same line result, amounts compared
// as numbers, steps and skipped rules included, whether computed or
// decoded.
func (l LineResult) Equal(o LineResult) bool {
	return l.Line == o.Line && l.ID == o.ID && l.SKU == o.SKU && l.Family == o.Family && l.Name == o.Name &&
		l.Unit == o.Unit && l.Quantity.Equal(o.Quantity) && l.StockUnit == o.StockUnit && l.UnitFactor.Equal(o.UnitFactor) &&
		l.FreeOf == o.FreeOf && l.FreeRule == o.FreeRule && l.IgnoreRules == o.IgnoreRules &&
		equalPtr(l.ManualPrice, o.ManualPrice, partnerops.Money.Equal) &&
		equalPtr(l.ManualDiscount, o.ManualDiscount, partnerops.Percent.Equal) && l.List.Equal(o.List) && l.Cost.Equal(o.Cost) &&
		l.Floor.Equal(o.Floor) && l.NetUnit.Equal(o.NetUnit) && l.ListExtended.Equal(o.ListExtended) &&
		l.NetExtended.Equal(o.NetExtended) && l.Discount.Equal(o.Discount) &&
		l.EffectiveDiscount.Equal(o.EffectiveDiscount) && l.Approval == o.Approval &&
		equalOpt(l.Fee, o.Fee, partnerops.Money.Equal) && equalProfit(l, o) &&
		slices.EqualFunc(l.Subtotals(), o.Subtotals(), Subtotal.Equal) && equalOpt(l.Tax, o.Tax, LineTax.Equal) &&
		slices.EqualFunc(l.Steps(), o.Steps(), Step.Equal) && slices.Equal(l.Skipped(), o.Skipped())
}

// Equal reports whether r and o are the same priced quote: the same
// totals and lines ([LineResult.Equal]).
func (r Result) Equal(o Result) bool {
	return r.QuoteID == o.QuoteID && r.Book == o.Book && r.Currency == o.Currency && r.Places == o.Places &&
		r.At.Equal(o.At) && slices.EqualFunc(r.Lines, o.Lines, LineResult.Equal) && r.ListTotal.Equal(o.ListTotal) &&
		r.NetTotal.Equal(o.NetTotal) && r.DiscountTotal.Equal(o.DiscountTotal) &&
		r.EffectiveDiscount.Equal(o.EffectiveDiscount) && r.Approval == o.Approval &&
		slices.EqualFunc(r.Adjustments, o.Adjustments, Adjustment.Equal) &&
		equalPtr(r.FeeTotal, o.FeeTotal, partnerops.Money.Equal) && equalPtr(r.Proceeds, o.Proceeds, partnerops.Money.Equal) &&
		equalPtr(r.TaxTotal, o.TaxTotal, partnerops.Money.Equal) && equalPtr(r.NetOfTaxTotal, o.NetOfTaxTotal, partnerops.Money.Equal) &&
		equalPtr(r.GrossTotal, o.GrossTotal, partnerops.Money.Equal)
}

// parseEnum finds name in names.
func parseEnum[T ~uint8](b []byte, names []string, what string) (T, error) {
	for i, n := range names {
		if n == string(b) && (i > 0 || what == "limit") {
			return T(i), nil
		}
	}
	return 0, wrapf(partnerops.ErrSyntax, "unknown %s %q", what, b)
}

// UnmarshalText decodes a condition's name.
func (c *Condition) UnmarshalText(b []byte) error {
	v, err := parseEnum[Condition](b, conditionNames[:], "condition")
	if err == nil {
		*c = v
	}
	return err
}

// UnmarshalText decodes a skip reason's name.
func (r *SkipReason) UnmarshalText(b []byte) error {
	v, err := parseEnum[SkipReason](b, skipNames[:], "skip reason")
	if err == nil {
		*r = v
	}
	return err
}

// UnmarshalText decodes a limit's name ("" is [LimitNone]).
func (l *Limit) UnmarshalText(b []byte) error {
	v, err := parseEnum[Limit](b, limitNames[:], "limit")
	if err == nil {
		*l = v
	}
	return err
}

// equalPtr reports whether a and b are both nil or both set and equal.
func equalPtr[T any](a, b *T, eq func(T, T) bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return eq(*a, *b)
}

func equalProfit(l, o LineResult) bool {
	return equalOpt(l.Profit, o.Profit, LineProfit.Equal)
}

// equalOpt compares two optional values by their getters.
func equalOpt[T any](a, b func() (T, bool), eq func(T, T) bool) bool {
	x, okA := a()
	y, okB := b()
	return okA == okB && (!okA || eq(x, y))
}
