package mapping

import (
	"fmt"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestGrowth: indexing, mapping, probing and rendering are linear in their
// inputs.
func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("growth test")
	}
	accounts := func(prefix string, n int) []Account {
		out := make([]Account, n)
		for i := range out {
			out[i] = Account{ID: partnerops.AccountID(fmt.Sprintf("%s%d", prefix, i)), Name: fmt.Sprintf("Company %d Inc", i%(n/2+1)),
				Domain: fmt.Sprintf("co%d.com", i), Status: mapStatusByIndex[i%4], Segment: fmt.Sprint("s", i%7), Pipeline: mapUSD("10.50")}
		}
		return out
	}
	testkit.Growth(t, "NewIndex", 2_000, func(n int) func() {
		ps := []PartnerAccounts{{Partner: "p1", Accounts: accounts("a", n)}, {Partner: "p2", Accounts: accounts("b", n)}}
		return func() { _, _ = NewIndex(ps, IndexOptions{}) }
	})
	ix, err := NewIndex([]PartnerAccounts{{Partner: "p1", Accounts: accounts("a", 20_000)}}, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Vendor accounts match partner accounts spread over the whole index
	// at both sizes, so that the larger run is not charged for reaching
	// parts of the index the smaller one leaves in cache.
	spread := func(n int) []Account {
		v := accounts("v", n)
		for i := range v {
			v[i].Domain = fmt.Sprintf("co%d.com", i*7919%20_000)
		}
		return v
	}
	testkit.Growth(t, "Map", 2_000, func(n int) func() {
		v := spread(n)
		return func() { _, _ = ix.Map(v, MapOptions{}) }
	})
	testkit.Growth(t, "AppendMatchesBatch", 2_000, func(n int) func() {
		v := spread(n)
		dst := make([]AccountMatch, 0, 4*n)
		return func() { _ = ix.AppendMatchesBatch(dst[:0], v) }
	})
	testkit.Growth(t, "PrepareAccounts", 2_000, func(n int) func() {
		v := accounts("v", n)
		return func() { _ = PrepareAccounts(v, MatchModeNormalized) }
	})
	testkit.Growth(t, "Result.Markdown and Whitespace.Text", 50, func(n int) func() {
		ps := make([]PartnerAccounts, n)
		for i := range ps {
			ps[i] = PartnerAccounts{Partner: partnerops.PartnerID(fmt.Sprint("p", i)), Accounts: accounts("a", 20)}
		}
		pix, _ := NewIndex(ps, IndexOptions{})
		v := accounts("v", 8*n)
		for i := range v {
			v[i].Segment = fmt.Sprint("s", i)
		}
		r, _ := pix.Map(v, MapOptions{})
		return func() { _ = r.Markdown(); _ = r.Whitespace.Text(); _ = r.Partners[0].Text() }
	})
	testkit.Growth(t, "ProductWhitespace", 1_000, func(n int) func() {
		catalog := []string{"a", "b", "c", "d"}
		owned := make([]ProductOwnership, n)
		for i := range owned {
			owned[i] = ProductOwnership{Account: partnerops.AccountID(fmt.Sprint("c", i)), Products: catalog[:i%4]}
		}
		return func() { _, _ = ProductWhitespace(catalog, owned, []PartnerProducts{{Partner: "p", Products: catalog}}) }
	})
}
