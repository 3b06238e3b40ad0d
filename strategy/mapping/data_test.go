package mapping

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
)

// TestPropResultsRoundTrip: mapping results, whitespace and product
// whitespace reports decode back to equal values that render the same
// text.
func TestPropResultsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vendor, part := mapGenLists(t, 16)
		withPipe := func(as []Account) {
			for i := range as {
				if rapid.Bool().Draw(t, "pipeline") {
					as[i].Pipeline = partnerops.MustMoney(fmt.Sprint(rapid.IntRange(0, 100000).Draw(t, "amount")), partnerops.USD)
				}
				as[i].Segment = rapid.SampledFrom([]string{"", "smb", "ent"}).Draw(t, "segment")
			}
		}
		withPipe(vendor)
		withPipe(part)
		mode := MatchModeNormalized
		if rapid.Bool().Draw(t, "keyed") {
			mode = MatchModeKeyedHash
			hash := func(k string) string { return "h:" + k }
			vendor, part = KeyedAccounts(vendor, hash), KeyedAccounts(part, hash)
		}
		ix, err := NewIndex([]PartnerAccounts{{Partner: "p1", Accounts: part}, {Partner: "p2", Accounts: part[:len(part)/2]}}, IndexOptions{Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Map(vendor, MapOptions{})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, *res, func(r Result) string { return r.Markdown() })
		for _, po := range res.Partners {
			testkit.RoundTrip(t, po, PartnerOverlap.Text)
		}
		testkit.RoundTrip(t, res.Whitespace, Whitespace.Text)

		catalog := []string{"crm", "cpq", "analytics"}
		var owned []ProductOwnership
		for i := range rapid.IntRange(0, 5).Draw(t, "customers") {
			owned = append(owned, ProductOwnership{Account: partnerops.AccountID(fmt.Sprintf("c%d", i)),
				Products: rapid.SliceOfNDistinct(rapid.SampledFrom(catalog), 0, 3, rapid.ID[string]).Draw(t, "owned")})
		}
		rep, err := ProductWhitespace(catalog, owned, []PartnerProducts{{Partner: "p1", Products: []string{"cpq"}}})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RoundTrip(t, rep)
	})
}

// TestHostilePipelinesRejected: a pipeline far outside the decimal range
// (1e-3000000, 1 × 10^-2147483648) is refused at once with its path, by
// NewIndex and by Map, instead of costing seconds in a sum.
func TestHostilePipelinesRejected(t *testing.T) {
	for _, bad := range []decimal.Decimal{decimal.New(1, -3000000), decimal.New(1, -2147483648), decimal.New(0, -2147483648)} {
		m, err := fence.Money(decimal.New(1, 0), partnerops.USD)
		if err != nil {
			t.Fatal(err)
		}
		m = fence.MulMoney(m, bad)
		start := time.Now()
		_, err = NewIndex([]PartnerAccounts{{Partner: "p", Accounts: []Account{{ID: "a", Name: "A", Status: AccountStatusCustomer, Pipeline: m}}}}, IndexOptions{})
		if !errors.Is(err, partnerops.ErrRange) || !strings.Contains(err.Error(), "partners[p].accounts[a].pipeline") {
			t.Errorf("NewIndex with a hostile pipeline: error = %v, want ErrRange at partners[p].accounts[a].pipeline", err)
		}
		ix, _ := NewIndex(nil, IndexOptions{})
		_, err = ix.Map([]Account{{ID: "v", Name: "A", Status: AccountStatusTarget, Pipeline: m}}, MapOptions{})
		if !errors.Is(err, partnerops.ErrRange) || !strings.Contains(err.Error(), "vendor[v].pipeline") {
			t.Errorf("Map with a hostile pipeline: error = %v, want ErrRange at vendor[v].pipeline", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("refusing a hostile pipeline took %v", d)
		}
	}
}

func TestMatchModeText(t *testing.T) {
	b, err := json.Marshal(IndexOptions{Mode: MatchModeKeyedHash, Currency: partnerops.USD})
	if err != nil || string(b) != `{"mode":"keyed_hash","currency":"USD"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	var o IndexOptions
	if err := json.Unmarshal(b, &o); err != nil || o.Mode != MatchModeKeyedHash {
		t.Errorf("Unmarshal = %+v, %v", o, err)
	}
	if err := json.Unmarshal([]byte(`{"mode":"fuzzy"}`), &o); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("Unmarshal(fuzzy) error = %v, want ErrSyntax", err)
	}
}
