// Package chart draws the few charts the pillars need as small,
// deterministic, accessible SVG, and sets them with text, facts and tables
// in a self-contained printable HTML page. It is module-internal: the
// pillars turn their results into this package's plain data and call it;
// it knows nothing of prices, scores or tiers.
//
// # Charts
//
//   - [Waterfall]: a price waterfall, one row per [Step]: totals and
//     subtotals grow from zero, changes fall (discounts) or rise
//     (surcharges) from the running level, a step cut by a cap or a
//     floor is cross-hatched and its note printed.
//   - [Bars]: grouped or stacked, vertical or horizontal bars of
//     categories by [Series], with labelled ticks, reference lines
//     ([Ref]: a target, a requirement) and a note per category (a date).
//     Tier movement is grouped vertical bars (tiers by promote, keep,
//     demote); scorecard contributions stacked horizontal bars; coverage
//     per requirement horizontal bars with a "Required" reference and the
//     date partners fall out as the note.
//   - [Line]: series over periods against a dashed target series or a
//     reference line, with vertical [Mark]s ("today").
//   - [HeatMap]: a rows-by-columns matrix shaded in one hue, every cell
//     printing its text (the account-mapping overlap matrix).
//   - [Histogram]: bins over bands (a fit-score distribution over grades).
//   - [Position]: one marker on a scale (a peer percentile on 0 to 100).
//     It takes one value, so it cannot show another partner's.
//
// [SVG] returns a chart as a standalone SVG document and [Write] writes it
// to an io.Writer the caller passes. [HTML] and [WriteHTML] render a
// [Document] of [Section]s holding [Text], [Facts], [Table] and charts.
//
// # Numbers: placed by value, printed from text
//
// Every number is a [Num]: an exact partnerops.Decimal and the text to
// print for it. The value is converted to float64 once, only to place a
// mark; the printed text is always the caller's (Num.Text, or the
// decimal's own String when Text is empty). So a chart never prints a
// rounded float, and the pillar keeps full control of units, currency and
// rounding ("1,200.00 USD", "72nd", "85%"). For the same reason axes carry
// no computed tick numbers: a chart draws the zero line, and labelled grid
// lines only for the Ticks the caller passes.
//
// # Determinism and robustness
//
// The same input gives the same bytes: coordinates are formatted by
// strconv with at most two decimals, nothing iterates a map, reads a
// clock, loads a font or a file, or does any I/O but the one Write of
// [Write] and [WriteHTML]. Text widths are estimated from rune counts
// (wide scripts count double), never measured.
//
// Any input renders: no data draws a "No data" chart; one point, equal
// values, negative values and values up to ±1e300 (larger ones are
// clamped; a decimal with a hostile exponent is never expanded into its
// digits, and prints as "7e2000000000" when it has no Text) keep every
// coordinate finite and inside the view box (every
// coordinate is clamped to it when written, and value scales widen an
// empty domain); labels of any length are cut to their room with an
// ellipsis, their full text kept in the mark's tooltip title. The cost
// is linear in the input: a chart with many categories grows wider or
// taller rather than denser.
//
// # Accessibility
//
// Each SVG has role="img", a title and a desc (from Title and Desc; say
// the result in Desc: "Net price 652.60 USD after 5 steps"), referenced by
// aria-labelledby and aria-describedby. Every bar and point has its own
// title ("Gold · Promote: 12"). No reading depends on colour alone: bars
// print their values, series differ in fill pattern (solid, hatch, dots,
// cross-hatch, lines) and in line dash and marker shape, legends name them
// in text, heat-map cells print their values. Text is near black on white
// (contrast above 7:1), the palette keeps distinct lightness in greyscale,
// and the HTML page has print CSS (no breaks inside figures and tables).
// All text is escaped for XML; characters XML forbids become U+FFFD and
// line breaks become spaces.
//
// # Ids
//
// A standalone SVG prefixes its ids (title, desc, patterns) with "chart";
// inside a [Document] the n-th chart uses "figN", so several charts share
// a page without clashing ids.
//
// # How pillars call it
//
// A pillar maps its result to a chart value and renders it. [Amount],
// [Pct] and [Count] make the Num of a Money, a Percent and a count:
//
//	w := chart.Waterfall{Title: "Price waterfall: line 1", Desc: "List 1200.00 USD, net 652.60 USD."}
//	w.Steps = append(w.Steps, chart.Step{Label: "List", Kind: chart.StepTotal, Value: chart.Amount(r.ListExtended)})
//	for _, st := range r.Steps {
//		w.Steps = append(w.Steps, chart.Step{Label: string(st.Rule), Value: ..., Note: limitNote(st)})
//	}
//	w.Steps = append(w.Steps, chart.Step{Label: "Net", Kind: chart.StepTotal, Value: chart.Amount(r.NetExtended)})
//	svg := chart.SVG(w)
//
// Give every chart a Title and a Desc that states its finding in words;
// keep the numbers' texts in the units the page uses elsewhere; put the
// same data in a [Table] next to the chart in a [Document] when readers
// need exact figures for every mark (vertical bars and lines omit a value
// text that does not fit its room, keeping it in the mark's title).
//
// For a partner-facing page, pass only what the partner may see: the
// package renders every label and value it is given.
package chart
