package strategy

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/partnerops/partnerops"
	"github.com/shopspring/decimal"
)

// FitBatchOptions tunes [FitModel.ScoreBatch].
type FitBatchOptions struct {
	// TopN is how many of the best qualified entities to list. Defaults
	// to 10; a negative value lists none.
	TopN int
	// Workers is the number of goroutines to score with (at most
	// MaxFitWorkers, and no more than one per 1,024 entities). Zero or
	// one scores in the calling goroutine; the library starts goroutines
	// only when asked to here.
	Workers int
	// Percentiles lists the percentiles to report (1 to 100, nearest
	// rank). Defaults to 10, 25, 50, 75 and 90.
	Percentiles []int
}

// MaxFitWorkers caps [FitBatchOptions].Workers.
const MaxFitWorkers = 64

// FitRanked is one entry of a top-N list.
type FitRanked struct {
	Rank  int      // 1 for the best
	Index int      // position in the input
	ID    string   // the entity's ID
	Score FitScore // its score
}

// GradeCount is the number of qualified entities with one grade.
type GradeCount struct {
	Grade Grade
	Count int
	// Share is Count over all entities scored, in percent with 2 fraction
	// digits, rounded half to even.
	Share partnerops.Percent
}

// Equal reports whether c and o are equal, comparing Share numerically.
func (c GradeCount) Equal(o GradeCount) bool {
	return c.Grade == o.Grade && c.Count == o.Count && c.Share.Equal(o.Share)
}

// FitPercentile is the score at one percentile of the qualified entities.
type FitPercentile struct {
	P     int
	Score decimal.Decimal
}

// Equal reports whether p and o are equal, comparing scores numerically.
func (p FitPercentile) Equal(o FitPercentile) bool { return p.P == o.P && p.Score.Equal(o.Score) }

// FitDistribution summarizes a batch's scores.
type FitDistribution struct {
	Total        int // entities scored
	Qualified    int // not disqualified
	Disqualified int
	// Grades counts the qualified entities per grade, highest grade first
	// (every grade listed, zero counts included). Disqualified entities
	// are counted only in Disqualified.
	Grades []GradeCount
	// Percentiles, Mean, Min and Max are over the qualified entities'
	// scores (all zero when none qualified). Percentiles use the nearest
	// rank: the smallest score with at least P% of scores at or below
	// it. Mean is rounded half to even to 2 fraction digits.
	Percentiles    []FitPercentile
	Mean, Min, Max decimal.Decimal
}

// FitBatch is the result of scoring many entities.
type FitBatch struct {
	// Scores holds one score per entity, in input order.
	Scores []FitScore
	// Top lists the best qualified entities: highest score first, ties
	// broken by ID, then by input position.
	Top          []FitRanked
	Distribution FitDistribution
}

// fitHist counts scores by hundredth.
type fitHist struct {
	counts [fitScoreUnit + 1]int32
	disq   int
}

// ScoreBatch scores entities and summarizes them: a score per entity (in
// input order), the top N and the distribution. Scoring allocates nothing
// per entity; the batch allocates its result slice and a histogram per
// worker. The result does not depend on Workers or on input order (except
// Index fields and Scores' order, which follow the input).
func (m *FitModel) ScoreBatch(entities []Entity, opts FitBatchOptions) (FitBatch, error) {
	pcts := opts.Percentiles
	if pcts == nil {
		pcts = []int{10, 25, 50, 75, 90}
	}
	for _, p := range pcts {
		if p < 1 || p > 100 {
			return FitBatch{}, &partnerops.ValidationError{Path: "percentiles", Rule: "must be between 1 and 100", Value: fmt.Sprint(p)}
		}
	}
	scores := make([]FitScore, len(entities))
	hist := &fitHist{}
	workers := max(1, opts.Workers)
	bad := -1
	if workers == 1 || len(entities) < 2*workers {
		bad = m.fitScoreRange(entities, scores, hist)
	} else {
		hists := make([]fitHist, workers)
		bads := make([]int, workers)
		chunk := (len(entities) + workers - 1) / workers
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*chunk, min((w+1)*chunk, len(entities))
			bads[w] = -1
			if lo >= hi {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if b := m.fitScoreRange(entities[lo:hi], scores[lo:hi], &hists[w]); b >= 0 {
					bads[w] = lo + b
				}
			}()
		}
		wg.Wait()
		for w := range hists {
			if bad < 0 {
				bad = bads[w]
			}
			for s, c := range hists[w].counts {
				hist.counts[s] += c
			}
			hist.disq += hists[w].disq
		}
	}
	if bad >= 0 {
		return FitBatch{}, fmt.Errorf("strategy: scoring entity %d (%q): %w", bad, entities[bad].ID, ErrForeignEntity)
	}
	topN := opts.TopN
	if topN == 0 {
		topN = 10
	}
	return FitBatch{
		Scores:       scores,
		Top:          fitTop(entities, scores, hist, topN),
		Distribution: m.fitDistribution(hist, len(entities), pcts),
	}, nil
}

// fitScoreRange scores entities into out and h; it returns the index of
// the first entity of another model (which it does not score), or -1.
func (m *FitModel) fitScoreRange(entities []Entity, out []FitScore, h *fitHist) int {
	for i := range entities {
		e := &entities[i]
		if e.model != m {
			return i
		}
		s := m.score(e)
		out[i] = s
		if s.Disqualified {
			h.disq++
		} else {
			h.counts[s.hundredths]++
		}
	}
	return -1
}

func fitTop(entities []Entity, scores []FitScore, h *fitHist, n int) []FitRanked {
	if n <= 0 {
		return nil
	}
	// The lowest score that the top n can hold.
	var seen int
	threshold := int32(-1)
	for s := fitScoreUnit; s >= 0; s-- {
		seen += int(h.counts[s])
		if seen >= n {
			threshold = int32(s)
			break
		}
	}
	if threshold < 0 {
		threshold = 0
	}
	var cand []int
	for i, s := range scores {
		if !s.Disqualified && s.hundredths >= threshold {
			cand = append(cand, i)
		}
	}
	slices.SortFunc(cand, func(a, b int) int {
		if c := cmp.Compare(scores[b].hundredths, scores[a].hundredths); c != 0 {
			return c
		}
		if c := cmp.Compare(entities[a].ID, entities[b].ID); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	cand = cand[:min(n, len(cand))]
	out := make([]FitRanked, len(cand))
	for r, i := range cand {
		out[r] = FitRanked{Rank: r + 1, Index: i, ID: entities[i].ID, Score: scores[i]}
	}
	return out
}

func (m *FitModel) fitDistribution(h *fitHist, total int, pcts []int) FitDistribution {
	d := FitDistribution{Total: total, Disqualified: h.disq, Qualified: total - h.disq,
		Mean: decimal.New(0, -2), Min: decimal.New(0, -2), Max: decimal.New(0, -2)}
	d.Grades = make([]GradeCount, len(m.grades))
	upper := fitScoreUnit + 1
	for i, g := range m.grades {
		n := 0
		for s := int(g.min); s < upper; s++ {
			n += int(h.counts[s])
		}
		upper = int(g.min)
		d.Grades[i] = GradeCount{Grade: g.grade, Count: n, Share: fitShare(int64(n), int64(total))}
	}
	d.Percentiles = make([]FitPercentile, len(pcts))
	for i, p := range pcts {
		d.Percentiles[i] = FitPercentile{P: p, Score: decimal.New(0, -2)}
	}
	if d.Qualified == 0 {
		return d
	}
	var sum int64
	minS, maxS := -1, 0
	for s, c := range h.counts {
		if c == 0 {
			continue
		}
		if minS < 0 {
			minS = s
		}
		maxS = s
		sum += int64(s) * int64(c)
	}
	d.Min, d.Max = decimal.New(int64(minS), -2), decimal.New(int64(maxS), -2)
	d.Mean = decimal.New(fitDivHalfEven(sum, int64(d.Qualified)), -2)
	for i, p := range pcts {
		rank := (int64(p)*int64(d.Qualified) + 99) / 100 // ceil(p% of n), at least 1
		var seen int64
		for s, c := range h.counts {
			seen += int64(c)
			if seen >= rank {
				d.Percentiles[i].Score = decimal.New(int64(s), -2)
				break
			}
		}
	}
	return d
}

// fitDivHalfEven returns a/b rounded half to even, for a >= 0, b > 0.
func fitDivHalfEven(a, b int64) int64 {
	q, r := a/b, a%b
	if 2*r > b || (2*r == b && q%2 == 1) {
		q++
	}
	return q
}

// fitShare returns n/total as a percent with 2 fraction digits, rounded
// half to even; 0% when total is 0.
func fitShare(n, total int64) partnerops.Percent {
	if total == 0 {
		return partnerops.NewPercent(decimal.New(0, -2))
	}
	return partnerops.NewPercent(decimal.New(fitDivHalfEven(n*fitScoreUnit, total), -2))
}
