package strategy

import (
	"time"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/fixed"
)

// SegmentRecord is one dated amount for a partner: booked revenue, or an
// open pipeline opportunity.
type SegmentRecord struct {
	Partner partnerops.PartnerID `json:"partner"`
	// At is when revenue was booked, or when an opportunity is expected
	// to close.
	At     time.Time        `json:"at"`
	Amount partnerops.Money `json:"amount"`
	// Pipeline marks an open opportunity rather than booked revenue.
	Pipeline bool `json:"pipeline,omitempty"`
}

// SegmentMembersFromRecords builds segment members for partners from dated
// records: revenue booked in current becomes Revenue, in prior
// PriorRevenue (revenue outside both periods is left out), and open
// pipeline expected to close in current or later becomes Pipeline.
// Periods are half-open. Every partner gets a member, in input order, with
// zero amounts in currency when it has no records. Records of unknown
// partners wrap [ErrUnknownPartner]; amounts in another currency wrap
// partnerops.ErrCurrencyMismatch; both are reported with their paths.
func SegmentMembersFromRecords(partners []partnerops.Partner, records []SegmentRecord, current, prior partnerops.Period, currency partnerops.Currency) ([]SegmentMember, error) {
	var p partnerops.Problems
	var kinds []error
	if !currency.Valid() {
		p.Add("currency", "must be a known currency", string(currency))
	}
	p.Merge("current", current.Validate())
	p.Merge("prior", prior.Validate())
	if current.Valid() && prior.Valid() && current.Overlaps(prior) {
		p.Add("prior", "must not overlap the current period", prior.String())
	}
	idx := make(map[partnerops.PartnerID]int, len(partners))
	zero := partnerops.Zero(currency)
	out := make([]SegmentMember, len(partners))
	for i, pt := range partners {
		if _, dup := idx[pt.ID]; dup {
			p.Add(partnerops.Path("partners", i, "id"), "duplicate partner", string(pt.ID))
			kinds = append(kinds, ErrDuplicate)
		}
		idx[pt.ID] = i
		out[i] = SegmentMember{Partner: pt, Revenue: zero, PriorRevenue: zero, Pipeline: zero}
	}
	for i, r := range records {
		path := partnerops.Path("records", i)
		j, ok := idx[r.Partner]
		if !ok {
			p.Add(path+".partner", "unknown partner", string(r.Partner))
			kinds = append(kinds, ErrUnknownPartner)
			continue
		}
		if err := r.Amount.Amount().Validate(); err != nil {
			fixed.AddErr(&p, path+".amount", err)
			kinds = append(kinds, partnerops.ErrRange)
			continue
		}
		if r.Amount.Currency() != currency {
			p.Addf(path+".amount", r.Amount.String(), "must be in %s", currency)
			kinds = append(kinds, partnerops.ErrCurrencyMismatch)
			continue
		}
		if p.Len() > 0 {
			continue // keep validating; sums are discarded anyway
		}
		m := &out[j]
		switch {
		case r.Pipeline:
			if !r.At.Before(current.Start) {
				m.Pipeline, _ = m.Pipeline.Add(r.Amount)
			}
		case current.Contains(r.At):
			m.Revenue, _ = m.Revenue.Add(r.Amount)
		case prior.Contains(r.At):
			m.PriorRevenue, _ = m.PriorRevenue.Add(r.Amount)
		}
	}
	if err := p.Err(); err != nil {
		return nil, segWrap("strategy: segment members", kinds, err)
	}
	return out, nil
}
