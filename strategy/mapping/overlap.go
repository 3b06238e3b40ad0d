package mapping

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
)

// Play names what to do about an overlap cell: the co-selling motion that
// a vendor status meeting a partner status suggests.
type Play string

// Plays. See [PlayFor] for the cells each applies to.
const (
	// PlayNone marks a cell with no standard play.
	PlayNone Play = ""
	// PlayIntroAsk: the partner's customer is the vendor's prospect or
	// target; ask the partner for a warm introduction.
	PlayIntroAsk Play = "intro_ask"
	// PlayDealAssist: the partner's customer has an open opportunity with
	// the vendor; ask the partner to influence the deal.
	PlayDealAssist Play = "deal_assist"
	// PlayResaleServices: the vendor's customer is the partner's
	// opportunity, prospect or target; a resale or services opportunity
	// for the partner.
	PlayResaleServices Play = "resale_services"
	// PlayCoSellExpansion: a customer of both; expansion, integration or
	// co-sell.
	PlayCoSellExpansion Play = "co_sell_expansion"
	// PlayJointPursuit: both are pursuing the account; coordinate.
	PlayJointPursuit Play = "joint_pursuit"
)

// PlayFor returns the play of the cell where an account the vendor has in
// status vendor is one the partner has in status partner:
//
//	vendor \ partner   customer            opportunity      prospect         target
//	customer           co_sell_expansion   resale_services  resale_services  resale_services
//	opportunity        deal_assist         joint_pursuit    joint_pursuit    -
//	prospect           intro_ask           joint_pursuit    joint_pursuit    -
//	target             intro_ask           joint_pursuit    joint_pursuit    -
//
// It returns [PlayNone] for the other cells and for unknown statuses.
func PlayFor(vendor, partner AccountStatus) Play {
	v, p := mapStatusIndex(vendor), mapStatusIndex(partner)
	if v < 0 || p < 0 {
		return PlayNone
	}
	return mapPlays[v][p]
}

var mapPlays = [mapStatusCount][mapStatusCount]Play{
	{PlayCoSellExpansion, PlayResaleServices, PlayResaleServices, PlayResaleServices},
	{PlayDealAssist, PlayJointPursuit, PlayJointPursuit, PlayNone},
	{PlayIntroAsk, PlayJointPursuit, PlayJointPursuit, PlayNone},
	{PlayIntroAsk, PlayJointPursuit, PlayJointPursuit, PlayNone},
}

// MapOptions configures [Index.Map].
type MapOptions struct {
	// Whitespace configures the whitespace report of the mapping.
	Whitespace WhitespaceOptions `json:"whitespace"`
}

// OverlapCell is one cell of an [OverlapMatrix]: the matched pairs where
// the vendor has the account in VendorStatus and the partner in
// PartnerStatus.
type OverlapCell struct {
	VendorStatus  AccountStatus `json:"vendor_status"`
	PartnerStatus AccountStatus `json:"partner_status"`
	Play          Play          `json:"play,omitempty"`
	// Pairs is the number of matched pairs; VendorAccounts the number of
	// distinct vendor accounts among them (fewer when the partner holds
	// duplicates of one company).
	Pairs          int `json:"pairs"`
	VendorAccounts int `json:"vendor_accounts"`
	// VendorPipeline sums the pipeline of the distinct vendor accounts;
	// PartnerPipeline the pipeline of the partner accounts of the pairs.
	VendorPipeline  partnerops.Money `json:"vendor_pipeline"`
	PartnerPipeline partnerops.Money `json:"partner_pipeline"`
	// Matches lists the pairs by vendor account ID, then partner account ID.
	Matches []AccountMatch `json:"matches,omitempty"`
}

// OverlapMatrix is a partner's overlap with the vendor: rows are the
// vendor's statuses and columns the partner's, both in [AccountStatuses]
// order.
type OverlapMatrix [mapStatusCount][mapStatusCount]OverlapCell

// Cell returns the cell of the vendor and partner statuses (the zero cell
// for an unknown status).
func (m *OverlapMatrix) Cell(vendor, partner AccountStatus) OverlapCell {
	v, p := mapStatusIndex(vendor), mapStatusIndex(partner)
	if v < 0 || p < 0 {
		return OverlapCell{}
	}
	return m[v][p]
}

// PartnerOverlap is one partner's overlap with the vendor's accounts, and
// its rank among the partners.
type PartnerOverlap struct {
	// Rank is 1 for the partner with the most valuable overlap.
	Rank    int                  `json:"rank"`
	Partner partnerops.PartnerID `json:"partner"`
	Matrix  OverlapMatrix        `json:"matrix"`
	// Pairs counts matched pairs; VendorAccounts the distinct vendor
	// accounts matched.
	Pairs          int `json:"pairs"`
	VendorAccounts int `json:"vendor_accounts"`
	// PlayAccounts counts the distinct vendor accounts in cells with a
	// play, and PlayPipeline sums their pipeline (each account once).
	PlayAccounts int              `json:"play_accounts"`
	PlayPipeline partnerops.Money `json:"play_pipeline"`
}

// Result is the result of mapping a vendor's accounts against an
// [Index].
type Result struct {
	Mode     MatchMode           `json:"mode"`
	Currency partnerops.Currency `json:"currency,omitempty"`
	// VendorAccounts is the number of vendor accounts mapped and
	// MatchedAccounts those matched by at least one partner.
	VendorAccounts  int `json:"vendor_accounts"`
	MatchedAccounts int `json:"matched_accounts"`
	// Partners holds every indexed partner, ranked by the value of its
	// overlap: PlayPipeline, then PlayAccounts, then VendorAccounts (all
	// descending), then partner ID ascending.
	Partners []PartnerOverlap `json:"partners"`
	// Whitespace groups the vendor accounts no partner covers.
	Whitespace Whitespace `json:"whitespace"`
}

// Partner returns the overlap of one partner.
func (m *Result) Partner(id partnerops.PartnerID) (PartnerOverlap, bool) {
	for _, p := range m.Partners {
		if p.Partner == id {
			return p, true
		}
	}
	return PartnerOverlap{}, false
}

type mapHit struct {
	vendor, entry, bucket int32
	keyOff                uint32
	keyLen                uint16
	table                 uint8
}

// Map matches every vendor account against the index and returns each
// partner's overlap matrix, the partner ranking and the whitespace
// report. Vendor accounts are validated like partner accounts (all
// problems reported as [*partnerops.ValidationError] with paths
// "vendor[i].field"); their pipelines must be in the index's currency.
//
// The result does not depend on the order of the vendor accounts or of
// the partners' lists: cells list pairs by vendor account ID then partner
// account ID, and ties in the ranking go to the lower partner ID.
func (ix *Index) Map(vendor []Account, opts MapOptions) (*Result, error) {
	var p partnerops.Problems
	cur := ix.currency
	for i := range vendor {
		_, _ = mapCheckAccount(&p, &vendor[i], ix.mode, &cur, func() string { return partnerops.Path("vendor", mapElem(string(vendor[i].ID), i)) })
	}
	if ix.currency != "" && cur != ix.currency {
		p.Addf("vendor", string(cur), "pipelines must be in %s like the index", ix.currency)
	}
	wsStatuses, wsCovering, err := opts.Whitespace.resolve()
	if err != nil {
		p.Merge("whitespace", err)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	places := cur.MinorUnits()

	// Probe, in batches so that the table reads of a batch overlap.
	const cells = mapStatusCount * mapStatusCount
	nb := len(ix.partners) * cells
	hits := make([]mapHit, 0, len(vendor)/2+16)
	for lo := 0; lo < len(vendor); lo += mapBatch {
		batch := vendor[lo:min(lo+mapBatch, len(vendor))]
		ix.probeBatch(batch, func(i int, e int32, t uint8, k int32) {
			v := lo + i
			b := ix.partnerOf(e)*cells + mapStatusIndex(vendor[v].Status)*mapStatusCount + int(ix.status(e))
			sl := &ix.table(t).slots[k]
			hits = append(hits, mapHit{vendor: int32(v), entry: e, keyOff: sl.keyOff, keyLen: sl.keyLen(), table: t, bucket: int32(b)})
		})
	}

	// Bucket the hits by partner and cell with a counting sort.
	bucketOf := func(h *mapHit) int { return int(h.bucket) }
	start := make([]int, nb+1)
	for i := range hits {
		start[bucketOf(&hits[i])+1]++
	}
	for b := 1; b <= nb; b++ {
		start[b] += start[b-1]
	}
	sorted := make([]mapHit, len(hits))
	fill := slices.Clone(start[:nb])
	for i := range hits {
		b := bucketOf(&hits[i])
		sorted[fill[b]] = hits[i]
		fill[b]++
	}
	hits = nil
	byIDs := func(a, b mapHit) int {
		if c := strings.Compare(string(vendor[a.vendor].ID), string(vendor[b.vendor].ID)); c != 0 {
			return c
		}
		if c := strings.Compare(string(ix.id(a.entry)), string(ix.id(b.entry))); c != 0 {
			return c
		}
		if c := cmp.Compare(a.vendor, b.vendor); c != 0 { // duplicate IDs: keep input order stable
			return c
		}
		return cmp.Compare(a.entry, b.entry)
	}

	m := &Result{Mode: ix.mode, Currency: cur, VendorAccounts: len(vendor), Partners: make([]PartnerOverlap, len(ix.partners))}
	matches := make([]AccountMatch, len(sorted))
	seen := make([]int32, len(vendor))   // last partner (+1) that matched vendor account v
	inPlay := make([]int32, len(vendor)) // last partner (+1) that matched v in a play cell
	covered := make([]bool, len(vendor))
	matched := 0
	for pi := range ix.partners {
		po := &m.Partners[pi]
		po.Partner = ix.partners[pi]
		var playAcc mapMoneyAcc
		for v := 0; v < mapStatusCount; v++ {
			for ps := 0; ps < mapStatusCount; ps++ {
				b := pi*cells + v*mapStatusCount + ps
				cell := &po.Matrix[v][ps]
				cell.VendorStatus, cell.PartnerStatus = mapStatusByIndex[v], mapStatusByIndex[ps]
				cell.Play = mapPlays[v][ps]
				part := sorted[start[b]:start[b+1]]
				slices.SortFunc(part, byIDs)
				var vAcc, pAcc mapMoneyAcc
				for i, h := range part {
					va := &vendor[h.vendor]
					rule, key := ix.ruleKeyAt(h.table, h.keyOff, h.keyLen)
					matches[start[b]+i] = AccountMatch{
						Partner: po.Partner, VendorAccount: va.ID, PartnerAccount: ix.id(h.entry),
						VendorStatus: va.Status, PartnerStatus: cell.PartnerStatus, Rule: rule, Key: key,
					}
					ix.pipeline(h.entry, &pAcc, places)
					if i == 0 || part[i-1].vendor != h.vendor {
						cell.VendorAccounts++
						vAcc.add(va.Pipeline, places)
					}
					if seen[h.vendor] == 0 {
						matched++
					}
					if seen[h.vendor] != int32(pi+1) {
						seen[h.vendor] = int32(pi + 1)
						po.VendorAccounts++
					}
					if cell.Play != PlayNone && inPlay[h.vendor] != int32(pi+1) {
						inPlay[h.vendor] = int32(pi + 1)
						po.PlayAccounts++
						playAcc.add(va.Pipeline, places)
					}
					if wsCovering[ps] {
						covered[h.vendor] = true
					}
				}
				cell.Pairs = len(part)
				po.Pairs += len(part)
				if len(part) > 0 {
					cell.Matches = matches[start[b]:start[b+1]:start[b+1]]
				}
				cell.VendorPipeline = vAcc.money(cur, places)
				cell.PartnerPipeline = pAcc.money(cur, places)
			}
		}
		po.PlayPipeline = playAcc.money(cur, places)
	}
	m.MatchedAccounts = matched
	slices.SortStableFunc(m.Partners, func(a, b PartnerOverlap) int {
		if c := b.PlayPipeline.Amount().Cmp(a.PlayPipeline.Amount()); c != 0 {
			return c
		}
		if c := cmp.Compare(b.PlayAccounts, a.PlayAccounts); c != 0 {
			return c
		}
		if c := cmp.Compare(b.VendorAccounts, a.VendorAccounts); c != 0 {
			return c
		}
		return strings.Compare(string(a.Partner), string(b.Partner))
	})
	for i := range m.Partners {
		m.Partners[i].Rank = i + 1
	}
	m.Whitespace = mapWhitespace(vendor, covered, wsStatuses, cur, places)
	return m, nil
}

// Text renders the partner's overlap matrix as a fixed-width table of
// pair counts, vendor statuses down and partner statuses across, followed
// by the plays of the non-empty cells.
func (po PartnerOverlap) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Overlap with %s (rank %d): %d vendor accounts, %d in plays, play pipeline %s\n",
		po.Partner, po.Rank, po.VendorAccounts, po.PlayAccounts, po.PlayPipeline.StringFixed())
	fmt.Fprintf(&b, "%-20s", "vendor \\ partner")
	for _, s := range mapStatusByIndex {
		fmt.Fprintf(&b, "%12s", s)
	}
	b.WriteByte('\n')
	for v, row := range po.Matrix {
		fmt.Fprintf(&b, "%-20s", mapStatusByIndex[v])
		for _, c := range row {
			fmt.Fprintf(&b, "%12d", c.Pairs)
		}
		b.WriteByte('\n')
	}
	for _, row := range po.Matrix {
		for _, c := range row {
			if c.Pairs == 0 || c.Play == PlayNone {
				continue
			}
			fmt.Fprintf(&b, "  %s: vendor %s x partner %s, %d accounts, vendor pipeline %s\n",
				c.Play, c.VendorStatus, c.PartnerStatus, c.VendorAccounts, c.VendorPipeline.StringFixed())
		}
	}
	return b.String()
}

// Markdown renders the partner ranking as a Markdown table.
func (m *Result) Markdown() string {
	var b strings.Builder
	b.WriteString("| Rank | Partner | Vendor accounts | In plays | Play pipeline | Pairs |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|\n")
	for _, p := range m.Partners {
		b.WriteString("| " + strconv.Itoa(p.Rank) + " | " + mapMarkdownEscape(string(p.Partner)) + " | " +
			strconv.Itoa(p.VendorAccounts) + " | " + strconv.Itoa(p.PlayAccounts) + " | " +
			p.PlayPipeline.StringFixed() + " | " + strconv.Itoa(p.Pairs) + " |\n")
	}
	return b.String()
}

// mapMarkdownEscape escapes the characters that break a Markdown table.
func mapMarkdownEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
