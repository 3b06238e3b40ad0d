package partnerops_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

var ladder = partnerops.MustTierLadder("registered", "silver", "gold", "platinum")

func TestTierLadderCompare(t *testing.T) {
	tests := []struct {
		a, b partnerops.Tier
		want int
	}{
		{"silver", "gold", -1},
		{"gold", "gold", 0},
		{"platinum", "registered", 1},
	}
	for _, tt := range tests {
		got, err := ladder.Compare(tt.a, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("Compare(%s, %s) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := ladder.Compare("bronze", "gold"); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("Compare(bronze) err = %v", err)
	}
	if _, err := ladder.Compare("gold", "bronze"); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("Compare(_, bronze) err = %v", err)
	}
	ok, err := ladder.AtLeast("gold", "silver")
	if err != nil || !ok {
		t.Errorf("AtLeast(gold, silver) = %v, %v", ok, err)
	}
	ok, err = ladder.AtLeast("registered", "silver")
	if err != nil || ok {
		t.Errorf("AtLeast(registered, silver) = %v, %v", ok, err)
	}
}

func TestTierLadderNavigation(t *testing.T) {
	type step struct {
		tier partnerops.Tier
		ok   bool
	}
	var got []step
	for _, tier := range ladder.Tiers() {
		n, ok, err := ladder.Next(tier)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, step{n, ok})
	}
	want := []step{{"silver", true}, {"gold", true}, {"platinum", true}, {"", false}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(step{})); diff != "" {
		t.Errorf("Next (-want +got):\n%s", diff)
	}
	if p, ok, err := ladder.Previous("silver"); err != nil || !ok || p != "registered" {
		t.Errorf("Previous(silver) = %q, %v, %v", p, ok, err)
	}
	if _, ok, err := ladder.Previous("registered"); err != nil || ok {
		t.Errorf("Previous(registered) ok=%v err=%v", ok, err)
	}
	if _, _, err := ladder.Next("bronze"); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("Next(bronze) err = %v", err)
	}
	if _, _, err := ladder.Previous("bronze"); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("Previous(bronze) err = %v", err)
	}
	if ladder.Lowest() != "registered" || ladder.Highest() != "platinum" || ladder.Len() != 4 {
		t.Error("Lowest/Highest/Len wrong")
	}
	var empty partnerops.TierLadder
	if empty.Lowest() != "" || empty.Highest() != "" || empty.Contains("gold") {
		t.Error("empty ladder wrong")
	}
	if r, ok := ladder.Rank("gold"); !ok || r != 2 {
		t.Errorf("Rank(gold) = %d, %v", r, ok)
	}
	if ladder.String() != "registered < silver < gold < platinum" {
		t.Errorf("String = %s", ladder)
	}
	tiers := ladder.Tiers()
	tiers[0] = "changed"
	if ladder.Lowest() != "registered" {
		t.Error("Tiers() exposed internal storage")
	}
}

func TestTierLadderParse(t *testing.T) {
	if got, err := ladder.Parse(" Gold "); err != nil || got != "gold" {
		t.Errorf("Parse(Gold) = %q, %v", got, err)
	}
	if _, err := ladder.Parse("diamond"); !errors.Is(err, partnerops.ErrUnknownTier) {
		t.Errorf("Parse(diamond) err = %v", err)
	}
}

func TestNewTierLadderErrors(t *testing.T) {
	_, err := partnerops.NewTierLadder("silver", "", "Silver", " gold")
	got := partnerops.ValidationErrors(err)
	var paths []string
	for _, ve := range got {
		paths = append(paths, ve.Path)
	}
	if diff := cmp.Diff([]string{"[1]", "[2]", "[3]"}, paths); diff != "" {
		t.Errorf("problem paths (-want +got):\n%s", diff)
	}
	if !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
}

func TestTierLadderJSON(t *testing.T) {
	b, err := json.Marshal(ladder)
	if err != nil || string(b) != `["registered","silver","gold","platinum"]` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back partnerops.TierLadder
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(ladder) {
		t.Errorf("round trip = %v, %v", back, err)
	}
	if back.Equal(partnerops.MustTierLadder("registered")) || back.Equal(partnerops.MustTierLadder("a", "b", "c", "d")) {
		t.Error("Equal too loose")
	}
	if err := json.Unmarshal([]byte(`["gold","gold"]`), &back); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("duplicate tiers err = %v", err)
	}
	if err := json.Unmarshal([]byte(`{"a":1}`), &back); !errors.Is(err, partnerops.ErrSyntax) {
		t.Errorf("object err = %v", err)
	}
	eb, _ := json.Marshal(partnerops.TierLadder{})
	if string(eb) != "[]" {
		t.Errorf("empty ladder = %s", eb)
	}
}

func FuzzTierLadderJSON(f *testing.F) {
	f.Add([]byte(`["registered","silver","gold"]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`["a","A"]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var l partnerops.TierLadder
		if err := json.Unmarshal(b, &l); err != nil {
			return
		}
		out, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back partnerops.TierLadder
		if err := json.Unmarshal(out, &back); err != nil || !back.Equal(l) {
			t.Fatalf("round trip %s -> %s: %v", b, out, err)
		}
		for i, tier := range l.Tiers() {
			if r, ok := l.Rank(tier); !ok || r != i {
				t.Fatalf("Rank(%q) = %d, %v; want %d", tier, r, ok, i)
			}
		}
	})
}
