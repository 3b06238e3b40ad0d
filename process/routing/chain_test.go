package routing_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/routing"
)

func offers(c routing.Chain) []string {
	var out []string
	for _, o := range c.Offers {
		out = append(out, string(o.Partner)+":"+string(o.Outcome))
	}
	return out
}

func TestChain(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	res := must(pl.Route(lead(), routing.Options{}))
	c := routing.NewChain(res)
	if diff := cmp.Diff([]string{"a:pending"}, offers(c)); diff != "" || c.Status != routing.ChainOffering {
		t.Fatalf("start (-want +got):\n%s\n%s", diff, c.Text())
	}
	c = must(c.Respond(routing.OfferDeclined, "no capacity in Q3"))
	c = must(c.Respond(routing.OfferTimedOut, ""))
	if diff := cmp.Diff([]string{"a:declined", "c:timed_out", "e:pending"}, offers(c)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	accepted := must(c.Respond(routing.OfferAccepted, ""))
	if accepted.Status != routing.ChainAccepted || accepted.Reason != "e accepted" {
		t.Errorf("accepted: %s", accepted.Text())
	}
	// The old chain value is unchanged.
	if _, ok := c.Pending(); !ok {
		t.Errorf("Respond changed its receiver")
	}
	// Returned after acceptance: the chain has made its 3 offers.
	back := must(accepted.Respond(routing.OfferReturned, "customer went direct"))
	if back.Status != routing.ChainToVendor || back.Reason != "e returned; 3 offers made, the most allowed: back to the vendor" {
		t.Errorf("returned: %s", back.Text())
	}
	// Declining the third offer sends the lead back to the vendor.
	last := must(c.Respond(routing.OfferDeclined, ""))
	if last.Status != routing.ChainToVendor {
		t.Errorf("after 3 offers: %s", last.Text())
	}
	for _, bad := range []struct {
		c routing.Chain
		o routing.OfferOutcome
	}{{last, routing.OfferAccepted}, {c, routing.OfferReturned}, {c, "maybe"}, {accepted, routing.OfferDeclined}} {
		if _, err := bad.c.Respond(bad.o, ""); !errors.Is(err, routing.ErrChain) {
			t.Errorf("Respond(%s) on a %s chain: err = %v", bad.o, bad.c.Status, err)
		}
	}
}

func TestChainReroute(t *testing.T) {
	def := `{"filters":[{"id":"capacity","kind":"capacity"}],"strategy":{"kind":"load_balanced"},"offers":4}`
	ps := []routing.Partner{{ID: "a", Capacity: 5}, {ID: "b", Capacity: 5, OpenLeads: 1}, {ID: "c", Capacity: 5, OpenLeads: 2}, {ID: "d", Capacity: 5, OpenLeads: 3}}
	pl := mustPool(t, def, ps)
	c := routing.NewChain(must(pl.Route(routing.Lead{ID: "L"}, routing.Options{})))
	c = must(c.Respond(routing.OfferDeclined, ""))
	// Loads changed meanwhile: d is empty now, b full. Re-route without
	// the partners already offered.
	pl = must(pl.Update(routing.Load{Partner: "d"}, routing.Load{Partner: "b", OpenLeads: 5}))
	res := must(pl.Route(routing.Lead{ID: "L"}, routing.Options{Offered: c.Offered()}))
	if diff := cmp.Diff([]string{"d", "c"}, ranked(res)); diff != "" {
		t.Fatalf("re-route (-want +got):\n%s", diff)
	}
	c = c.Continue(res) // b is pending still: the queue changes, the offer stays
	if diff := cmp.Diff([]string{"a:declined", "b:pending"}, offers(c)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	c = must(c.Respond(routing.OfferTimedOut, ""))
	c = must(c.Respond(routing.OfferDeclined, ""))
	c = must(c.Respond(routing.OfferDeclined, ""))
	if diff := cmp.Diff([]string{"a:declined", "b:timed_out", "d:declined", "c:declined"}, offers(c)); diff != "" || c.Status != routing.ChainToVendor {
		t.Fatalf("(-want +got):\n%s\n%s", diff, c.Text())
	}
	// A routing with nobody eligible goes back to the vendor at once.
	empty := routing.NewChain(must(pl.Route(routing.Lead{ID: "L"}, routing.Options{Offered: []partnerops.PartnerID{"a", "b", "c", "d"}})))
	if empty.Status != routing.ChainToVendor || empty.Reason != "no eligible partner (0 of 4 eligible): back to the vendor" {
		t.Errorf("empty: %s", empty.Text())
	}
}

// Regression: a re-route with no candidates while an offer is pending
// left an empty, non-nil queue, which JSON gives back as nil (found by
// TestPropertyChainNeverOffersTwice's round trip).
func TestContinueWithNoCandidatesRoundTrips(t *testing.T) {
	c := routing.Chain{Status: routing.ChainOffering, Max: 3, Offers: []routing.Offer{{Partner: "p1", Outcome: routing.OfferPending}}, Queue: []routing.Queued{{Partner: "p2"}}}
	c = c.Continue(routing.Result{})
	if c.Queue != nil {
		t.Fatalf("Continue left queue %#v, want nil", c.Queue)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back routing.Chain
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
