package mapping

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
)

// An index keeps about 13 bytes per account besides its ID and key text
// (and 8-byte slots for 4/7 of a key): it no longer builds a name table
// when no account has a name, nor 20-byte slots at half load and a
// 24-byte entry per account (148 bytes per account in all at 1,000,000
// accounts, before; about 52 after).
func TestIndexMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 100,000 accounts")
	}
	const n = 100_000
	accounts := make([]Account, n)
	text := 0
	for i := range accounts {
		a := Account{ID: partnerops.AccountID(fmt.Sprint("p", i)), Domain: fmt.Sprintf("company%d.com", 3*i), Status: AccountStatusCustomer,
			Pipeline: partnerops.MustMoney("1000", partnerops.USD)}
		text += len(a.ID) + len(a.Domain) + mapRefLen
		accounts[i] = a
	}
	partners := []PartnerAccounts{{Partner: "p", Accounts: accounts}}
	var ix *Index
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ix, err := NewIndex(partners, IndexOptions{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	beyond := (int(after.TotalAlloc-before.TotalAlloc) - text) / n
	t.Logf("%d bytes per account beyond their ID and key text", beyond)
	if beyond > 40 {
		t.Errorf("NewIndex allocates %d bytes per account beyond their ID and key text, want at most 40", beyond)
	}
	if ix.name.size > 16 || ix.nameOpen.size > 16 {
		t.Errorf("name tables of %d and %d slots for accounts without names", ix.name.size, ix.nameOpen.size)
	}
}

// IDs and keys spread over several arena chunks, keys of many lengths up
// to the longest indexed (keyed hashes: domains stop at 253 bytes),
// several accounts per key and pipelines beyond int32 minor units all
// read back exactly.
func TestIndexChunksAndPostings(t *testing.T) {
	for _, mode := range []MatchMode{MatchModeNormalized, MatchModeKeyedHash} {
		t.Run(mode.String(), func(t *testing.T) { testIndexChunksAndPostings(t, mode) })
	}
}

func testIndexChunksAndPostings(t *testing.T, mode MatchMode) {
	const companies = 4_000
	var partners []PartnerAccounts
	for p := range 3 {
		pa := PartnerAccounts{Partner: partnerops.PartnerID(fmt.Sprint("partner-", p))}
		for c := range companies {
			if (c+p)%5 == 0 {
				continue // not every partner has every company
			}
			label := fmt.Sprint("c", c, strings.Repeat("x", c%240))
			if mode == MatchModeKeyedHash && c%997 == 0 {
				label = fmt.Sprint("c", c, strings.Repeat("y", mapMaxKey-5-len(fmt.Sprint(c)))) // the longest key
			}
			pipe := partnerops.MustMoney(fmt.Sprint(1000*c), partnerops.USD)
			if c%7 == 0 {
				pipe = partnerops.MustMoney(fmt.Sprint(30_000_000+c), partnerops.USD) // beyond int32 cents
			}
			a := Account{
				ID:     partnerops.AccountID(fmt.Sprintf("%s-acct-%06d-%s", pa.Partner, c, strings.Repeat("i", c%50))),
				Domain: label + ".com", Status: mapStatusByIndex[c%4], Pipeline: pipe,
			}
			if mode == MatchModeKeyedHash {
				a.Domain, a.DomainHash = "", label+".com"
			}
			pa.Accounts = append(pa.Accounts, a)
		}
		partners = append(partners, pa)
	}
	ix, err := NewIndex(partners, IndexOptions{Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	key := func(a Account) string { return a.Domain + a.DomainHash }
	rule := MatchRuleDomain
	if mode == MatchModeKeyedHash {
		rule = MatchRuleDomainHash
	}
	if len(ix.ids.text) < 2 || len(ix.domain.arena.text) < 2 {
		t.Fatalf("IDs in %d chunks, keys in %d: the test needs several", len(ix.ids.text), len(ix.domain.arena.text))
	}
	byKey := map[string][]AccountMatch{} // partners are in ID order, as the index ranks them
	for _, q := range partners {
		for _, b := range q.Accounts {
			byKey[key(b)] = append(byKey[key(b)], AccountMatch{Partner: q.Partner, VendorAccount: "v", PartnerAccount: b.ID,
				VendorStatus: AccountStatusTarget, PartnerStatus: b.Status, Rule: rule, Key: key(b)})
		}
	}
	for _, pa := range partners {
		for _, a := range pa.Accounts {
			want := byKey[key(a)]
			got := ix.AppendMatches(nil, Account{ID: "v", Domain: a.Domain, DomainHash: a.DomainHash, Status: AccountStatusTarget})
			if len(got) != len(want) {
				t.Fatalf("%s: %d matches, want %d", key(a), len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: match %d = %+v, want %+v", key(a), i, got[i], want[i])
				}
			}
		}
	}
	// Pipelines sum exactly through both paths.
	probe := partners[1].Accounts[0]
	m, err := ix.Map([]Account{{ID: "v", Domain: probe.Domain, DomainHash: probe.DomainHash, Status: AccountStatusCustomer}}, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := partnerops.Zero(partnerops.USD)
	for _, pa := range partners {
		for _, a := range pa.Accounts {
			if key(a) == key(probe) {
				want, _ = want.Add(a.Pipeline)
			}
		}
	}
	got := partnerops.Zero(partnerops.USD)
	for _, po := range m.Partners {
		for _, row := range po.Matrix {
			for _, c := range row {
				got, _ = got.Add(c.PartnerPipeline)
			}
		}
	}
	if !got.Equal(want) {
		t.Errorf("partner pipelines sum to %s, want %s", got, want)
	}
}
