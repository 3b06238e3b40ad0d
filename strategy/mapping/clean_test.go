package mapping

import (
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// mapCleanDomain accepts exactly the keys the root's normalization leaves
// unchanged (the common clean forms), and only such keys.
func TestMapCleanDomain(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"acme.com", true},
		{"acme-corp.io", true},
		{"a1.de", true},
		{"acme.co.uk", true},
		{"shop.acme.com", false}, // a sub-domain: normalized to acme.com
		{"co.uk", false},         // a public suffix
		{"acme.com.au", true},
		{"x.acme.co.uk", false},
		{"Acme.com", false},
		{"acme.com.", false},
		{".acme.com", false},
		{"acme..com", false},
		{"acme.123", false},
		{"acme.1a", true},
		{"ab", false},
		{"acme", false},
		{"a.b", true},
		{"www.acme.com", false},
		{"bücher.de", false}, // kept as is by the root, but not by this fast check
		{"https://acme.com", false},
		{strings.Repeat("a", 250) + ".com", false},
		{strings.Repeat("a", 249) + ".com", true},
	} {
		if got := mapCleanDomain(tc.s); got != tc.want {
			t.Errorf("mapCleanDomain(%q) = %v, want %v", tc.s, got, tc.want)
		}
		if tc.want && partnerops.NormalizeDomain(tc.s) != tc.s {
			t.Errorf("NormalizeDomain(%q) = %q: the case is wrong", tc.s, partnerops.NormalizeDomain(tc.s))
		}
	}
}

// Whatever mapCleanDomain accepts, the root's normalization leaves
// unchanged; and whatever non-empty key of the clean alphabet it leaves
// unchanged, mapCleanDomain accepts.
func TestPropMapCleanDomain(t *testing.T) {
	labels := []string{"a", "acme", "co", "com", "uk", "au", "123", "x-1", "org", "-", "9a", ""}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "labels")
		parts := make([]string, n)
		for i := range parts {
			parts[i] = rapid.SampledFrom(labels).Draw(t, "label")
		}
		s := strings.Join(parts, ".")
		clean, norm := mapCleanDomain(s), partnerops.NormalizeDomain(s)
		if clean && norm != s {
			t.Fatalf("mapCleanDomain(%q) but NormalizeDomain gives %q", s, norm)
		}
		if !clean && s != "" && norm == s {
			t.Fatalf("NormalizeDomain(%q) keeps it but mapCleanDomain refuses it", s)
		}
	})
}

// FuzzMapCleanDomain: a key mapCleanDomain accepts is its own
// normalization.
func FuzzMapCleanDomain(f *testing.F) {
	for _, s := range []string{"acme.com", "acme.co.uk", "Acme.com", "a..b", "x.y.z", "1.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if mapCleanDomain(s) && partnerops.NormalizeDomain(s) != s {
			t.Fatalf("mapCleanDomain(%q) but NormalizeDomain gives %q", s, partnerops.NormalizeDomain(s))
		}
	})
}
