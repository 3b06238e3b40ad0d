package mapping

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// TestAppendMatchesPreparedEqualsAppendMatches: probing with prepared
// accounts finds exactly the matches, in the same order, that probing
// with the raw accounts finds, in both match modes and on indexes with
// and without partner accounts lacking a domain.
func TestAppendMatchesPreparedEqualsAppendMatches(t *testing.T) {
	hash := func(k string) string { return fmt.Sprintf("h(%s)", k) } // deterministic, injective
	rapid.Check(t, func(t *rapid.T) {
		mode := MatchMode(rapid.IntRange(0, 1).Draw(t, "mode"))
		vendor, part := mapGenLists(t, 40) // up to three batches
		np := len(part)
		if mode == MatchModeKeyedHash {
			vendor, part = KeyedAccounts(vendor, hash), KeyedAccounts(part, hash)
		}
		ix, err := NewIndex([]PartnerAccounts{{Partner: "p", Accounts: part}, {Partner: "q", Accounts: part[:np/2]}}, IndexOptions{Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		var want []AccountMatch
		for _, a := range vendor {
			want = ix.AppendMatches(want, a)
		}
		prepared := PrepareAccounts(vendor, mode)
		if diff := cmp.Diff(want, ix.AppendMatchesPrepared(nil, prepared)); diff != "" {
			t.Fatalf("AppendMatchesPrepared differs from AppendMatches (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, ix.AppendMatchesBatch(nil, vendor)); diff != "" {
			t.Fatalf("AppendMatchesBatch differs from AppendMatches (-want +got):\n%s", diff)
		}
	})
}

func TestPrepareAccounts(t *testing.T) {
	got := PrepareAccounts([]Account{
		{ID: "v1", Name: "Œuvre Straße GmbH", Domain: "https://www.Acme.co.uk/x", Status: AccountStatusTarget},
		{ID: "v2", Name: "Initech LLC", Status: AccountStatusCustomer},
		{ID: "v3", DomainHash: "dh", NameHash: "nh", Status: AccountStatusProspect},
	}, MatchModeNormalized)
	type keys struct {
		ID           partnerops.AccountID
		Status       AccountStatus
		Mode         MatchMode
		Domain, Name string
	}
	var gotKeys []keys
	for i := range got {
		p := &got[i]
		gotKeys = append(gotKeys, keys{p.ID, p.Status, p.Mode(), p.DomainKey(), p.NameKey()})
	}
	want := []keys{
		{"v1", AccountStatusTarget, MatchModeNormalized, "acme.co.uk", "oeuvre strasse"}, // folding grows the name
		{"v2", AccountStatusCustomer, MatchModeNormalized, "", "initech"},
		{"v3", AccountStatusProspect, MatchModeNormalized, "", ""}, // hashes ignored in normalized mode
	}
	if diff := cmp.Diff(want, gotKeys); diff != "" {
		t.Errorf("prepared keys (-want +got):\n%s", diff)
	}
	keyed := PrepareAccounts([]Account{{ID: "v3", DomainHash: "dh", NameHash: "nh"}}, MatchModeKeyedHash)
	if keyed[0].DomainKey() != "dh" || keyed[0].NameKey() != "nh" || keyed[0].Mode() != MatchModeKeyedHash {
		t.Errorf("keyed prepared = %q %q %v", keyed[0].DomainKey(), keyed[0].NameKey(), keyed[0].Mode())
	}
	// Accounts prepared for the other mode match nothing.
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	if m := ix.AppendMatchesPrepared(nil, PrepareAccounts(mapSampleVendor(), MatchModeKeyedHash)); len(m) != 0 {
		t.Errorf("mode mismatch matched %v", m)
	}
	if m := ix.AppendMatchesPrepared(nil, PrepareAccounts(mapSampleVendor(), MatchModeNormalized)); len(m) != 5 {
		t.Errorf("sample vendor matched %d pairs, want 5", len(m))
	}
}

func TestAppendMatchesPreparedAllocs(t *testing.T) {
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	v := mapSampleVendor()
	for range 3 { // more than one batch
		v = append(v, v...)
	}
	prepared := PrepareAccounts(v, MatchModeNormalized)
	dst := make([]AccountMatch, 0, 64)
	if n := testing.AllocsPerRun(100, func() {
		dst = ix.AppendMatchesPrepared(dst[:0], prepared)
	}); n != 0 {
		t.Errorf("AppendMatchesPrepared allocs = %v, want 0", n)
	}
}

// BenchmarkProbePrepared probes the prebuilt 5,000,000-account index with
// 1,024 prepared vendor accounts per op through AppendMatchesPrepared (keys
// normalized and hashed once, beforehand), and reports the cost per probe.
// Target: ≥ 5,000,000 probes/s (≤ 200 ns/probe), 0 allocs.
func BenchmarkProbePrepared(b *testing.B) {
	mapBenchSetup(b)
	prepared := PrepareAccounts(mapBenchVendor, MatchModeNormalized)
	mapBenchProbes(b, len(prepared), func(dst []AccountMatch, lo int) []AccountMatch {
		return mapBenchIndex.AppendMatchesPrepared(dst, prepared[lo:lo+1024])
	})
}
