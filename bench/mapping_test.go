package bench

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/mapping"
)

// The account-mapping rows of issue 20, against the simplest hand-written
// code: a map[string]struct{} set over the partners' domains, which a
// host already holds lower-cased and normalized.
//
//   - Index build, 1,000,000 partner accounts: mapping.NewIndex (which
//     validates every account, normalizes its domain, and keeps its ID,
//     status and pipeline) against filling the set, sized in advance.
//     Target: at or under 1.0x the time, and at or under the set's
//     memory.
//   - Probe with normalization, an index of 5,000,000 partner accounts:
//     Index.AppendMatchesBatch (normalizing each vendor account's
//     domain) against looking each domain up in the set and appending
//     the hit. Target: at or under 1.2x; prepared probes
//     (Index.AppendMatchesPrepared, keys normalized beforehand) at or
//     under 0.9x.
//
// The partner accounts have clean domains and no names (the case where
// the set is all a host would write); each company appears in at most
// one partner list, so a vendor account matches one partner account or
// none, and both sides report the same hits (TestMappingPairsAgree).

// mapDomain is the domain of company k: company<k>.com, .io or .co.uk.
func mapDomain(k int) string {
	s := "company" + strconv.Itoa(k)
	switch k % 3 {
	case 0:
		return s + ".com"
	case 1:
		return s + ".io"
	}
	return s + ".co.uk"
}

var mapPipelines = func() []partnerops.Money {
	out := make([]partnerops.Money, 50)
	for i := range out {
		out[i] = partnerops.MustMoney(strconv.Itoa(1000*(i+1)), partnerops.USD)
	}
	return out
}()

// mapPartners builds np partners holding n accounts in all: account j
// (over all partners) is company 3j, so domains are unique.
func mapPartners(np, n int) []mapping.PartnerAccounts {
	r := rand.New(rand.NewPCG(3, 4))
	statuses := []mapping.AccountStatus{mapping.AccountStatusCustomer, mapping.AccountStatusOpportunity, mapping.AccountStatusProspect, mapping.AccountStatusTarget}
	out := make([]mapping.PartnerAccounts, np)
	per := n / np
	j := 0
	for p := range out {
		out[p].Partner = partnerops.PartnerID("partner-" + strconv.Itoa(1000+p))
		out[p].Accounts = make([]mapping.Account, per)
		for i := range out[p].Accounts {
			out[p].Accounts[i] = mapping.Account{
				ID: partnerops.AccountID("p" + strconv.Itoa(j)), Domain: mapDomain(3 * j),
				Status: statuses[r.IntN(4)], Pipeline: mapPipelines[r.IntN(len(mapPipelines))],
			}
			j++
		}
	}
	return out
}

// mapVendor draws n vendor accounts from the companies 0 to 3 × indexed:
// about a third are indexed.
func mapVendor(n, indexed int) []mapping.Account {
	r := rand.New(rand.NewPCG(5, 6))
	out := make([]mapping.Account, n)
	for i := range out {
		k := r.IntN(3 * indexed)
		out[i] = mapping.Account{ID: partnerops.AccountID("v" + strconv.Itoa(i)), Domain: mapDomain(k),
			Name: "Company " + strconv.Itoa(k) + " Inc", Status: mapping.AccountStatusTarget}
	}
	return out
}

// mapBaselineSet is the baseline's index: the set of the partners'
// domains.
func mapBaselineSet(partners []mapping.PartnerAccounts) map[string]struct{} {
	n := 0
	for i := range partners {
		n += len(partners[i].Accounts)
	}
	set := make(map[string]struct{}, n)
	for i := range partners {
		for j := range partners[i].Accounts {
			if d := partners[i].Accounts[j].Domain; d != "" {
				set[d] = struct{}{}
			}
		}
	}
	return set
}

// mapHit is a baseline match: the vendor account and the key it matched.
type mapHit struct {
	Vendor partnerops.AccountID
	Key    string
}

// mapBaselineProbe appends the vendor accounts whose domain is in the set.
func mapBaselineProbe(dst []mapHit, set map[string]struct{}, vendor []mapping.Account) []mapHit {
	for i := range vendor {
		if _, ok := set[vendor[i].Domain]; ok {
			dst = append(dst, mapHit{Vendor: vendor[i].ID, Key: vendor[i].Domain})
		}
	}
	return dst
}

// mapHits reduces the engine's matches to the baseline's form, checking
// each against the partner account that holds the key.
func mapHits(t *testing.T, ms []mapping.AccountMatch, owner map[string]partnerops.AccountID) []mapHit {
	t.Helper()
	var out []mapHit
	for _, m := range ms {
		if m.Rule != mapping.MatchRuleDomain || owner[m.Key] != m.PartnerAccount {
			t.Fatalf("match %+v: want a domain match with %s", m, owner[m.Key])
		}
		out = append(out, mapHit{Vendor: m.VendorAccount, Key: m.Key})
	}
	return out
}

// TestMappingPairsAgree checks that the index and the set find the same
// vendor accounts, through every probe form, and that the index names the
// partner account holding the key.
func TestMappingPairsAgree(t *testing.T) {
	n := 60_000
	if testing.Short() {
		n = 6_000
	}
	partners := mapPartners(20, n)
	vendor := mapVendor(5_000, n)
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	set := mapBaselineSet(partners)
	owner := map[string]partnerops.AccountID{}
	for _, p := range partners {
		for _, a := range p.Accounts {
			owner[a.Domain] = a.ID
		}
	}
	if ix.Len() != n || len(set) != n {
		t.Fatalf("index holds %d accounts, set %d keys, want %d", ix.Len(), len(set), n)
	}
	want := mapBaselineProbe(nil, set, vendor)
	if len(want) < len(vendor)/4 || len(want) > len(vendor)/2 {
		t.Fatalf("%d of %d vendor accounts match: the data does not exercise the pair", len(want), len(vendor))
	}
	var one []mapping.AccountMatch
	for _, a := range vendor {
		one = ix.AppendMatches(one, a)
	}
	batch := ix.AppendMatchesBatch(nil, vendor)
	prepared := ix.AppendMatchesPrepared(nil, mapping.PrepareAccounts(vendor, mapping.MatchModeNormalized))
	for name, got := range map[string][]mapping.AccountMatch{"AppendMatches": one, "AppendMatchesBatch": batch, "AppendMatchesPrepared": prepared} {
		if hits := mapHits(t, got, owner); !reflect.DeepEqual(hits, want) {
			t.Errorf("%s: %d hits, the set %d", name, len(hits), len(want))
		}
	}
}

// TestMappingProbeAllocs checks that probes allocate nothing.
func TestMappingProbeAllocs(t *testing.T) {
	partners := mapPartners(4, 4_000)
	vendor := mapVendor(1_024, 4_000)
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	prepared := mapping.PrepareAccounts(vendor, mapping.MatchModeNormalized)
	dst := make([]mapping.AccountMatch, 0, len(vendor))
	if n := testing.AllocsPerRun(20, func() { dst = ix.AppendMatchesBatch(dst[:0], vendor) }); n != 0 {
		t.Errorf("AppendMatchesBatch allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(20, func() { dst = ix.AppendMatchesPrepared(dst[:0], prepared) }); n != 0 {
		t.Errorf("AppendMatchesPrepared allocates %v times, want 0", n)
	}
}

var (
	mapSinkIndex *mapping.Index
	mapSinkSet   map[string]struct{}
)

// BenchmarkMappingIndexBuild1M indexes 1,000,000 partner accounts (100
// partners) with NewIndex (engine) and fills the set (baseline). B/op is
// each side's memory. Target: engine at or under the baseline in time and
// memory.
func BenchmarkMappingIndexBuild1M(b *testing.B) {
	partners := mapPartners(100, 1_000_000)
	engine := func() {
		ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
		if err != nil {
			b.Fatal(err)
		}
		mapSinkIndex = ix
	}
	base := func() { mapSinkSet = mapBaselineSet(partners) }
	b.Run("engine", func(b *testing.B) { stratRun(b, "account", 1_000_000, engine) })
	b.Run("baseline", func(b *testing.B) { stratRun(b, "account", 1_000_000, base) })
	b.Run("pair", func(b *testing.B) {
		stratPairGC(b, "account", 1_000_000, true, func() { mapSinkIndex = nil; engine() }, func() { mapSinkSet = nil; base() })
	})
	mapSinkIndex, mapSinkSet = nil, nil
}

var (
	mapProbeOnce     sync.Once
	mapProbeIndex    *mapping.Index
	mapProbeSet      map[string]struct{}
	mapProbeVendor   []mapping.Account
	mapProbePrepared []mapping.PreparedAccount
)

// mapProbeSetup builds the 5,000,000-account index (200 partners), its
// set, and 1,000,000 vendor accounts, once per process.
func mapProbeSetup(b *testing.B) {
	mapProbeOnce.Do(func() {
		partners := mapPartners(200, 5_000_000)
		var err error
		if mapProbeIndex, err = mapping.NewIndex(partners, mapping.IndexOptions{}); err != nil {
			b.Fatal(err)
		}
		mapProbeSet = mapBaselineSet(partners)
		mapProbeVendor = mapVendor(1_000_000, 5_000_000)
		mapProbePrepared = mapping.PrepareAccounts(mapProbeVendor, mapping.MatchModeNormalized)
	})
}

// mapProbeBench runs a probe pair over the next 1,024 vendor accounts
// per call, reporting CPU time per probe.
func mapProbeBench(b *testing.B, engine func(dst []mapping.AccountMatch, lo int) []mapping.AccountMatch) {
	mapProbeSetup(b)
	const per = 1024
	n := len(mapProbeVendor)
	dst := make([]mapping.AccountMatch, 0, 2*per)
	dstB := make([]mapHit, 0, 2*per)
	lo, loB := 0, 0
	eng := func() {
		dst = engine(dst[:0], lo)
		lo = (lo + per) % (n - per)
	}
	base := func() {
		dstB = mapBaselineProbe(dstB[:0], mapProbeSet, mapProbeVendor[loB:loB+per])
		loB = (loB + per) % (n - per)
	}
	b.Run("engine", func(b *testing.B) { stratRun(b, "probe", per, eng) })
	b.Run("baseline", func(b *testing.B) { stratRun(b, "probe", per, base) })
	b.Run("pair", func(b *testing.B) {
		b.ReportAllocs()
		stratPair(b, "probe", per, eng, base)
	})
}

// BenchmarkMappingProbe5M probes the 5,000,000-account index with 1,024
// vendor accounts per op through AppendMatchesBatch, normalizing each
// domain (engine), and looks them up in the set (baseline). Target:
// engine at or under 1.2x the baseline, 0 allocations.
func BenchmarkMappingProbe5M(b *testing.B) {
	mapProbeBench(b, func(dst []mapping.AccountMatch, lo int) []mapping.AccountMatch {
		return mapProbeIndex.AppendMatchesBatch(dst, mapProbeVendor[lo:lo+1024])
	})
}

// BenchmarkMappingProbePrepared5M is BenchmarkMappingProbe5M with the
// vendor accounts prepared once (AppendMatchesPrepared). Target: engine at
// or under 0.9x the baseline, 0 allocations.
func BenchmarkMappingProbePrepared5M(b *testing.B) {
	mapProbeBench(b, func(dst []mapping.AccountMatch, lo int) []mapping.AccountMatch {
		return mapProbeIndex.AppendMatchesPrepared(dst, mapProbePrepared[lo:lo+1024])
	})
}
