package fit

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// BatchOptions tunes [Model.ScoreBatch].
type BatchOptions struct {
	// TopN is how many of the best qualified entities to list. Defaults
	// to 10; a negative value lists none.
	TopN int `json:"top_n,omitempty"`
	// Workers is the number of goroutines to score with (at most
	// MaxWorkers, and no more than one per 1,024 entities). Zero or
	// one scores in the calling goroutine; the library starts goroutines
	// only when asked to here.
	Workers int `json:"workers,omitempty"`
	// Percentiles lists the percentiles to report (1 to 100, nearest
	// rank). Defaults to 10, 25, 50, 75 and 90.
	Percentiles []int `json:"percentiles,omitempty"`
}

// MaxWorkers caps [BatchOptions].Workers.
const MaxWorkers = 64

// Ranked is one entry of a top-N list.
type Ranked struct {
	Rank  int    `json:"rank"`  // 1 for the best
	Index int    `json:"index"` // position in the input
	ID    string `json:"id"`    // the entity's ID
	Score Score  `json:"score"` // its score
}

// GradeCount is the number of qualified entities with one grade.
type GradeCount struct {
	Grade Grade `json:"grade"`
	Count int   `json:"count"`
	// Share is Count over all entities scored, in percent with 2 fraction
	// digits, rounded once, half to even.
	Share partnerops.Percent `json:"share"`
}

// Equal reports whether c and o are equal, comparing Share numerically.
func (c GradeCount) Equal(o GradeCount) bool {
	return c.Grade == o.Grade && c.Count == o.Count && c.Share.Equal(o.Share)
}

// Percentile is the score at one percentile of the qualified entities.
type Percentile struct {
	P     int                `json:"p"`
	Score partnerops.Decimal `json:"score"`
}

// Equal reports whether p and o are equal, comparing scores numerically.
func (p Percentile) Equal(o Percentile) bool { return p.P == o.P && p.Score.Equal(o.Score) }

// Distribution summarizes a batch's scores.
type Distribution struct {
	Total        int `json:"total"`     // entities scored
	Qualified    int `json:"qualified"` // graded: neither disqualified nor low coverage
	Disqualified int `json:"disqualified"`
	// LowCoverage counts the entities whose coverage is below the model's
	// MinCoverage (disqualified ones are counted as disqualified only).
	LowCoverage int `json:"low_coverage"`
	// Grades counts the qualified entities per grade, highest grade first
	// (every grade listed, zero counts included).
	Grades []GradeCount `json:"grades"`
	// Percentiles, Mean, Min and Max are over the qualified entities'
	// scores (all zero when none qualified). Percentiles use the nearest
	// rank: the smallest score with at least P% of scores at or below
	// it. Mean is rounded once, half to even, to 2 fraction digits.
	Percentiles []Percentile       `json:"percentiles"`
	Mean        partnerops.Decimal `json:"mean"`
	Min         partnerops.Decimal `json:"min"`
	Max         partnerops.Decimal `json:"max"`
}

// BatchResult is the result of scoring many entities. It is plain data:
// it round-trips through encoding/json (snake_case keys, decimals as
// strings) and renders the same text after a round trip.
type BatchResult struct {
	// Scores holds one score per entity, in input order.
	Scores []Score `json:"scores"`
	// Top lists the best qualified entities: highest score first, ties
	// broken by ID, then by input position. Low-coverage entities are not
	// ranked.
	Top          []Ranked     `json:"top"`
	Distribution Distribution `json:"distribution"`
}

// fitHist counts scores by hundredth.
type fitHist struct {
	counts [fitScoreUnit + 1]int32
	disq   int
	low    int
}

// ScoreBatch scores entities and summarizes them: a score per entity (in
// input order), the top N and the distribution. Scoring allocates nothing
// per entity; the batch allocates its result slice and a histogram per
// worker. The result does not depend on Workers or on input order (except
// Index fields and Scores' order, which follow the input).
func (m *Model) ScoreBatch(entities []Entity, opts BatchOptions) (BatchResult, error) {
	pcts := opts.Percentiles
	if pcts == nil {
		pcts = []int{10, 25, 50, 75, 90}
	}
	for _, p := range pcts {
		if p < 1 || p > 100 {
			return BatchResult{}, &partnerops.ValidationError{Path: "percentiles", Rule: "must be between 1 and 100", Value: fmt.Sprint(p)}
		}
	}
	scores := make([]Score, len(entities))
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
			hist.low += hists[w].low
		}
	}
	if bad >= 0 {
		return BatchResult{}, fmt.Errorf("fit: scoring entity %d (%q): %w", bad, entities[bad].ID, ErrForeignEntity)
	}
	topN := opts.TopN
	if topN == 0 {
		topN = 10
	}
	return BatchResult{
		Scores:       scores,
		Top:          fitTop(entities, scores, hist, topN),
		Distribution: m.fitDistribution(hist, len(entities), pcts),
	}, nil
}

// fitScoreRange scores entities into out and h; it returns the index of
// the first entity of another model (which it does not score), or -1.
func (m *Model) fitScoreRange(entities []Entity, out []Score, h *fitHist) int {
	for i := range entities {
		e := &entities[i]
		if e.model != m {
			return i
		}
		s := m.score(e)
		out[i] = s
		switch {
		case s.Disqualified:
			h.disq++
		case s.LowCoverage:
			h.low++
		default:
			h.counts[s.hundredths()]++
		}
	}
	return -1
}

func fitTop(entities []Entity, scores []Score, h *fitHist, n int) []Ranked {
	if n <= 0 {
		return nil
	}
	// The lowest score that the top n can hold.
	var seen int
	threshold := int16(-1)
	for s := fitScoreUnit; s >= 0; s-- {
		seen += int(h.counts[s])
		if seen >= n {
			threshold = int16(s)
			break
		}
	}
	if threshold < 0 {
		threshold = 0
	}
	var cand []int
	for i, s := range scores {
		if !s.Disqualified && !s.LowCoverage && s.hundredths() >= threshold {
			cand = append(cand, i)
		}
	}
	slices.SortFunc(cand, func(a, b int) int {
		if c := cmp.Compare(scores[b].hundredths(), scores[a].hundredths()); c != 0 {
			return c
		}
		if c := cmp.Compare(entities[a].ID, entities[b].ID); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	cand = cand[:min(n, len(cand))]
	out := make([]Ranked, len(cand))
	for r, i := range cand {
		out[r] = Ranked{Rank: r + 1, Index: i, ID: entities[i].ID, Score: scores[i]}
	}
	return out
}

func (m *Model) fitDistribution(h *fitHist, total int, pcts []int) Distribution {
	d := Distribution{Total: total, Disqualified: h.disq, LowCoverage: h.low, Qualified: total - h.disq - h.low,
		Mean: partnerops.NewDecimal(0, -2), Min: partnerops.NewDecimal(0, -2), Max: partnerops.NewDecimal(0, -2)}
	d.Grades = make([]GradeCount, len(m.grades))
	upper := fitScoreUnit + 1
	for i, g := range m.grades {
		n := 0
		for s := int(g.min); s < upper; s++ {
			n += int(h.counts[s])
		}
		upper = int(g.min)
		d.Grades[i] = GradeCount{Grade: g.grade, Count: n, Share: fixed.Share(int64(n), int64(total))}
	}
	d.Percentiles = make([]Percentile, len(pcts))
	for i, p := range pcts {
		d.Percentiles[i] = Percentile{P: p, Score: partnerops.NewDecimal(0, -2)}
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
	d.Min, d.Max = partnerops.NewDecimal(int64(minS), -2), partnerops.NewDecimal(int64(maxS), -2)
	d.Mean = partnerops.NewDecimal(fixed.DivHalfEven(sum, int64(d.Qualified)), -2)
	for i, p := range pcts {
		rank := (int64(p)*int64(d.Qualified) + 99) / 100 // ceil(p% of n), at least 1
		var seen int64
		for s, c := range h.counts {
			seen += int64(c)
			if seen >= rank {
				d.Percentiles[i].Score = partnerops.NewDecimal(int64(s), -2)
				break
			}
		}
	}
	return d
}
