package mapping

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/strategy/internal/testkit"
	"pgregory.net/rapid"
)

func mapUSD(s string) partnerops.Money { return partnerops.MustMoney(s, partnerops.USD) }

func mapSampleVendor() []Account {
	return []Account{
		{ID: "v1", Name: "Acme, Inc.", Domain: "https://www.acme.com", Status: AccountStatusProspect, Segment: "enterprise", Pipeline: mapUSD("50000")},
		{ID: "v2", Name: "Globex Corporation", Domain: "globex.com", Status: AccountStatusCustomer, Segment: "enterprise", Pipeline: mapUSD("120000")},
		{ID: "v3", Name: "Initech LLC", Status: AccountStatusOpportunity, Segment: "mid-market", Pipeline: mapUSD("30000")},
		{ID: "v4", Name: "Umbrella GmbH", Domain: "umbrella.de", Status: AccountStatusTarget, Segment: "mid-market", Pipeline: mapUSD("20000")},
		{ID: "v5", Name: "Hooli", Domain: "hooli.com", Status: AccountStatusTarget, Segment: "enterprise", Pipeline: mapUSD("80000")},
		{ID: "v6", Name: "Stark Industries", Domain: "stark.com", Status: AccountStatusTarget, Pipeline: mapUSD("10000")},
	}
}

func mapSamplePartners() []PartnerAccounts {
	return []PartnerAccounts{
		{Partner: "p-beta", Accounts: []Account{
			{ID: "b1", Name: "Globex", Domain: "www.globex.com", Status: AccountStatusCustomer, Pipeline: mapUSD("5000")},
			{ID: "b2", Name: "Hooli Inc", Domain: "hooli.com", Status: AccountStatusProspect},
		}},
		{Partner: "p-alpha", Accounts: []Account{
			{ID: "a1", Name: "ACME Incorporated", Domain: "acme.com", Status: AccountStatusCustomer, Pipeline: mapUSD("9000")},
			{ID: "a2", Name: "Initech", Status: AccountStatusCustomer},
			{ID: "a3", Name: "Umbrella", Domain: "umbrella.com", Status: AccountStatusCustomer}, // different domain: no name match
			{ID: "a4", Name: "Stark Industries", Domain: "stark.com", Status: AccountStatusOpportunity},
		}},
	}
}

func TestMapOverlapMatrix(t *testing.T) {
	ix, err := NewIndex(mapSamplePartners(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ix.Map(mapSampleVendor(), MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// p-alpha: v1 prospect x customer (intro ask, 50000), v3 opportunity x
	// customer by name (deal assist, 30000), v6 target x opportunity
	// (joint pursuit, 10000): play pipeline 90000.
	// p-beta: v2 customer x customer (co-sell, 120000), v5 target x
	// prospect (joint pursuit, 80000): play pipeline 200000, so p-beta
	// ranks first.
	if got, want := []partnerops.PartnerID{m.Partners[0].Partner, m.Partners[1].Partner}, []partnerops.PartnerID{"p-beta", "p-alpha"}; !slices.Equal(got, want) {
		t.Fatalf("ranking = %v, want %v", got, want)
	}
	alpha, _ := m.Partner("p-alpha")
	want := []AccountMatch{{Partner: "p-alpha", VendorAccount: "v1", PartnerAccount: "a1", VendorStatus: AccountStatusProspect, PartnerStatus: AccountStatusCustomer, Rule: MatchRuleDomain, Key: "acme.com"}}
	intro := alpha.Matrix.Cell(AccountStatusProspect, AccountStatusCustomer)
	if diff := cmp.Diff(want, intro.Matches); diff != "" {
		t.Errorf("intro cell matches (-want +got):\n%s", diff)
	}
	if intro.Play != PlayIntroAsk || !intro.VendorPipeline.Equal(mapUSD("50000")) || !intro.PartnerPipeline.Equal(mapUSD("9000")) {
		t.Errorf("intro cell = %+v", intro)
	}
	assist := alpha.Matrix.Cell(AccountStatusOpportunity, AccountStatusCustomer)
	if len(assist.Matches) != 1 || assist.Matches[0].Rule != MatchRuleName || assist.Matches[0].Key != "initech" || assist.Play != PlayDealAssist {
		t.Errorf("deal assist cell = %+v", assist)
	}
	if alpha.VendorAccounts != 3 || alpha.PlayAccounts != 3 || !alpha.PlayPipeline.Equal(mapUSD("90000")) {
		t.Errorf("alpha = %d accounts, %d in play, %s", alpha.VendorAccounts, alpha.PlayAccounts, alpha.PlayPipeline)
	}
	beta := m.Partners[0]
	if beta.VendorAccounts != 2 || beta.PlayAccounts != 2 || !beta.PlayPipeline.Equal(mapUSD("200000")) {
		t.Errorf("beta = %d accounts, %d in play, %s", beta.VendorAccounts, beta.PlayAccounts, beta.PlayPipeline)
	}
	if m.MatchedAccounts != 5 || m.VendorAccounts != 6 {
		t.Errorf("matched %d of %d, want 5 of 6", m.MatchedAccounts, m.VendorAccounts)
	}
	// Whitespace over targets v4, v5, v6: v4 unmatched (umbrella.de vs
	// umbrella.com), v5 only a partner prospect (not coverage), v6 a
	// partner opportunity (covered).
	wantWS := Whitespace{Accounts: 3, Covered: 1, Groups: []WhitespaceGroup{
		{Segment: "", Accounts: 1, Covered: 1, CoverageRate: partnerops.MustPercent("100"), UncoveredPipeline: partnerops.Zero(partnerops.USD)},
		{Segment: "enterprise", Accounts: 1, Uncovered: []partnerops.AccountID{"v5"}, CoverageRate: partnerops.MustPercent("0"), UncoveredPipeline: mapUSD("80000")},
		{Segment: "mid-market", Accounts: 1, Uncovered: []partnerops.AccountID{"v4"}, CoverageRate: partnerops.MustPercent("0"), UncoveredPipeline: mapUSD("20000")},
	}}
	if diff := cmp.Diff(wantWS, m.Whitespace); diff != "" {
		t.Errorf("whitespace (-want +got):\n%s", diff)
	}
}

func TestMapKeyedHash(t *testing.T) {
	secret := []byte("shared secret agreed out of band")
	hash := func(k string) string {
		h := hmac.New(sha256.New, secret)
		h.Write([]byte(k))
		return hex.EncodeToString(h.Sum(nil))
	}
	partners := mapSamplePartners()
	for i := range partners {
		partners[i].Accounts = KeyedAccounts(partners[i].Accounts, hash)
	}
	ix, err := NewIndex(partners, IndexOptions{Mode: MatchModeKeyedHash})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ix.Map(KeyedAccounts(mapSampleVendor(), hash), MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	alpha, _ := m.Partner("p-alpha")
	c := alpha.Matrix.Cell(AccountStatusProspect, AccountStatusCustomer)
	if len(c.Matches) != 1 || c.Matches[0].Rule != MatchRuleDomainHash || c.Matches[0].Key != hash("domain:acme.com") {
		t.Errorf("keyed intro cell = %+v", c.Matches)
	}
	if m.MatchedAccounts != 5 {
		t.Errorf("keyed mode matched %d, want 5 like normalized mode", m.MatchedAccounts)
	}
	// Raw keys in keyed mode are refused.
	_, err = ix.Map(mapSampleVendor(), MapOptions{})
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Map(raw accounts) in keyed mode error = %v, want ErrInvalid", err)
	}
}

func TestNewAccountIndexErrors(t *testing.T) {
	_, err := NewIndex([]PartnerAccounts{
		{Partner: "p1", Accounts: []Account{{ID: "", Status: "customer"}, {ID: "x", Status: "friend"}}},
		{Partner: "p2", Accounts: []Account{{ID: "y", Status: AccountStatusCustomer, Pipeline: partnerops.MustMoney("1", partnerops.EUR)}, {ID: "z", Status: AccountStatusCustomer, Pipeline: mapUSD("1")},
			// A zero is zero in any currency: JSON leaves it out.
			{ID: "w", Status: AccountStatusCustomer, Pipeline: mapUSD("0")}}},
	}, IndexOptions{Currency: partnerops.EUR})
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{"partners[p1].accounts[0].id", "partners[p1].accounts[x].status", "partners[p2].accounts[z].pipeline"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("problem paths (-want +got):\n%s", diff)
	}
	_, err = NewIndex([]PartnerAccounts{{Partner: "p"}, {Partner: "p"}}, IndexOptions{})
	if !errors.Is(err, ErrDuplicatePartner) {
		t.Errorf("duplicate partner error = %v, want ErrDuplicatePartner", err)
	}
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	_, err = ix.Map([]Account{{ID: "v", Status: AccountStatusCustomer, Pipeline: partnerops.MustMoney("1", partnerops.EUR)}}, MapOptions{})
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("Map currency mismatch error = %v, want ErrInvalid", err)
	}
	_, err = ix.Map(nil, MapOptions{Whitespace: WhitespaceOptions{Statuses: []AccountStatus{"lead"}}})
	if ves := partnerops.ValidationErrors(err); len(ves) != 1 || ves[0].Path != "whitespace.statuses[0]" {
		t.Errorf("Map whitespace error = %v", err)
	}
}

func TestParseAccountStatus(t *testing.T) {
	for in, want := range map[string]AccountStatus{"Customer": AccountStatusCustomer, "open opportunity": AccountStatusOpportunity, "opp": AccountStatusOpportunity, " prospect ": AccountStatusProspect, "TARGET": AccountStatusTarget} {
		if got, err := ParseAccountStatus(in); err != nil || got != want {
			t.Errorf("ParseAccountStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseAccountStatus("lead"); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("ParseAccountStatus(lead) error = %v, want ErrSyntax", err)
	}
}

func TestMapRender(t *testing.T) {
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	m, _ := ix.Map(mapSampleVendor(), MapOptions{})
	alpha, _ := m.Partner("p-alpha")
	text := alpha.Text()
	for _, want := range []string{"Overlap with p-alpha (rank 2)", "intro_ask: vendor prospect x partner customer, 1 accounts, vendor pipeline 50000.00 USD"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text() lacks %q:\n%s", want, text)
		}
	}
	if md := m.Markdown(); !strings.Contains(md, "| 1 | p-beta | 2 | 2 | 200000.00 USD | 2 |") {
		t.Errorf("Markdown() =\n%s", md)
	}
	if ws := m.Whitespace.Text(); !strings.Contains(ws, "enterprise") {
		t.Errorf("Whitespace.Text() =\n%s", ws)
	}
	// The mapping round-trips through JSON.
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

// mapGenAccount draws an account from a small universe of companies so
// that matches are frequent, with the domain and name written in varied
// forms.
func mapGenAccount(t *rapid.T, id string) Account {
	co := rapid.IntRange(0, 7).Draw(t, "company")
	forms := []string{"co%d.com", "https://www.co%d.com/", "CO%d.COM.", "sales@co%d.com", ""}
	names := []string{"Company %d", "company %d, inc.", "COMPANY %d LLC", ""}
	d := forms[rapid.IntRange(0, len(forms)-1).Draw(t, "domainForm")]
	n := names[rapid.IntRange(0, len(names)-1).Draw(t, "nameForm")]
	a := Account{ID: partnerops.AccountID(id), Status: mapStatusByIndex[rapid.IntRange(0, 3).Draw(t, "status")]}
	if d != "" {
		// Occasionally another domain for the same name.
		if rapid.IntRange(0, 5).Draw(t, "otherDomain") == 0 {
			a.Domain = fmt.Sprintf("co%d-other.com", co)
		} else {
			a.Domain = fmt.Sprintf(d, co)
		}
	}
	if n != "" {
		a.Name = fmt.Sprintf(n, co)
	}
	return a
}

// mapGenLists draws a vendor list of up to maxVendors accounts (IDs v00,
// v01, ...) and a partner list of up to 12 (p00, ...).
func mapGenLists(t *rapid.T, maxVendors int) (vendor, part []Account) {
	nv := rapid.IntRange(0, maxVendors).Draw(t, "vendors")
	np := rapid.IntRange(0, 12).Draw(t, "partnerAccounts")
	vendor = make([]Account, nv)
	for i := range vendor {
		vendor[i] = mapGenAccount(t, fmt.Sprintf("v%02d", i))
	}
	part = make([]Account, np)
	for i := range part {
		part[i] = mapGenAccount(t, fmt.Sprintf("p%02d", i))
	}
	return vendor, part
}

// TestMatchAccountsSymmetric: MatchAccounts(a, b) equals MatchAccounts(b, a).
func TestMatchAccountsSymmetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := mapGenAccount(t, "a"), mapGenAccount(t, "b")
		m1, ok1 := MatchAccounts(a, b, MatchModeNormalized)
		m2, ok2 := MatchAccounts(b, a, MatchModeNormalized)
		if ok1 != ok2 || m1 != m2 {
			t.Fatalf("MatchAccounts not symmetric: %v %v vs %v %v", m1, ok1, m2, ok2)
		}
	})
}

// TestMapMatchesPairwiseAndOrderIndependent: the index finds exactly the
// pairs MatchAccounts accepts; swapping the vendor's and a partner's
// roles finds the same pairs; shuffling the inputs changes nothing.
func TestMapMatchesPairwiseAndOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vendor, part := mapGenLists(t, 12)
		type pair struct{ V, P partnerops.AccountID }
		var want []pair
		for _, v := range vendor {
			for _, p := range part {
				if _, ok := MatchAccounts(v, p, MatchModeNormalized); ok {
					want = append(want, pair{v.ID, p.ID})
				}
			}
		}
		pairsOf := func(m *Result, swap bool) []pair {
			var out []pair
			for _, po := range m.Partners {
				for _, row := range po.Matrix {
					for _, c := range row {
						for _, am := range c.Matches {
							if swap {
								out = append(out, pair{am.PartnerAccount, am.VendorAccount})
							} else {
								out = append(out, pair{am.VendorAccount, am.PartnerAccount})
							}
						}
					}
				}
			}
			slices.SortFunc(out, func(a, b pair) int { return strings.Compare(string(a.V)+"|"+string(a.P), string(b.V)+"|"+string(b.P)) })
			return out
		}
		run := func(vs, ps []Account) *Result {
			ix, err := NewIndex([]PartnerAccounts{{Partner: "p", Accounts: ps}}, IndexOptions{})
			if err != nil {
				t.Fatal(err)
			}
			m, err := ix.Map(vs, MapOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		m := run(vendor, part)
		if diff := cmp.Diff(want, pairsOf(m, false)); diff != "" {
			t.Fatalf("index pairs differ from pairwise (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, pairsOf(run(part, vendor), true)); diff != "" {
			t.Fatalf("swapped roles give other pairs (-want +got):\n%s", diff)
		}
		perm := rapid.Permutation(vendor).Draw(t, "vendorOrder")
		permP := rapid.Permutation(part).Draw(t, "partnerOrder")
		if diff := cmp.Diff(m, run(perm, permP)); diff != "" {
			t.Fatalf("input order changed the mapping (-want +got):\n%s", diff)
		}
	})
}

func TestAppendMatchesAllocs(t *testing.T) {
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	dst := make([]AccountMatch, 0, 16)
	v := mapSampleVendor()
	if n := testing.AllocsPerRun(100, func() {
		for _, a := range v {
			dst = ix.AppendMatches(dst[:0], a)
		}
	}); n != 0 {
		t.Errorf("AppendMatches allocs = %v, want 0", n)
	}
}

// mapBenchData builds nv vendor accounts and np partners holding na
// accounts in all, from a fixed seed. Companies are drawn from a universe
// of 4,000,000 so that about a third of vendor accounts overlap some
// partner.
func mapBenchData(nv, np, na int) ([]Account, []PartnerAccounts) {
	r := rand.New(rand.NewPCG(1, 2))
	const universe = 4_000_000
	forms := []string{"company%d.com", "https://www.company%d.com/about", "COMPANY%d.COM.", "company%d.co.uk"}
	statuses := mapStatusByIndex
	acc := func(id string, co int) Account {
		return Account{
			ID: partnerops.AccountID(id), Domain: fmt.Sprintf(forms[co%len(forms)], co), Name: fmt.Sprintf("Company %d Inc", co),
			Status: statuses[r.IntN(4)], Pipeline: partnerops.MustMoney(fmt.Sprint(1000*(1+co%50)), partnerops.USD),
		}
	}
	vendor := make([]Account, nv)
	for i := range vendor {
		vendor[i] = acc(fmt.Sprintf("v%d", i), r.IntN(universe))
	}
	partners := make([]PartnerAccounts, np)
	per := na / np
	for p := range partners {
		partners[p].Partner = partnerops.PartnerID(fmt.Sprintf("partner-%03d", p))
		partners[p].Accounts = make([]Account, per)
		for i := range partners[p].Accounts {
			partners[p].Accounts[i] = acc(fmt.Sprintf("p%d-%d", p, i), r.IntN(universe))
		}
	}
	return vendor, partners
}

var (
	mapBenchVendor   []Account
	mapBenchPartners []PartnerAccounts
	mapBenchIndex    *Index
)

func mapBenchSetup(b *testing.B) {
	if mapBenchIndex != nil {
		return
	}
	mapBenchVendor, mapBenchPartners = mapBenchData(1_000_000, 200, 5_000_000)
	var err error
	mapBenchIndex, err = NewIndex(mapBenchPartners, IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkNewAccountIndex builds the index of 200 partners holding
// 5,000,000 accounts. Target: at most one allocation per indexed account
// (allocs/op ≤ 5,000,000).
func BenchmarkNewAccountIndex(b *testing.B) {
	mapBenchSetup(b)
	b.ReportAllocs()
	cpu := testkit.CPUTime()
	for b.Loop() {
		if _, err := NewIndex(mapBenchPartners, IndexOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(testkit.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkMap maps 1,000,000 vendor accounts against the prebuilt index
// of 200 partners / 5,000,000 accounts, building every overlap matrix,
// the ranking and the whitespace report. Target: ≤ 2 s per op.
func BenchmarkMap(b *testing.B) {
	mapBenchSetup(b)
	b.ReportAllocs()
	cpu := testkit.CPUTime()
	for b.Loop() {
		if _, err := mapBenchIndex.Map(mapBenchVendor, MapOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(testkit.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkProbe probes the prebuilt 5,000,000-account index with one
// vendor account per op (normalizing its domain and name). Target:
// ≥ 5,000,000 probes/s (≤ 200 ns/op), 0 allocs.
func BenchmarkProbe(b *testing.B) {
	mapBenchSetup(b)
	dst := make([]AccountMatch, 0, 64)
	b.ReportAllocs()
	cpu := testkit.CPUTime()
	i := 0
	for b.Loop() {
		dst = mapBenchIndex.AppendMatches(dst[:0], mapBenchVendor[i%len(mapBenchVendor)])
		i++
	}
	b.ReportMetric(float64(testkit.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
}

func TestAppendMatchesBatch(t *testing.T) {
	ix, _ := NewIndex(mapSamplePartners(), IndexOptions{})
	vendor := mapSampleVendor()
	for i := range 40 { // more than two batches
		vendor = append(vendor, Account{ID: partnerops.AccountID(fmt.Sprint("x", i)), Domain: fmt.Sprint("acme.com/", i), Status: AccountStatusTarget})
	}
	var want []AccountMatch
	for _, a := range vendor {
		want = ix.AppendMatches(want, a)
	}
	if diff := cmp.Diff(want, ix.AppendMatchesBatch(nil, vendor)); diff != "" {
		t.Errorf("AppendMatchesBatch differs from AppendMatches (-want +got):\n%s", diff)
	}
}

// BenchmarkProbeBatch probes the prebuilt 5,000,000-account index with
// 1,024 vendor accounts per op through AppendMatchesBatch, and reports the
// cost per probe. Target: ≥ 5,000,000 probes/s (≤ 200 ns/probe), 0 allocs.
func BenchmarkProbeBatch(b *testing.B) {
	mapBenchSetup(b)
	mapBenchProbeBatch(b, mapBenchIndex, mapBenchVendor)
}

// mapBenchProbeBatch probes ix with 1,024 of vendor's accounts per op and
// reports wall and CPU time per probe.
func mapBenchProbeBatch(b *testing.B, ix *Index, vendor []Account) {
	mapBenchProbes(b, len(vendor), func(dst []AccountMatch, lo int) []AccountMatch {
		return ix.AppendMatchesBatch(dst, vendor[lo:lo+1024])
	})
}

// mapBenchProbes calls probe with the next 1,024 of n vendor accounts per
// op (from lo) and reports wall and CPU time per probe.
func mapBenchProbes(b *testing.B, n int, probe func(dst []AccountMatch, lo int) []AccountMatch) {
	dst := make([]AccountMatch, 0, 4096)
	b.ReportAllocs()
	cpu := testkit.CPUTime()
	i := 0
	for b.Loop() {
		dst = probe(dst[:0], (i*1024)%(n-1024))
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1024), "ns/probe")
	b.ReportMetric(float64(testkit.CPUTime()-cpu)/float64(b.N*1024), "cpu-ns/probe")
}

// FuzzAccountIndex decodes fuzzed JSON account lists, indexes and maps
// them: validation may fail, but nothing panics, and whatever maps is
// deterministic.
func FuzzAccountIndex(f *testing.F) {
	p, _ := json.Marshal(mapSamplePartners())
	v, _ := json.Marshal(mapSampleVendor())
	f.Add(p, v)
	f.Add([]byte(`[{"partner":"x","accounts":[{"id":"1","name":"A & B","domain":"a.co.uk","status":"customer"}]}]`), []byte(`[{"id":"v","name":"a and b","status":"target"}]`))
	f.Fuzz(func(t *testing.T, pb, vb []byte) {
		var partners []PartnerAccounts
		var vendor []Account
		if json.Unmarshal(pb, &partners) != nil || json.Unmarshal(vb, &vendor) != nil {
			return
		}
		ix, err := NewIndex(partners, IndexOptions{})
		if err != nil {
			return
		}
		m1, err := ix.Map(vendor, MapOptions{})
		if err != nil {
			return
		}
		m2, _ := ix.Map(vendor, MapOptions{})
		if diff := cmp.Diff(m1, m2); diff != "" {
			t.Fatalf("mapping twice differs:\n%s", diff)
		}
	})
}

// BenchmarkProbeBatchSmallIndex is BenchmarkProbeBatch against an index
// of 20 partners holding 100,000 accounts, which fits the CPU caches
// better: the cost of a probe without DRAM misses dominating. Target:
// ≥ 5,000,000 probes/s (≤ 200 ns/probe), 0 allocs.
func BenchmarkProbeBatchSmallIndex(b *testing.B) {
	vendor, partners := mapBenchData(100_000, 20, 100_000)
	ix, err := NewIndex(partners, IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	mapBenchProbeBatch(b, ix, vendor)
}
