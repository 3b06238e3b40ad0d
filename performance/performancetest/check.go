package performancetest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/opstest"
	"github.com/partnerops/partnerops/performance"
)

// Score aggregates the case's observations over the fiscal quarter
// holding its instant (in the scorecard's calendar) and scores the
// partner in the case's view. An observation that is refused (outside
// the quarter, an unknown metric, a distinct count without a key) is an
// error naming it: given.observations[2]: ...
func Score(m Model, c Case) (performance.Result, error) {
	g := c.Given
	q := m.Scorecard.Calendar().Quarter(c.At)
	agg, err := m.Catalog.NewAggregator([]partnerops.Period{q})
	if err != nil {
		return performance.Result{}, err
	}
	for i, o := range g.Observations {
		err := agg.Add(performance.Observation{Partner: g.Partner.ID, Metric: o.Metric, At: o.At, Value: o.Value, Key: o.Key})
		if err != nil {
			return performance.Result{}, fmt.Errorf("%s: %s", partnerops.Path("given", "observations", i), partnerops.StripPrefixes(err.Error()))
		}
	}
	values, err := agg.Values(g.Partner.ID, 0)
	if err != nil {
		return performance.Result{}, err
	}
	view := g.View
	if view == "" {
		view = performance.ViewInternal
	}
	return m.Scorecard.Score(performance.ScoreInput{
		Partner: g.Partner.ID, Tier: g.Partner.Tier, Segment: g.Partner.Segment,
		Period: q, Values: values,
	}, view)
}

// CheckCase scores the case with m and compares the scorecard with the
// case's expectations. The error lists every mismatch with its path
// ("expect.metrics[bookings].score: got 80.00, want 75.00"), then the
// expected and actual scorecards side by side, one fact a row; a golden
// scorecard that differs is shown side by side with the new text. Under
// [Run] with -update the golden file is rewritten instead.
func CheckCase(files opstest.Files, m Model, c Case) error {
	x := c.Expect
	var mm opstest.Mismatches
	r, err := Score(m, c)
	if err != nil {
		switch {
		case x.Error == "":
			return fmt.Errorf("scoring failed: %s", partnerops.StripPrefixes(err.Error()))
		case !strings.Contains(err.Error(), x.Error):
			mm.Addf("expect.error", "got %q, want an error containing %q", partnerops.StripPrefixes(err.Error()), x.Error)
		}
		return mm.Err("", "", "", "")
	}
	if x.Error != "" {
		mm.Addf("expect.error", "scored without an error, want an error containing %q", x.Error)
	}
	got := actualView(&r)
	want := got.clone()
	if x.Total != nil && *x.Total != r.Total {
		mm.Addf("expect.total", "got %s, want %s", r.Total, *x.Total)
		want.total = x.Total.String()
	}
	if x.Band != nil && *x.Band != r.Band {
		mm.Addf("expect.band", "got %q, want %q", r.Band, *x.Band)
		want.band = bandText(*x.Band)
	}
	if x.Scored != nil && *x.Scored != r.Scored {
		mm.Addf("expect.scored", "got %t, want %t", r.Scored, *x.Scored)
		want.scored = fmt.Sprint(*x.Scored)
	}
	index := make(map[string]int, len(r.Metrics))
	for i, ms := range r.Metrics {
		index[ms.Metric] = i
	}
	for i, me := range x.Metrics {
		p := partnerops.Path("expect", "metrics", i)
		if me.Metric != "" {
			p = partnerops.Path("expect", "metrics", partnerops.Key(me.Metric))
		}
		n, ok := index[me.Metric]
		if !ok {
			mm.Addf(p, "the %s scorecard has no metric %q", r.View, me.Metric)
			continue
		}
		checkMetric(&mm, p, me, r.Metrics[n], &want.metrics[n])
	}
	if x.Excluded != nil {
		var gotEx []string
		for _, ms := range r.Metrics {
			if !ms.Counted {
				gotEx = append(gotEx, ms.Metric)
			}
		}
		wantEx := slices.Sorted(slices.Values(x.Excluded))
		slices.Sort(gotEx)
		if !slices.Equal(wantEx, gotEx) {
			mm.Addf("expect.excluded", "got [%s], want [%s]", strings.Join(gotEx, ", "), strings.Join(wantEx, ", "))
			want.excluded = strings.Join(wantEx, ", ")
			if want.excluded == "" {
				want.excluded = "(none)"
			}
		}
	}
	var details []string
	if x.Scorecard != "" {
		text, err := golden(&r, x.Format)
		if err != nil {
			mm.Addf("expect.format", "%v", err)
		} else if err := files.Golden(x.Scorecard, []byte(text)); err != nil {
			details = append(details, "expect.scorecard: "+err.Error())
		}
	}
	if mm.Len() == 0 {
		return mm.Err("", "", "", "", details...)
	}
	wt, gt := want.text(), got.text()
	if wt == gt {
		wt, gt = "", ""
	}
	return mm.Err("expected", wt, "actual", gt, details...)
}

// golden renders the scorecard in a golden file's format.
func golden(r *performance.Result, format string) (string, error) {
	switch format {
	case "", "markdown", "md":
		return r.Markdown(), nil
	case "text", "txt":
		return actualView(r).text(), nil
	}
	return "", fmt.Errorf("got %q, want \"markdown\" or \"text\"", format)
}

func checkMetric(mm *opstest.Mismatches, p string, me MetricExpect, ms performance.MetricScore, want *metricView) {
	if me.Value != nil {
		switch {
		case !ms.Present:
			mm.Addf(p+".value", "got no value (missing), want %s", me.Value)
			want.value = me.Value.String()
		case me.Value.Cmp(ms.Value) != 0:
			mm.Addf(p+".value", "got %s, want %s", ms.Value, me.Value)
			want.value = me.Value.String()
		}
	}
	points := func(field string, w *performance.Points, g performance.Points, view *string) {
		if w != nil && *w != g {
			mm.Addf(p+"."+field, "got %s, want %s", g, *w)
			*view = w.String()
		}
	}
	if !ms.Counted && (me.Score != nil || me.Band != nil) {
		mm.Addf(p, "the metric is excluded (missing): it has no score and no band")
		if me.Score != nil {
			want.score = me.Score.String()
		}
		if me.Band != nil {
			want.band = bandText(*me.Band)
		}
	} else {
		points("score", me.Score, ms.Score, &want.score)
		if me.Band != nil && *me.Band != ms.Band {
			mm.Addf(p+".band", "got %q, want %q", ms.Band, *me.Band)
			want.band = bandText(*me.Band)
		}
	}
	points("contribution", me.Contribution, ms.Contribution, &want.contribution)
}

// view is a scorecard reduced to what a scenario can pin, one fact a
// line, so that the expected and actual scorecards line up side by side.
type view struct {
	head, scored, total, band, excluded string
	metrics                             []metricView
}

type metricView struct {
	key, value, score, band, contribution string
}

func actualView(r *performance.Result) view {
	v := view{
		head:   fmt.Sprintf("%s · %s · %s view", r.Partner, r.Label, r.View),
		scored: fmt.Sprint(r.Scored),
		total:  r.Total.String(),
		band:   bandText(r.Band),
	}
	if r.Tier != "" || r.Segment != "" {
		v.head += fmt.Sprintf(" · tier %q segment %q", r.Tier, r.Segment)
	}
	var ex []string
	v.metrics = make([]metricView, len(r.Metrics))
	for i, ms := range r.Metrics {
		mv := metricView{key: ms.Category + "/" + ms.Metric, value: "missing", score: "-", band: "-", contribution: ms.Contribution.String()}
		if ms.Present {
			mv.value = ms.Value.String()
			if ms.Currency != "" {
				mv.value += " " + string(ms.Currency)
			}
		}
		if ms.Counted {
			mv.score, mv.band = ms.Score.String(), bandText(ms.Band)
		} else {
			ex = append(ex, ms.Metric)
		}
		v.metrics[i] = mv
	}
	slices.Sort(ex)
	v.excluded = strings.Join(ex, ", ")
	if v.excluded == "" {
		v.excluded = "(none)"
	}
	return v
}

func bandText(b string) string {
	if b == "" {
		return "(none)"
	}
	return b
}

func (v view) clone() view {
	c := v
	c.metrics = slices.Clone(v.metrics)
	return c
}

// text renders the view, one fact a line; its cost is linear in the
// metrics.
func (v view) text() string {
	var b strings.Builder
	row := func(indent, label, value string) {
		fmt.Fprintf(&b, "%s%-*s %s\n", indent, 16-len(indent), label, value)
	}
	b.WriteString(v.head + "\n")
	for _, m := range v.metrics {
		b.WriteString(m.key + "\n")
		row("  ", "value", m.value)
		row("  ", "score", m.score)
		row("  ", "band", m.band)
		row("  ", "contribution", m.contribution)
	}
	b.WriteString("scorecard\n")
	row("  ", "scored", v.scored)
	row("  ", "total", v.total)
	row("  ", "band", v.band)
	row("  ", "excluded", v.excluded)
	return b.String()
}
