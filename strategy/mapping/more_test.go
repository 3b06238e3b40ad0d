package mapping

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestPlayFor(t *testing.T) {
	tests := []struct {
		v, p AccountStatus
		want Play
	}{
		{AccountStatusProspect, AccountStatusCustomer, PlayIntroAsk},
		{AccountStatusTarget, AccountStatusCustomer, PlayIntroAsk},
		{AccountStatusOpportunity, AccountStatusCustomer, PlayDealAssist},
		{AccountStatusCustomer, AccountStatusProspect, PlayResaleServices},
		{AccountStatusCustomer, AccountStatusOpportunity, PlayResaleServices},
		{AccountStatusCustomer, AccountStatusCustomer, PlayCoSellExpansion},
		{AccountStatusProspect, AccountStatusOpportunity, PlayJointPursuit},
		{AccountStatusProspect, AccountStatusTarget, PlayNone},
		{"lead", AccountStatusCustomer, PlayNone},
	}
	for _, tt := range tests {
		if got := PlayFor(tt.v, tt.p); got != tt.want {
			t.Errorf("PlayFor(%s, %s) = %q, want %q", tt.v, tt.p, got, tt.want)
		}
	}
	var m OverlapMatrix
	if c := m.Cell("lead", AccountStatusCustomer); c.Pairs != 0 || c.Play != PlayNone {
		t.Errorf("Cell(unknown) = %+v", c)
	}
}

func TestIndexAccessors(t *testing.T) {
	ix, err := NewIndex(mapSamplePartners(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]partnerops.PartnerID{"p-alpha", "p-beta"}, ix.Partners()); diff != "" {
		t.Errorf("Partners (-want +got):\n%s", diff)
	}
	if ix.Len() != 6 || ix.Mode() != MatchModeNormalized || ix.Mode().String() != "normalized" || MatchModeKeyedHash.String() != "keyed_hash" || MatchMode(9).String() != "MatchMode(9)" {
		t.Errorf("Len %d Mode %v", ix.Len(), ix.Mode())
	}
	if got := AccountStatuses(); len(got) != 4 || got[0] != AccountStatusCustomer || got[3].String() != "target" {
		t.Errorf("AccountStatuses() = %v", got)
	}
	m, _ := ix.Map(mapSampleVendor(), MapOptions{})
	if _, ok := m.Partner("nobody"); ok {
		t.Error("Partner(nobody) found")
	}
	if _, err := NewIndex(nil, IndexOptions{Mode: 7, Currency: "ZZZ"}); len(partnerops.ValidationErrors(err)) != 2 {
		t.Errorf("bad options error = %v", err)
	}
}

func TestMoneyAccumulator(t *testing.T) {
	var acc mapMoneyAcc
	for _, s := range []string{"10.50", "0.001", "100000000000000000000", "-5", "7"} {
		acc.add(partnerops.MustMoney(s, partnerops.USD), 2)
	}
	acc.add(partnerops.Money{}, 2) // the zero Money adds nothing
	if got, want := acc.money(partnerops.USD, 2), partnerops.MustMoney("100000000000000000012.501", partnerops.USD); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
}

func TestProductWhitespaceErrors(t *testing.T) {
	_, err := ProductWhitespace([]string{"a", "a", ""},
		[]ProductOwnership{{Account: "x", Products: []string{"zz"}}, {Account: "x"}, {}},
		[]PartnerProducts{{Products: []string{"yy"}}})
	if !errors.Is(err, ErrUnknownProduct) || !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("error = %v, want ErrUnknownProduct and ErrInvalid", err)
	}
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{"catalog[1]", "catalog[2]", "deliverers[0].partner", "deliverers[0].products[0]", "owned[2].account", "owned[1].account", "owned[x].products[0]"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

func TestNewAccountIndexLongID(t *testing.T) {
	long := partnerops.AccountID(strings.Repeat("x", 1025))
	_, err := NewIndex([]PartnerAccounts{{Partner: "p", Accounts: []Account{{ID: long, Status: AccountStatusCustomer}}}}, IndexOptions{})
	if ves := partnerops.ValidationErrors(err); len(ves) != 1 || ves[0].Path != "partners[p].accounts[0].id" {
		t.Errorf("long ID error = %v", err)
	}
}

func TestIndexPipelinesExactAndSlow(t *testing.T) {
	// 0.001 USD is finer than cents and 10^20 USD does not fit int64
	// cents: both take the exact decimal path.
	ix, err := NewIndex([]PartnerAccounts{{Partner: "p", Accounts: []Account{
		{ID: "a", Domain: "a.com", Status: AccountStatusCustomer, Pipeline: mapUSD("0.001")},
		{ID: "b", Domain: "a.com", Status: AccountStatusCustomer, Pipeline: mapUSD("100000000000000000000")},
		{ID: "c", Domain: "a.com", Status: AccountStatusCustomer, Pipeline: mapUSD("12.34")},
	}}}, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ix.Map([]Account{{ID: "v", Domain: "a.com", Status: AccountStatusCustomer}}, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Partners[0].Matrix.Cell(AccountStatusCustomer, AccountStatusCustomer).PartnerPipeline; !got.Equal(mapUSD("100000000000000000012.341")) {
		t.Errorf("partner pipeline = %s", got)
	}
}
