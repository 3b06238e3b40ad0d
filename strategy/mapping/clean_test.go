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

// genDomainInput draws a host, URL or e-mail address in the forms
// NormalizeDomain meets, adversarial ones included: upper case, trailing
// and doubled dots, www. and other sub-domains, schemes, user
// information, ports, paths, queries, white space, internationalized and
// invalid UTF-8 labels, multi-part suffixes, all-digit labels, overlong
// hosts; or raw random text.
func genDomainInput(t *rapid.T) string {
	form := rapid.IntRange(0, 9).Draw(t, "form")
	if form == 0 {
		return rapid.String().Draw(t, "text")
	}
	pick := func(label string, xs ...string) string { return rapid.SampledFrom(xs).Draw(t, label) }
	if form <= 4 { // bare lower-case hosts: mostly already normalized
		clean := []string{"acme", "x-1", "a", "1", "123", "9a", "-", "co", "uk", "com", "au", "jp", "io", "bücher", "例え", "\xff"}
		n := rapid.IntRange(1, 4).Draw(t, "labels")
		parts := make([]string, n)
		for i := range parts {
			parts[i] = pick("label", clean...)
		}
		return strings.Join(parts, ".")
	}
	labels := []string{"acme", "ACME", "Acme", "www", "WWW", "eu", "shop", "a", "x-1", "-", "1", "123", "9a",
		"co", "uk", "com", "au", "jp", "org", "io", "de", "bücher", "例え", "ß", "İ", "\xff", "a_b", "a b", "",
		strings.Repeat("a", 63), strings.Repeat("b", 250)}
	n := rapid.IntRange(1, 5).Draw(t, "labels")
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick("label", labels...)
	}
	host := strings.Join(parts, ".")
	return pick("lead", "", "", "", " ", "\t", "\n ", "\u00a0") +
		pick("scheme", "", "", "", "https://", "HTTP://", "//", "ftp://", "mailto:", "1http://", "a b://", "x:") +
		pick("user", "", "", "", "jane@", "u:pw@", "a@b@") +
		host +
		pick("dots", "", "", "", ".", "..") +
		pick("port", "", "", "", ":8080", ":") +
		pick("path", "", "", "", "/", "/about?x=1#top", "?q", "#f", "\\evil", "/a@b.com") +
		pick("trail", "", "", "", " ", "\r\n", "\u00a0")
}

// The copy of the clean check this package kept (mapCleanDomain) and the
// root's (partnerops.IsNormalizedDomain, the fast path of
// AppendNormalizedDomain) give the same keys: they agree on every ASCII
// input, and the root also accepts normalized internationalized domains,
// which the copy sent through the full normalization with the same
// result.
func TestPropMapCleanDomainRoot(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genDomainInput(t)
		old, root := mapCleanDomain(s), partnerops.IsNormalizedDomain(s)
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < 0x80
		}
		if ascii && old != root || !ascii && old {
			t.Fatalf("%q: mapCleanDomain %v, IsNormalizedDomain %v", s, old, root)
		}
		norm := partnerops.NormalizeDomain(s)
		if root != (s != "" && norm == s) {
			t.Fatalf("%q: IsNormalizedDomain %v, NormalizeDomain %q", s, root, norm)
		}
		oldKey := string(partnerops.AppendNormalizedDomain(nil, s))
		if old {
			oldKey = s
		}
		if oldKey != norm {
			t.Fatalf("%q: old key %q, root %q", s, oldKey, norm)
		}
	})
}
