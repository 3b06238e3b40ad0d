package dealreg_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/process/dealreg"
)

func TestCheckRules(t *testing.T) {
	acme := key("https://www.acme.com/about", "Acme, Inc.")
	acmeUK := key("acme.co.uk", "ACME Ltd")
	acmeNoDomain := key("", "Acme Corporation")
	records := []dealreg.Record{
		reg("R-1", "p1", acme, "approved", t0.Add(-days(10)), "SEC-100"),                       // same partner, overlapping
		reg("R-2", "p1", acme, "approved", t0.Add(-days(10)), "NET-200"),                       // same partner, other product
		reg("R-3", "p2", acme, "submitted", t0.Add(-days(1)), "SEC-100", "NET-200"),            // other partner, overlapping
		reg("R-4", "p3", acme, "approved", t0.Add(-days(100))),                                 // window ended (90 days)
		reg("R-5", "p4", acme, "expired", t0.Add(-days(5))),                                    // inactive status
		reg("R-6", "p5", acmeUK, "approved", t0.Add(-days(3)), "SEC-100"),                      // near-duplicate
		reg("R-7", "p6", acmeNoDomain, "approved", t0.Add(-days(3))),                           // name match (no domain)
		opp("O-1", acme, "open", t0.Add(-days(30))),                                            // direct, whole account
		opp("O-2", acme, "open", t0.Add(-days(200))),                                           // direct, window ended (180 days)
		reg("R-8", "p7", key("globex.com", "Globex"), "approved", t0.Add(-days(1)), "SEC-100"), // other account
		reg("R-9", "p8", acme, "approved", t0.Add(days(1)), "SEC-100"),                         // registered after at
	}
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}), records...)
	tests := []struct {
		name string
		reg  dealreg.Record
		want []string
	}{
		{"duplicate refuses", reg("N", "p1", acme, "", t0, "SEC-100"),
			[]string{"refuse", "duplicate:R-1", "conflict:R-3", "conflict:R-7", "direct_conflict:O-1", "near_duplicate:R-6"}},
		{"other product is no duplicate", reg("N", "p1", acme, "", t0, "NET-200"),
			[]string{"refuse", "duplicate:R-2", "conflict:R-3", "conflict:R-7", "direct_conflict:O-1"}},
		{"whole account overlaps everything", reg("N", "p9", acme, "", t0),
			[]string{"review", "conflict:R-1", "conflict:R-2", "conflict:R-3", "conflict:R-7", "direct_conflict:O-1", "near_duplicate:R-6"}},
		{"unknown product overlaps only whole-account records", reg("N", "p9", acme, "", t0, "NEW-1"),
			[]string{"review", "conflict:R-7", "direct_conflict:O-1"}},
		{"no match", reg("N", "p9", key("initech.com", "Initech"), "", t0),
			[]string{"approve"}},
		{"near duplicate only warns; a name without domain still matches", reg("N", "p9", key("acme.de", "Acme GmbH"), "", t0, "SEC-100"),
			[]string{"review", "conflict:R-7", "near_duplicate:O-1", "near_duplicate:R-1", "near_duplicate:R-3", "near_duplicate:R-6"}},
		{"near duplicate only", reg("N", "p9", key("acme.co.uk", "Acme"), "", t0, "NET-200"),
			[]string{"review", "conflict:R-7", "near_duplicate:O-1", "near_duplicate:R-2", "near_duplicate:R-3"}},
		{"name key without domain matches every acme", reg("N", "p9", key("", "ACME"), "", t0, "SEC-100"),
			[]string{"review", "conflict:R-1", "conflict:R-3", "conflict:R-6", "conflict:R-7", "direct_conflict:O-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := x.Check(tt.reg, t0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("Check(%s) (-want +got):\n%s\n%s", tt.name, diff, got.Text())
			}
		})
	}
}

func TestFindingExplains(t *testing.T) {
	acme := key("acme.com", "Acme")
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}),
		dealreg.Record{ID: "R-3", Partner: "globex", Account: acme, Status: "approved", Registered: t0.Add(-days(1)),
			Products: dealreg.Scope{SKUs: []dealreg.SKU{"SEC-100", "NET-200"}, Families: []dealreg.Family{"security"}}, Value: usd("50000.00")})
	got, err := x.Check(dealreg.Record{ID: "N", Partner: "initech", Account: acme,
		Products: dealreg.Scope{SKUs: []dealreg.SKU{"SEC-100"}, Families: []dealreg.Family{"security", "cloud"}}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	want := dealreg.Finding{
		Rule: dealreg.RuleConflict, Outcome: dealreg.OutcomeReview, Other: "R-3", OtherKind: dealreg.KindRegistration,
		OtherPartner: "globex", OtherAccount: acme, OtherStatus: "approved", OtherRegistered: t0.Add(-days(1)),
		OtherEnd: t0.Add(days(89)), OtherValue: usd("50000.00"), Match: partnerops.AccountMatchDomain, Key: "acme.com",
		Overlap: dealreg.Scope{SKUs: []dealreg.SKU{"SEC-100"}, Families: []dealreg.Family{"security"}},
		Reason:  "conflicts with partner globex's approved registration R-3 (domain acme.com; products overlap: SKU SEC-100, family security), protected until 2026-05-30",
	}
	if len(got.Findings) != 1 {
		t.Fatalf("findings = %d, want 1", len(got.Findings))
	}
	if diff := cmp.Diff(want, got.Findings[0]); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{want.Reason}, got.Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

func TestConflictScopeAccount(t *testing.T) {
	acme := key("acme.com", "Acme")
	recs := []dealreg.Record{
		reg("R-1", "p1", acme, "approved", t0, "NET-200"),
		reg("R-2", "p2", acme, "approved", t0, "NET-200"),
		opp("O-1", acme, "open", t0),
	}
	recs[2].Products.SKUs = []dealreg.SKU{"NET-200"}
	x := mustIndex(t, mustChecker(t, dealreg.Settings{ConflictScope: dealreg.ConflictScopeAccount}), recs...)
	got, err := x.Check(reg("N", "p1", acme, "", t0, "SEC-100"), t0.Add(days(1)))
	if err != nil {
		t.Fatal(err)
	}
	// The same partner on other products is no duplicate even under
	// account scope; other partners and direct conflict on the account.
	if diff := cmp.Diff([]string{"review", "conflict:R-2", "direct_conflict:O-1"}, summary(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(got.Findings[0].Reason, "other products on the account") {
		t.Errorf("reason %q does not say the products differ", got.Findings[0].Reason)
	}
}

func TestProtectionWindow(t *testing.T) {
	acme := key("acme.com", "")
	withExpiry := reg("R-2", "p2", acme, "approved", t0)
	withExpiry.Expires = t0.Add(days(10))
	tests := []struct {
		name     string
		settings dealreg.Settings
		rec      dealreg.Record
		at       time.Duration
		want     string
	}{
		{"default registration window open", dealreg.Settings{}, reg("R-1", "p2", acme, "approved", t0), days(89), "review"},
		{"default registration window ended", dealreg.Settings{}, reg("R-1", "p2", acme, "approved", t0), days(90), "approve"},
		{"explicit expiry", dealreg.Settings{}, withExpiry, days(10), "approve"},
		{"explicit expiry open", dealreg.Settings{}, withExpiry, days(10) - 1, "review"},
		{"registration days", dealreg.Settings{RegistrationDays: 30}, reg("R-1", "p2", acme, "approved", t0), days(30), "approve"},
		{"no end", dealreg.Settings{RegistrationDays: -1}, reg("R-1", "p2", acme, "approved", t0), days(3000), "review"},
		{"opportunity window", dealreg.Settings{OpportunityDays: 10}, opp("O-1", acme, "open", t0), days(10), "approve"},
		{"opportunity open", dealreg.Settings{OpportunityDays: 10}, opp("O-1", acme, "open", t0), days(9), "review"},
		{"closed opportunity", dealreg.Settings{}, opp("O-1", acme, "closed_won", t0), days(1), "approve"},
		{"before registration", dealreg.Settings{}, reg("R-1", "p2", acme, "approved", t0), -1, "approve"},
		{"custom active", dealreg.Settings{Active: []dealreg.Status{"live"}}, reg("R-1", "p2", acme, "live", t0), 0, "review"},
		{"custom active excludes approved", dealreg.Settings{Active: []dealreg.Status{"live"}}, reg("R-1", "p2", acme, "approved", t0), 0, "approve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := mustIndex(t, mustChecker(t, tt.settings), tt.rec)
			got, err := x.Check(reg("N", "p1", acme, "", t0), t0.Add(tt.at))
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Outcome) != tt.want {
				t.Errorf("outcome = %s, want %s\n%s", got.Outcome, tt.want, got.Text())
			}
		})
	}
}

func TestOutcomes(t *testing.T) {
	acme := key("acme.com", "Acme")
	recs := []dealreg.Record{
		reg("R-1", "p1", acme, "approved", t0),
		reg("R-2", "p2", acme, "approved", t0),
		opp("O-1", acme, "open", t0),
		reg("R-3", "p3", key("acme.de", "Acme"), "approved", t0),
	}
	s := dealreg.Settings{Outcomes: dealreg.Outcomes{Duplicate: "review", Conflict: "approve", DirectConflict: "refuse", NearDuplicate: "review"}}
	x := mustIndex(t, mustChecker(t, s), recs...)
	got, err := x.Check(reg("N", "p1", acme, "", t0), t0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"refuse", "direct_conflict:O-1", "duplicate:R-1", "near_duplicate:R-3", "conflict:R-2"}
	if diff := cmp.Diff(want, summary(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(got.Reasons) != 1 || !strings.Contains(got.Reasons[0], "O-1") {
		t.Errorf("reasons = %q, want the direct conflict's", got.Reasons)
	}
	if w := got.Warnings(); len(w) != 1 || w[0].Other != "R-2" {
		t.Errorf("warnings = %v, want the approved conflict R-2", w)
	}
}

func TestNeverConflictsWithItself(t *testing.T) {
	acme := key("acme.com", "Acme")
	r := reg("R-1", "p1", acme, "approved", t0, "SEC-100")
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}), r)
	got, err := x.Check(r, t0.Add(days(1)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != dealreg.OutcomeApprove || len(got.Findings) != 0 {
		t.Errorf("a registration checked against itself: %s", got.Text())
	}
}

func TestWith(t *testing.T) {
	acme := key("acme.com", "Acme")
	c := mustChecker(t, dealreg.Settings{})
	x := mustIndex(t, c, reg("R-1", "p1", acme, "approved", t0), reg("R-2", "p2", acme, "approved", t0))
	y, err := x.With(reg("R-1", "p1", acme, "expired", t0), reg("R-3", "p3", acme, "submitted", t0))
	if err != nil {
		t.Fatal(err)
	}
	z, err := y.With(reg("R-3", "p3", acme, "withdrawn", t0), reg("R-4", "p4", acme, "approved", t0))
	if err != nil {
		t.Fatal(err)
	}
	check := func(x *dealreg.Index) []string {
		r, err := x.Check(reg("N", "p9", acme, "", t0), t0.Add(days(1)))
		if err != nil {
			t.Fatal(err)
		}
		return summary(r)
	}
	if diff := cmp.Diff([]string{"review", "conflict:R-1", "conflict:R-2"}, check(x)); diff != "" {
		t.Errorf("x changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"review", "conflict:R-2", "conflict:R-3"}, check(y)); diff != "" {
		t.Errorf("y (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"review", "conflict:R-2", "conflict:R-4"}, check(z)); diff != "" {
		t.Errorf("z (-want +got):\n%s", diff)
	}
	if x.Len() != 2 || y.Len() != 3 || z.Len() != 4 {
		t.Errorf("Len = %d, %d, %d, want 2, 3, 4", x.Len(), y.Len(), z.Len())
	}
	var ids []dealreg.RecordID
	for _, r := range z.Records() {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]dealreg.RecordID{"R-2", "R-1", "R-3", "R-4"}, ids); diff != "" {
		t.Errorf("Records (-want +got):\n%s", diff)
	}
}

func TestWithRebuilds(t *testing.T) {
	acme := key("acme.com", "Acme")
	c := mustChecker(t, dealreg.Settings{})
	x := mustIndex(t, c, reg("R-0", "p0", acme, "approved", t0))
	var batch []dealreg.Record
	for i := range 3000 {
		batch = append(batch, reg("X-"+itoa(i), "p"+itoa(i), key("c"+itoa(i)+".com", ""), "approved", t0))
	}
	y, err := x.With(batch...)
	if err != nil {
		t.Fatal(err)
	}
	z, err := y.With(reg("R-0", "p0", acme, "expired", t0))
	if err != nil {
		t.Fatal(err)
	}
	if y.Len() != 3001 || z.Len() != 3001 {
		t.Fatalf("Len = %d, %d, want 3001", y.Len(), z.Len())
	}
	r, err := z.Check(reg("N", "p9", acme, "", t0), t0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != dealreg.OutcomeApprove {
		t.Errorf("replaced record still conflicts: %s", r.Text())
	}
	r, err = z.Check(reg("N", "p9", key("c7.com", ""), "", t0), t0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"review", "conflict:X-7"}, summary(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestIndexErrors(t *testing.T) {
	c := mustChecker(t, dealreg.Settings{})
	acme := key("acme.com", "")
	badExpiry := reg("R-4", "p", acme, "approved", t0)
	badExpiry.Expires = t0
	withPartner := opp("O-1", acme, "open", t0)
	withPartner.Partner = "p"
	noCurrency := reg("R-5", "p", acme, "approved", t0)
	if err := noCurrency.Value.UnmarshalJSON([]byte(`"100.00"`)); err != nil {
		t.Fatal(err)
	}
	_, err := c.Index([]dealreg.Record{
		reg("R-1", "p", acme, "approved", t0),
		reg("R-1", "p", acme, "approved", t0),
		reg("R-2", "", acme, "approved", t0),
		reg("R-3", "p", partnerops.AccountKey{}, "approved", t0),
		badExpiry,
		withPartner,
		{ID: "R-6", Kind: "lead", Partner: "p", Account: acme, Registered: t0},
		noCurrency,
		{Partner: "p", Account: acme},
		reg("R-7", "p", acme, "approved", t0, ""),
	})
	if !errors.Is(err, partnerops.ErrInvalid) || !errors.Is(err, dealreg.ErrDuplicateID) {
		t.Fatalf("err = %v, want ErrInvalid and ErrDuplicateID", err)
	}
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	want := []string{
		"records[R-2].partner", "records[R-3].account", "records[R-4].expires",
		"records[O-1].partner", "records[R-6].kind", "records[R-5].value", "records[8].id", "records[8].registered",
		"records[R-7].products.skus[0]", "records[R-1].id",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if n := strings.Count(err.Error(), "dealreg: "); n != 1 {
		t.Errorf("error has %d prefixes, want 1: %v", n, err)
	}
}

func TestCheckErrors(t *testing.T) {
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}))
	for name, r := range map[string]dealreg.Record{
		"no partner":  {Account: key("acme.com", "")},
		"no account":  {Partner: "p"},
		"opportunity": {Kind: dealreg.KindOpportunity, Account: key("acme.com", "")},
	} {
		if _, err := x.Check(r, t0); !errors.Is(err, partnerops.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantErr   []string
		wantWarns []string
	}{
		{"defaults", `{}`, nil, nil},
		{"bad values", `{"active":["approved",""],"registration_days":-5,"opportunity_days":5000,"conflict_scope":"region","outcomes":{"duplicate":"reject"}}`,
			[]string{"active[1]", "registration_days", "opportunity_days", "conflict_scope", "outcomes.duplicate"}, nil},
		{"duplicate status", `{"active":["approved","approved"]}`, []string{"active[1]"}, nil},
		{"suspicious", `{"active":["approved","expired"],"outcomes":{"duplicate":"approve","conflict":"approve","near_duplicate":"refuse"}}`,
			nil, []string{"active[1]", "outcomes.duplicate", "outcomes.conflict", "outcomes.near_duplicate"}},
		{"nothing protects", `{"active":["submitted"]}`, nil, []string{"active"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := dealreg.ParseSettings([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			c, err := dealreg.Compile(s)
			var paths []string
			for _, ve := range partnerops.ValidationErrors(err) {
				paths = append(paths, ve.Path)
			}
			if diff := cmp.Diff(tt.wantErr, paths); diff != "" {
				t.Fatalf("error paths (-want +got):\n%s\n%v", diff, err)
			}
			if err != nil {
				return
			}
			var warns []string
			for _, w := range c.Warnings() {
				warns = append(warns, w.Path)
			}
			if diff := cmp.Diff(tt.wantWarns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckerSettingsDefaults(t *testing.T) {
	got := mustChecker(t, dealreg.Settings{ID: "x"}).Settings()
	want := dealreg.Settings{
		ID: "x", Active: dealreg.DefaultActive(), RegistrationDays: 90, OpportunityDays: 180,
		ConflictScope: dealreg.ConflictScopeProducts,
		Outcomes:      dealreg.Outcomes{Duplicate: "refuse", Conflict: "review", DirectConflict: "review", NearDuplicate: "approve"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The filled-in settings compile to the same checker.
	again := mustChecker(t, got).Settings()
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("recompiled (-want +got):\n%s", diff)
	}
}

func TestParseStrict(t *testing.T) {
	_, err := dealreg.ParseSettings([]byte(`{"registration_day":30,"outcomes":{"duplicate":"refuse","dupe":"x"}}`))
	var paths []string
	for _, ve := range partnerops.ValidationErrors(err) {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"registration_day", "outcomes.dupe"}, paths); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, err)
	}
	if !strings.Contains(err.Error(), `did you mean "registration_days"`) {
		t.Errorf("no suggestion in %v", err)
	}
	if n := strings.Count(err.Error(), "dealreg: "); n != 1 {
		t.Errorf("%d prefixes in %v", n, err)
	}
	r, err := dealreg.ParseRecord([]byte(`{"id":"R-1","partner":"p1","account":{"domain":"acme.com","name":"acme"},
	  "products":{"skus":["SEC-100"]},"status":"submitted","registered":"2026-03-02","value":{"amount":"100.00","currency":"USD"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := dealreg.Record{ID: "R-1", Partner: "p1", Account: key("acme.com", "Acme"), Products: dealreg.Scope{SKUs: []dealreg.SKU{"SEC-100"}},
		Status: "submitted", Registered: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Value: usd("100.00")}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("ParseRecord (-want +got):\n%s", diff)
	}
	if _, err := dealreg.ParseRecord([]byte(`{"id":"R-1","acount":{}}`)); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
}

// Keyed account keys (a shared keyed hash, so neither party sees the
// other's accounts) match as the plain keys would.
func TestKeyedKeys(t *testing.T) {
	hash := func(s string) string { // stands in for HMAC-SHA-256 under a shared secret
		h := uint64(14695981039346656037)
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
		return strconv.FormatUint(h, 16)
	}
	k := func(domain, name string) partnerops.AccountKey { return key(domain, name).Keyed(hash) }
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}),
		reg("R-1", "p1", k("acme.com", "Acme"), "approved", t0),
		reg("R-2", "p2", k("acme.co.uk", "Acme Ltd"), "approved", t0))
	got, err := x.Check(reg("N", "p3", k("www.acme.com", "ACME Inc."), "", t0), t0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"review", "conflict:R-1", "near_duplicate:R-2"}, summary(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
