package economics

import (
	"fmt"
	"strings"

	"github.com/partnerops/partnerops"
)

// econPeriodLabel names period p: its start month ("2027-01") when the
// model is dated, else "M3" or "Q3".
func econPeriodLabel(f Forecast, p ForecastPeriod) string {
	if !p.Period.Start.IsZero() {
		return p.Period.Start.Format("2006-01")
	}
	if f.Unit == partnerops.UnitQuarter {
		return fmt.Sprintf("Q%d", p.Index)
	}
	return fmt.Sprintf("M%d", p.Index)
}

// econRows returns the P&L table: a header and one row per period, with
// amounts in whole currency units (rounded half-even for display only).
func econRows(f Forecast) [][]string {
	whole := func(m partnerops.Money) string { return m.Amount().Round(0, partnerops.RoundHalfEven).String() }
	rows := [][]string{{"period", "active", "productive", "revenue", "gross profit", "compensation", "program costs", "net", "cumulative"}}
	for _, p := range f.Periods {
		rows = append(rows, []string{econPeriodLabel(f, p), econFixed(p.ActivePartners, 1), econFixed(p.ProductivePartners, 1),
			whole(p.CreditedRevenue), whole(p.GrossProfit), whole(p.Compensation), whole(p.ProgramCosts),
			whole(p.NetCashFlow), whole(p.CumulativeCashFlow)})
	}
	return rows
}

// econSummary returns the forecast's summary line.
func econSummary(f Forecast) string {
	var b strings.Builder
	fmt.Fprintf(&b, "NPV %s", f.NPV.StringFixed())
	if f.HasROI {
		fmt.Fprintf(&b, ", ROI %s", f.ROI)
	}
	if f.PaidBack {
		fmt.Fprintf(&b, ", payback %s periods", econFixed(f.PaybackPeriods, 2))
	} else {
		b.WriteString(", no payback within the horizon")
	}
	if f.HasIRR {
		fmt.Fprintf(&b, ", IRR %s a period (%s a year)", f.IRR.Round(2, partnerops.RoundHalfEven),
			f.AnnualIRR.Round(2, partnerops.RoundHalfEven))
	} else {
		b.WriteString(", no IRR")
	}
	if f.HasBreakEven {
		fmt.Fprintf(&b, ", break-even at %d productive partners", f.BreakEvenPartners)
	}
	return b.String()
}

// Text renders the forecast as a fixed-width P&L table, one row per
// period, followed by the summary line.
func (f Forecast) Text() string {
	var b strings.Builder
	for _, r := range econRows(f) {
		fmt.Fprintf(&b, "%-8s", r[0])
		for _, c := range r[1:] {
			fmt.Fprintf(&b, " %13s", c)
		}
		b.WriteByte('\n')
	}
	b.WriteString(econSummary(f))
	b.WriteByte('\n')
	return b.String()
}

// Markdown renders the forecast as a Markdown table and summary.
func (f Forecast) Markdown() string {
	var b strings.Builder
	for i, r := range econRows(f) {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|---" + strings.Repeat("|---:", len(r)-1) + "|\n")
		}
	}
	b.WriteString("\n" + econSummary(f) + "\n")
	return b.String()
}

// econFixed renders d rounded half up to exactly places fraction digits,
// for display, whatever the decimal package's global settings.
func econFixed(d partnerops.Decimal, places int32) string {
	return d.Round(places, partnerops.RoundHalfUp).String()
}
