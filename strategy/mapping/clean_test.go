package mapping

import (
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// checkDomainKey fails t unless the domain keys of an account with domain
// s are partnerops.NormalizeDomain(s), copied or viewed, and a view only
// of a domain that is already normalized.
func checkDomainKey(t interface{ Fatalf(string, ...any) }, s string) {
	a := Account{Domain: s, DomainHash: "h:" + s}
	want := partnerops.NormalizeDomain(s)
	var buf [256]byte
	if got := string(mapDomainKey(buf[:0], &a, MatchModeNormalized)); got != want {
		t.Fatalf("mapDomainKey(%q) = %q, want %q", s, got, want)
	}
	view := mapDomainKeyView(buf[:0], &a, MatchModeNormalized)
	if string(view) != want {
		t.Fatalf("mapDomainKeyView(%q) = %q, want %q", s, view, want)
	}
	if viewed := len(view) > 0 && &view[0] != &buf[0]; viewed != partnerops.IsNormalizedDomain(s) {
		t.Fatalf("mapDomainKeyView(%q): a view %v, normalized %v", s, viewed, partnerops.IsNormalizedDomain(s))
	}
	if got := string(mapDomainKeyView(buf[:0], &a, MatchModeKeyedHash)); got != a.DomainHash {
		t.Fatalf("keyed mapDomainKeyView(%q) = %q, want %q", s, got, a.DomainHash)
	}
}

// Domain keys are the root's normalization: already-normalized domains
// are viewed in place, the rest normalized into the buffer.
func TestMapDomainKey(t *testing.T) {
	for _, s := range []string{"acme.com", "acme.co.uk", "bücher.de", "shop.acme.com", "co.uk", "Acme.com",
		"acme.com.", "acme..com", "acme.123", "https://www.acme.com/x", "jane@acme.com", "", strings.Repeat("a", 249) + ".com"} {
		checkDomainKey(t, s)
	}
	rapid.Check(t, func(t *rapid.T) {
		labels := []string{"a", "acme", "ACME", "co", "com", "uk", "au", "123", "x-1", "www", "-", "9a", "ü", ""}
		parts := make([]string, rapid.IntRange(1, 4).Draw(t, "labels"))
		for i := range parts {
			parts[i] = rapid.SampledFrom(labels).Draw(t, "label")
		}
		checkDomainKey(t, rapid.SampledFrom([]string{"", "https://", " "}).Draw(t, "prefix")+strings.Join(parts, "."))
	})
}
