package routing

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/partnerops/partnerops"
)

// OfferOutcome is what became of one offer.
type OfferOutcome string

// Offer outcomes; the lead-acceptance workflow's terminal states map onto
// them (see the package doc).
const (
	OfferPending  OfferOutcome = "pending"
	OfferAccepted OfferOutcome = "accepted"
	OfferDeclined OfferOutcome = "declined"
	OfferTimedOut OfferOutcome = "timed_out"
	// OfferReturned: the partner accepted, then handed the lead back.
	OfferReturned OfferOutcome = "returned"
)

// ChainStatus is where an offer chain stands.
type ChainStatus string

// Chain statuses.
const (
	// ChainOffering: an offer is pending.
	ChainOffering ChainStatus = "offering"
	// ChainAccepted: a partner accepted the lead.
	ChainAccepted ChainStatus = "accepted"
	// ChainToVendor: the offers ran out (max offers reached or no
	// candidate left); the lead goes back to the vendor.
	ChainToVendor ChainStatus = "to_vendor"
)

// Offer is one offer of the lead to a partner.
type Offer struct {
	Partner partnerops.PartnerID `json:"partner"`
	// Rank is the partner's rank in the routing it came from; Why is
	// that routing's reason.
	Rank    int          `json:"rank"`
	Why     string       `json:"why"`
	Outcome OfferOutcome `json:"outcome"`
	// Reason is the partner's reason for the outcome, as the host
	// recorded it.
	Reason string `json:"reason,omitempty"`
}

// Queued is a candidate not yet offered.
type Queued struct {
	Partner partnerops.PartnerID `json:"partner"`
	Rank    int                  `json:"rank"`
	Why     string               `json:"why"`
}

// Chain is a lead's offer chain: offers to one partner after another,
// each declined or timed-out offer moving on to the next candidate, up to
// the maximum, then back to the vendor. A partner is never offered the
// lead twice. It is plain data the host stores beside its lead (it
// round-trips through JSON); each step returns a new Chain.
type Chain struct {
	Lead   string      `json:"lead,omitempty"`
	Max    int         `json:"max"`
	Status ChainStatus `json:"status"`
	Offers []Offer     `json:"offers"`
	// Queue holds the candidates still to offer, in rank order.
	Queue []Queued `json:"queue,omitempty"`
	// Reason says why the chain stands where it does.
	Reason string `json:"reason"`
}

// NewChain starts an offer chain from a routing result: the first
// candidate gets the first offer; the others queue. With no candidate
// the lead goes back to the vendor at once.
func NewChain(res Result) Chain {
	c := Chain{Lead: res.Lead, Max: res.MaxOffers, Offers: []Offer{}}
	if c.Max <= 0 {
		c.Max = len(res.Candidates)
	}
	for _, cand := range res.Candidates {
		c.Queue = append(c.Queue, Queued{Partner: cand.Partner, Rank: cand.Rank, Why: cand.Reason})
	}
	c.advance("no eligible partner (" + strconv.Itoa(res.Eligible) + " of " + strconv.Itoa(res.Partners) + " eligible)")
	return c
}

// Offered returns every partner offered the lead so far, in order: what
// [Options].Offered takes for a re-route.
func (c Chain) Offered() []partnerops.PartnerID {
	out := make([]partnerops.PartnerID, len(c.Offers))
	for i, o := range c.Offers {
		out[i] = o.Partner
	}
	return out
}

// Pending returns the pending offer, if any.
func (c Chain) Pending() (Offer, bool) {
	if n := len(c.Offers); n > 0 && c.Offers[n-1].Outcome == OfferPending {
		return c.Offers[n-1], true
	}
	return Offer{}, false
}

// Respond records the pending offer's outcome: accepted ends the chain;
// declined or timed out moves on to the next queued candidate not yet
// offered, or back to the vendor when the chain has made Max offers or
// has no candidate left. Returned (after acceptance) reopens the chain
// the same way. Other steps give an error wrapping [ErrChain].
func (c Chain) Respond(outcome OfferOutcome, reason string) (Chain, error) {
	c = c.clone()
	n := len(c.Offers)
	switch outcome {
	case OfferAccepted, OfferDeclined, OfferTimedOut:
		if c.Status != ChainOffering {
			return Chain{}, fmt.Errorf("routing: %s with no pending offer (chain %s): %w", outcome, c.Status, ErrChain)
		}
	case OfferReturned:
		if c.Status != ChainAccepted {
			return Chain{}, fmt.Errorf("routing: returned, but no offer was accepted (chain %s): %w", c.Status, ErrChain)
		}
	default:
		return Chain{}, fmt.Errorf("routing: unknown outcome %q: %w", outcome, ErrChain)
	}
	last := &c.Offers[n-1]
	last.Outcome, last.Reason = outcome, reason
	if outcome == OfferAccepted {
		c.Status = ChainAccepted
		c.Reason = string(last.Partner) + " accepted"
		return c, nil
	}
	c.advance(string(last.Partner) + " " + string(outcome))
	return c, nil
}

// Continue replaces the chain's queue with the candidates of a new
// routing (a re-route, made with [Options].Offered set to
// [Chain.Offered] so the pool's current loads count) and, when no offer
// is pending and the chain is not accepted, offers the lead to the next
// candidate. Candidates already offered are dropped, whatever the
// routing said.
func (c Chain) Continue(res Result) Chain {
	c = c.clone()
	c.Queue = c.Queue[:0]
	for _, cand := range res.Candidates {
		c.Queue = append(c.Queue, Queued{Partner: cand.Partner, Rank: cand.Rank, Why: cand.Reason})
	}
	if len(c.Queue) == 0 {
		c.Queue = nil // as JSON gives it back: an empty queue is left out
	}
	if c.Status == ChainToVendor {
		c.Status = ChainOffering // reopened by a fresh routing
	}
	if _, pending := c.Pending(); !pending && c.Status != ChainAccepted {
		c.advance("re-routed: no eligible partner left")
	}
	return c
}

// advance offers the lead to the next queued partner never offered, or
// sends it back to the vendor with the reason why.
func (c *Chain) advance(why string) {
	for len(c.Queue) > 0 && c.offered(c.Queue[0].Partner) {
		c.Queue = c.Queue[1:]
	}
	switch {
	case len(c.Offers) >= c.Max && c.Max > 0:
		c.Status = ChainToVendor
		c.Reason = why + "; " + strconv.Itoa(len(c.Offers)) + " offers made, the most allowed: back to the vendor"
	case len(c.Queue) == 0:
		c.Status = ChainToVendor
		c.Reason = why + "; no candidate left: back to the vendor"
		if len(c.Offers) == 0 {
			c.Reason = why + ": back to the vendor"
		}
	default:
		q := c.Queue[0]
		c.Queue = c.Queue[1:]
		c.Offers = append(c.Offers, Offer{Partner: q.Partner, Rank: q.Rank, Why: q.Why, Outcome: OfferPending})
		c.Status = ChainOffering
		c.Reason = "offered to " + string(q.Partner)
		if len(c.Offers) > 1 {
			c.Reason = why + "; offered to " + string(q.Partner)
		}
	}
	if len(c.Queue) == 0 {
		c.Queue = nil
	}
}

func (c *Chain) offered(p partnerops.PartnerID) bool {
	return slices.ContainsFunc(c.Offers, func(o Offer) bool { return o.Partner == p })
}

func (c Chain) clone() Chain {
	c.Offers = slices.Clone(c.Offers)
	c.Queue = slices.Clone(c.Queue)
	if c.Offers == nil {
		c.Offers = []Offer{}
	}
	return c
}
