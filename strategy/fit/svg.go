package fit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
)

// SVG returns the batch's fit-score distribution as a histogram, a
// standalone SVG document: the qualified scores counted in bins of 10
// points (0–10 up to 90–100, 100 in the last bin), each bin also split
// at every grade threshold inside it, so that no bin straddles two
// grades; the bins are grouped under their grade, shown as alternating
// bands. Disqualified and low-coverage entities, which have no place on
// the scale, follow as two bins of their own under "not graded" when
// there are any. Each bar prints its count.
//
// grades are the thresholds the batch was graded with, normally the
// model's ([Model.Grades]); nil means [DefaultGrades]. Thresholds outside
// 0 to 100 bound no bin. A score below every threshold belongs to the
// lowest grade, as in [Model.Score]. The description states the totals,
// the count per grade and the mean. It costs time n log g for n scores
// and g grades; the same input gives the same bytes.
func (r BatchResult) SVG(grades []GradeDef) []byte { return chart.SVG(r.histogram(grades)) }

// fitGradeAt is a grade threshold in hundredths of a point.
type fitGradeAt struct {
	grade Grade
	min   int
}

func (r BatchResult) histogram(grades []GradeDef) chart.Histogram {
	if grades == nil {
		grades = DefaultGrades()
	}
	// Thresholds highest first, the first of equal ones winning, as the
	// model grades.
	th := make([]fitGradeAt, 0, len(grades))
	for _, g := range grades {
		if g.Min.Validate() != nil {
			continue
		}
		h, ok := g.Min.Mul(partnerops.DecimalFromInt(100)).Round(0, partnerops.RoundCeiling).Int64()
		if !ok {
			continue
		}
		th = append(th, fitGradeAt{g.Grade, int(max(min(h, 10001), -1))})
	}
	slices.SortStableFunc(th, func(a, b fitGradeAt) int { return cmp.Compare(b.min, a.min) })
	gradeOf := func(h int) Grade {
		for _, g := range th {
			if h >= g.min {
				return g.grade
			}
		}
		if len(th) == 0 {
			return ""
		}
		return th[len(th)-1].grade
	}

	// Bin edges: every 10 points and every threshold inside the scale.
	edges := make([]int, 0, 10+len(th))
	for e := 0; e < 10000; e += 1000 {
		edges = append(edges, e)
	}
	for _, g := range th {
		if g.min > 0 && g.min < 10000 {
			edges = append(edges, g.min)
		}
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)

	counts := make([]int, len(edges))
	disqualified, low := 0, 0
	for _, s := range r.Scores {
		switch {
		case s.Disqualified:
			disqualified++
		case s.LowCoverage:
			low++
		default:
			h := int(min(max(s.Hundredths(), 0), 10000))
			i, found := slices.BinarySearch(edges, h)
			if !found {
				i--
			}
			counts[i]++
		}
	}

	c := chart.Histogram{Bins: make([]chart.Bin, 0, len(edges))}
	for i, lo := range edges {
		hi := 10000
		if i+1 < len(edges) {
			hi = edges[i+1]
		}
		c.Bins = append(c.Bins, chart.Bin{
			Label: fitPoints(lo) + "–" + fitPoints(hi),
			Count: chart.Count(counts[i]),
			Band:  string(gradeOf(lo)),
		})
	}
	graded := len(r.Scores) - disqualified - low
	c.Title = fmt.Sprintf("Fit-score distribution: %d graded", graded)
	if disqualified+low > 0 {
		c.Title += fmt.Sprintf(", %d not graded", disqualified+low)
	}
	c.Desc = r.describe()
	return c
}

// describe says the distribution in words: "88 scored, 80 qualified
// (A 8, B 30, C 25, D 17), 3 disqualified, 5 low coverage; mean 61.20,
// min 12.00, max 97.50."
func (r BatchResult) describe() string {
	d := r.Distribution
	var b strings.Builder
	fmt.Fprintf(&b, "%d scored, %d qualified", d.Total, d.Qualified)
	for i, g := range d.Grades {
		sep := ", "
		if i == 0 {
			sep = " ("
		}
		fmt.Fprintf(&b, "%s%s %d", sep, g.Grade, g.Count)
		if i == len(d.Grades)-1 {
			b.WriteString(")")
		}
	}
	fmt.Fprintf(&b, ", %d disqualified, %d low coverage", d.Disqualified, d.LowCoverage)
	if d.Qualified > 0 {
		fmt.Fprintf(&b, "; mean %s, min %s, max %s", fitSafe2(d.Mean), fitSafe2(d.Min), fitSafe2(d.Max))
	}
	b.WriteString(". Bars count qualified scores per bin of points, grouped by grade.")
	return b.String()
}

// fitSafe2 is fitFixed2 for a decimal in the valid range; a hand-made
// value beyond it (never one a batch computes or JSON decodes) prints as
// "?" rather than being expanded into its digits.
func fitSafe2(d partnerops.Decimal) string {
	if d.Validate() != nil {
		return "?"
	}
	return fitFixed2(d)
}

// fitPoints writes hundredths of a point as points: 8000 is "80", 6250
// "62.5".
func fitPoints(h int) string {
	s := strconv.Itoa(h / 100)
	if f := h % 100; f != 0 {
		s += "." + strings.TrimSuffix(fmt.Sprintf("%02d", f), "0")
	}
	return s
}
