package mapping

import (
	"fmt"
	"strconv"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart"
)

// mapRowLabels and mapColLabels name the matrix's rows (the vendor's
// statuses) and columns (the partner's), in AccountStatuses order, short
// enough to print whole in a cell's width.
var (
	mapRowLabels = [mapStatusCount]string{"Our customer", "Our open opp", "Our prospect", "Our target"}
	mapColLabels = [mapStatusCount]string{"Their customer", "Their open opp", "Their prospect", "Their target"}
)

// mapPlayOrder is the order of the plays in [Result.SVG], most valuable
// first; mapPlayShort their names in cells and headers.
var (
	mapPlayOrder = [...]Play{PlayCoSellExpansion, PlayResaleServices, PlayDealAssist, PlayIntroAsk, PlayJointPursuit}
	mapPlayShort = map[Play]string{
		PlayCoSellExpansion: "co-sell", PlayResaleServices: "resale", PlayDealAssist: "deal assist",
		PlayIntroAsk: "intro ask", PlayJointPursuit: "joint pursuit",
	}
)

// SVG returns the partner's overlap matrix as a heat map, a standalone SVG
// document: rows are the vendor's statuses ("Our customer" to "Our
// target"), columns the partner's ("Their customer" to "Their target"),
// and each cell, shaded from light (fewest) to dark (most), prints its
// matched pairs and the short name of its play ("5 · co-sell"). The
// description states the totals and the largest cell. The same input
// gives the same bytes.
func (po PartnerOverlap) SVG() []byte { return chart.SVG(po.heatMap()) }

func (po PartnerOverlap) heatMap() chart.HeatMap {
	statuses := AccountStatuses()
	h := chart.HeatMap{
		Title: fmt.Sprintf("Account overlap with %s (rank %d)", po.Partner, po.Rank),
		Rows:  mapRowLabels[:],
		Cols:  mapColLabels[:],
		Cells: make([][]chart.Num, mapStatusCount),
	}
	bestV, bestP, best := -1, -1, 0
	for v := range mapStatusCount {
		h.Cells[v] = make([]chart.Num, mapStatusCount)
		for p := range mapStatusCount {
			c := po.Matrix[v][p]
			text := strconv.Itoa(c.Pairs)
			if play := PlayFor(statuses[v], statuses[p]); c.Pairs != 0 && play != PlayNone {
				text += " · " + mapPlayShort[play]
			}
			h.Cells[v][p] = chart.Num{Value: partnerops.DecimalFromInt(int64(c.Pairs)), Text: text}
			if c.Pairs > best {
				bestV, bestP, best = v, p, c.Pairs
			}
		}
	}
	h.Desc = fmt.Sprintf("%s: %s matched, %s, %s in plays worth %s of vendor pipeline. Rows are the vendor's account statuses, columns the partner's; cells count matched pairs.",
		po.Partner, mapPlural(po.Pairs, "pair"), mapPlural(po.VendorAccounts, "vendor account"),
		strconv.Itoa(po.PlayAccounts), po.PlayPipeline.StringFixed())
	if bestV >= 0 {
		where := fmt.Sprintf(" Most pairs (%d): vendor %s, partner %s", best, statuses[bestV], statuses[bestP])
		if play := PlayFor(statuses[bestV], statuses[bestP]); play != PlayNone {
			where += " (" + string(play) + ")"
		}
		h.Desc += where + "."
	}
	return h
}

// SVG returns the partners' overlap by play as a heat map, a standalone
// SVG document: one row per partner in rank order ("1. p-alpha"), one
// column per play (co-sell expansion, resale and services, deal assist,
// intro ask, joint pursuit), each cell the matched pairs in the matrix
// cells of that play. Partners with many pairs in valuable plays stand
// out as dark rows near the top. It costs time linear in the number of
// partners.
func (m *Result) SVG() []byte { return chart.SVG(m.heatMap()) }

func (m *Result) heatMap() chart.HeatMap {
	statuses := AccountStatuses()
	h := chart.HeatMap{
		Title: "Partner overlap by play",
		Rows:  make([]string, len(m.Partners)),
		Cols:  make([]string, len(mapPlayOrder)),
		Cells: make([][]chart.Num, len(m.Partners)),
	}
	col := make(map[Play]int, len(mapPlayOrder))
	for k, play := range mapPlayOrder {
		h.Cols[k] = mapPlayShort[play]
		col[play] = k
	}
	var totals [len(mapPlayOrder)]int
	for i, po := range m.Partners {
		h.Rows[i] = strconv.Itoa(po.Rank) + ". " + string(po.Partner)
		var pairs [len(mapPlayOrder)]int
		for v := range mapStatusCount {
			for p := range mapStatusCount {
				if k, ok := col[PlayFor(statuses[v], statuses[p])]; ok {
					pairs[k] += po.Matrix[v][p].Pairs
				}
			}
		}
		h.Cells[i] = make([]chart.Num, len(pairs))
		for k, n := range pairs {
			h.Cells[i][k] = chart.Num{Value: partnerops.DecimalFromInt(int64(n))}
			totals[k] += n
		}
	}
	h.Desc = fmt.Sprintf("%s mapped against %s, %d matched. Cells count matched pairs per play.",
		mapPlural(m.VendorAccounts, "vendor account"), mapPlural(len(m.Partners), "partner"), m.MatchedAccounts)
	if k := mapLargest(totals[:]); k >= 0 {
		h.Desc += fmt.Sprintf(" Most pairs are in %s (%d).", mapPlayOrder[k], totals[k])
	}
	return h
}

// mapLargest returns the index of the largest positive value, the first
// among equals, or -1 when none is positive.
func mapLargest(v []int) int {
	best := -1
	for i, n := range v {
		if n > 0 && (best < 0 || n > v[best]) {
			best = i
		}
	}
	return best
}

func mapPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
