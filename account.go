package partnerops

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normMaxDomain is the longest host name NormalizeDomain accepts (RFC 1035).
const normMaxDomain = 253

// NormalizeDomain returns the registrable domain of a host name, URL or
// e-mail address, the key that account mapping and registration checks match accounts on, or ""
// when s holds no usable domain. The rules, applied in one pass:
//
//   - surrounding ASCII white space is trimmed;
//   - a scheme ("https://", "ftp://", a bare "//") is dropped, and so is
//     everything from the first "/", "?", "#" or "\" (path, query,
//     fragment);
//   - user information and e-mail local parts (anything up to the last
//     "@") are dropped, then a ":port";
//   - trailing dots are dropped and ASCII letters are lower-cased;
//   - the host is cut to its registrable domain: the last two labels, or
//     the last three when the last two form one of the multi-part public
//     suffixes this package knows (co.uk, com.au, co.jp, com.br, ...; see
//     [MultiPartSuffixes]). So "www.", "eu." and any other sub-domain go.
//
// The result is "" when the host has a single label, is itself a public
// suffix ("co.uk"), has an empty label ("a..com"), ends in an all-digit
// label (an IPv4 address), is longer than 253 bytes, or contains a byte
// other than a-z, 0-9, "-" and non-ASCII (UTF-8 internationalized names
// are kept as they are, not converted to punycode).
//
// NormalizeDomain is idempotent. See [AppendNormalizedDomain] for the
// allocation-free form.
func NormalizeDomain(s string) string {
	var buf [64]byte
	return string(AppendNormalizedDomain(buf[:0], s))
}

// AppendNormalizedDomain appends the normalized form of s (see
// [NormalizeDomain]) to dst and returns the extended slice. It appends
// nothing when s holds no usable domain. It does not allocate when dst has
// room.
func AppendNormalizedDomain(dst []byte, s string) []byte {
	if normClean(s) {
		return append(dst, s...)
	}
	s = normTrimSpace(s)
	if k := strings.Index(s, "//"); k >= 0 && normIsScheme(s[:k]) {
		s = s[k+2:]
	}
	for k := 0; k < len(s); k++ {
		if c := s[k]; c == '/' || c == '?' || c == '#' || c == '\\' {
			s = s[:k]
			break
		}
	}
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[at+1:]
	}
	if c := strings.IndexByte(s, ':'); c >= 0 {
		s = s[:c]
	}
	for len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if len(s) == 0 || len(s) > normMaxDomain {
		return dst
	}
	start := len(dst)
	// Lower-case and validate while remembering the last three dots.
	d1, d2, d3 := -1, -1, -1
	labelStart := 0
	digitsOnly := true
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= 'a' && c <= 'z', c == '-', c >= 0x80:
			digitsOnly = false
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			digitsOnly = false
		case c >= '0' && c <= '9':
		case c == '.':
			if k == labelStart {
				return dst[:start]
			}
			d3, d2, d1 = d2, d1, k
			labelStart = k + 1
			digitsOnly = true
		default:
			return dst[:start]
		}
		dst = append(dst, c)
	}
	host := dst[start:]
	if d1 < 0 || digitsOnly {
		return dst[:start]
	}
	// host[d2+1:] is the last two labels (all of host when d2 < 0).
	cut := d2 + 1
	if normMultiSuffix(host[d2+1:]) {
		if d2 < 0 {
			return dst[:start] // the host is a public suffix
		}
		cut = d3 + 1
	}
	if cut > 0 {
		n := copy(host, host[cut:])
		dst = dst[:start+n]
	}
	return dst
}

// IsNormalizedDomain reports whether s is a normalized registrable domain,
// that is whether s is not empty and [NormalizeDomain] returns it
// unchanged: labels of a-z, 0-9, "-" and non-ASCII bytes, none empty, two
// of them, or three when the last two form one of [MultiPartSuffixes], a
// last label that is not all digits, 3 to 253 bytes. It is the check
// [AppendNormalizedDomain] starts with, one table lookup per byte, so a
// caller holding already-normalized keys can use them as they are, without
// copying. It does not allocate.
func IsNormalizedDomain(s string) bool { return normClean(s) }

// normClean is IsNormalizedDomain: the fast path of AppendNormalizedDomain
// for input it would return unchanged (the common case when hosts store
// normalized keys).
func normClean(s string) bool {
	if len(s) < 3 || len(s) > normMaxDomain {
		return false
	}
	// Label by label: a tight loop over each label's bytes, then its dot.
	dots, last, prev := 0, -1, -1
	for k := 0; ; k++ {
		start := k
		for k < len(s) && normLabelByte[s[k]] {
			k++
		}
		if k == start { // an empty label, or a trailing dot
			return false
		}
		if k == len(s) {
			break
		}
		if s[k] != '.' || dots == 2 {
			return false
		}
		dots++
		prev, last = last, k
	}
	if dots == 0 {
		return false
	}
	digits := true
	for k := last + 1; k < len(s) && digits; k++ {
		digits = s[k] >= '0' && s[k] <= '9'
	}
	if digits {
		return false
	}
	if dots == 1 {
		return !multiSuffix(s)
	}
	return multiSuffix(s[prev+1:])
}

// normLabelByte marks the bytes of a normalized domain's labels: a-z,
// 0-9, "-" and the bytes of UTF-8 sequences, which NormalizeDomain keeps
// as they are.
var normLabelByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 0x80; c <= 0xFF; c++ {
		t[c] = true
	}
	t['-'] = true
	return t
}()

// normTrimSpace trims ASCII white space.
func normTrimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && normIsSpace(s[i]) {
		i++
	}
	for j > i && normIsSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func normIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// normIsScheme reports whether s is empty (a protocol-relative "//host")
// or a URL scheme followed by ":" ("https:").
func normIsScheme(s string) bool {
	if s == "" {
		return true
	}
	if s[len(s)-1] != ':' || len(s) < 2 || len(s) > 16 {
		return false
	}
	for k := 0; k < len(s)-1; k++ {
		c := s[k]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && k > 0 || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// MultiPartSuffixes returns the multi-part public suffixes that
// [NormalizeDomain] keeps one more label for, in sorted order. It is a
// compact built-in list of the common commercial and organisational
// second-level domains of the largest markets (the full Public Suffix List
// has thousands of entries and changes often; hosts that need it normalize
// domains themselves and match in keyed mode or on their own keys).
func MultiPartSuffixes() []string {
	return []string{
		"ac.jp", "ac.nz", "ac.uk", "co.id", "co.il", "co.in", "co.jp", "co.ke", "co.kr", "co.nz",
		"co.th", "co.uk", "co.za", "com.ar", "com.au", "com.br", "com.cn", "com.co", "com.eg",
		"com.hk", "com.mx", "com.my", "com.ng", "com.pe", "com.ph", "com.pk", "com.sa", "com.sg",
		"com.tr", "com.tw", "com.ua", "com.vn", "edu.au", "firm.in", "gov.au", "gov.uk", "ltd.uk",
		"me.uk", "ne.jp", "net.au", "net.br", "net.cn", "net.in", "net.nz", "or.jp", "or.kr",
		"org.au", "org.br", "org.cn", "org.il", "org.in", "org.nz", "org.uk", "org.za", "plc.uk",
	}
}

// normMultiSuffix reports whether b is in [MultiPartSuffixes]. The switch
// compiles to a search over constants without allocating.
func normMultiSuffix(b []byte) bool { return multiSuffix(string(b)) }

func multiSuffix(s string) bool {
	if len(s) < 5 || len(s) > 7 {
		return false
	}
	switch s {
	case "ac.jp", "ac.nz", "ac.uk", "co.id", "co.il", "co.in", "co.jp", "co.ke", "co.kr", "co.nz",
		"co.th", "co.uk", "co.za", "com.ar", "com.au", "com.br", "com.cn", "com.co", "com.eg",
		"com.hk", "com.mx", "com.my", "com.ng", "com.pe", "com.ph", "com.pk", "com.sa", "com.sg",
		"com.tr", "com.tw", "com.ua", "com.vn", "edu.au", "firm.in", "gov.au", "gov.uk", "ltd.uk",
		"me.uk", "ne.jp", "net.au", "net.br", "net.cn", "net.in", "net.nz", "or.jp", "or.kr",
		"org.au", "org.br", "org.cn", "org.il", "org.in", "org.nz", "org.uk", "org.za", "plc.uk":
		return true
	}
	return false
}

// NormalizeName returns the matching key of a company name, or "" when
// nothing is left of it. The rules:
//
//   - letters are lower-cased; accented Latin letters of Latin-1 and Latin
//     Extended-A lose their accents through a built-in table ("Société" →
//     "societe", "Łódź" → "lodz", "ß" → "ss", "Æ" → "ae", "Œ" → "oe", "Þ" →
//     "th"), combining marks are dropped, other scripts are kept
//     lower-cased;
//   - apostrophes and periods are deleted ("McDonald's" → "mcdonalds",
//     "S.A." → "sa"); every other character that is not a letter or digit
//     separates words; "&" and the word "and" are dropped;
//   - a leading "the" and trailing legal-form words are dropped while more
//     than one word remains: inc, incorporated, corp, corporation, co,
//     company, llc, llp, lp, ltd, limited, plc, gmbh, mbh, ag, kg, kgaa, ug,
//     sa, sas, sarl, srl, spa, sl, bv, nv, ab, as, asa, aps, oy, oyj, pty,
//     pte, pvt, kk, se (so "Acme Pty. Ltd." → "acme", "Siemens AG" →
//     "siemens");
//   - words are joined with single spaces.
//
// NormalizeName is idempotent and never fails; invalid UTF-8 bytes are
// separators.
func NormalizeName(s string) string {
	var buf [64]byte
	return string(AppendNormalizedName(buf[:0], s))
}

// AppendNormalizedName appends the normalized form of s (see
// [NormalizeName]) to dst and returns the extended slice. It does not
// allocate when dst has room.
func AppendNormalizedName(dst []byte, s string) []byte {
	start := len(dst)
	pendingSpace := false
	wordStart := len(dst)
	endWord := func() {
		// Drop the word "and" (and so the "&" of "Johnson & Johnson").
		if w := dst[wordStart:]; len(w) == 3 && string(w) == "and" {
			dst = dst[:wordStart]
			if len(dst) > start && dst[len(dst)-1] == ' ' {
				dst = dst[:len(dst)-1]
			}
		}
		pendingSpace = len(dst) > start
	}
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '.':
				continue
			default:
				if inWord {
					endWord()
					inWord = false
				}
				continue
			}
			if !inWord {
				if pendingSpace {
					dst = append(dst, ' ')
				}
				wordStart = len(dst)
				inWord = true
			}
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\u2019' || r == '\u02bc' { // right single quotation mark, modifier apostrophe
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		fold, ok := normFoldLatin(r)
		if !ok {
			r = unicode.ToLower(r)
			if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				fold, ok = string(rune(r)), true
			} else if f, okf := normFoldLatin(r); okf {
				fold, ok = f, true
			}
		}
		isWord := ok && fold != "" || !ok && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if !isWord {
			if inWord {
				endWord()
				inWord = false
			}
			continue
		}
		if !inWord {
			if pendingSpace {
				dst = append(dst, ' ')
			}
			wordStart = len(dst)
			inWord = true
		}
		if ok {
			dst = append(dst, fold...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	if inWord {
		endWord()
	}
	return normTrimWords(dst, start)
}

// normTrimWords drops a leading "the" and trailing legal-form words from
// the words in dst[start:] while more than one word remains.
func normTrimWords(dst []byte, start int) []byte {
	for {
		w := dst[start:]
		sp := -1
		for k, c := range w {
			if c == ' ' {
				sp = k
				break
			}
		}
		if sp < 0 {
			return dst
		}
		if sp == 3 && string(w[:3]) == "the" {
			n := copy(w, w[4:])
			dst = dst[:start+n]
			continue
		}
		last := len(w) - 1
		for last >= 0 && w[last] != ' ' {
			last--
		}
		if normLegalForm(w[last+1:]) {
			dst = dst[:start+last]
			continue
		}
		return dst
	}
}

// normLegalForm reports whether w is a legal-form word.
func normLegalForm(w []byte) bool {
	if len(w) < 2 || len(w) > 12 {
		return false
	}
	switch string(w) {
	case "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "llp", "lp",
		"ltd", "limited", "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "ug", "sa", "sas", "sarl",
		"srl", "spa", "sl", "bv", "nv", "ab", "as", "asa", "aps", "oy", "oyj", "pty", "pte",
		"pvt", "kk", "se":
		return true
	}
	return false
}

// normFoldLatin folds a letter of Latin-1 Supplement or Latin Extended-A
// to lower-case ASCII. It returns ("", true) for the two symbols of those
// blocks that are not letters (× and ÷), which separate words, and ok false
// for any other rune.
func normFoldLatin(r rune) (fold string, ok bool) {
	if r < 0xC0 || r > 0x17F {
		return "", false
	}
	if r < 0x100 {
		return normLatin1[r-0xC0], true
	}
	switch {
	case r <= 0x105:
		return "a", true
	case r <= 0x10D:
		return "c", true
	case r <= 0x111:
		return "d", true
	case r <= 0x11B:
		return "e", true
	case r <= 0x123:
		return "g", true
	case r <= 0x127:
		return "h", true
	case r <= 0x131:
		return "i", true
	case r <= 0x133:
		return "ij", true
	case r <= 0x135:
		return "j", true
	case r <= 0x138:
		return "k", true
	case r <= 0x142:
		return "l", true
	case r <= 0x14B:
		return "n", true
	case r <= 0x151:
		return "o", true
	case r <= 0x153:
		return "oe", true
	case r <= 0x159:
		return "r", true
	case r <= 0x161:
		return "s", true
	case r <= 0x167:
		return "t", true
	case r <= 0x173:
		return "u", true
	case r <= 0x175:
		return "w", true
	case r <= 0x178:
		return "y", true
	case r <= 0x17E:
		return "z", true
	}
	return "s", true // U+017F long s
}

// normLatin1 folds U+00C0..U+00FF.
var normLatin1 = [64]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // C0
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", // D0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // E0
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", // F0
}

// AccountKey is the identity of a company as matching sees it: its
// normalized registrable domain ([NormalizeDomain]) and its normalized name
// ([NormalizeName]), or keyed hashes of them ([AccountKey.Keyed]). Account
// mapping, deal-registration checks and lead de-duplication all decide
// "the same company" with [AccountKey.Match], so the rule is stated once:
//
//  1. domain: both domains are non-empty and equal;
//  2. name: both names are non-empty and equal, and at most one of the two
//     has a domain. Two different domains are evidence of two companies,
//     which a name match never overrides; such a pair is a near-duplicate
//     ([AccountKey.NearDuplicate]), worth a warning, never a match.
//
// The zero AccountKey matches nothing. AccountKey is comparable with ==.
type AccountKey struct {
	Domain string `json:"domain,omitempty"`
	Name   string `json:"name,omitempty"`
}

// NewAccountKey returns the key of a company given a domain, URL or e-mail
// address and a company name, normalizing both.
func NewAccountKey(domain, name string) AccountKey {
	return AccountKey{Domain: NormalizeDomain(domain), Name: NormalizeName(name)}
}

// IsZero reports whether k has neither a domain nor a name.
func (k AccountKey) IsZero() bool { return k.Domain == "" && k.Name == "" }

// Keyed returns the key with its parts replaced by hash("domain:" + Domain)
// and hash("name:" + Name) (empty parts stay empty), so two parties can
// compare lists without sharing them. hash is the host's keyed hash,
// typically HMAC-SHA-256 under a shared secret, rendered as hex; it must be
// deterministic and collision resistant. Keys keyed with the same hash
// match exactly as the plain keys would.
func (k AccountKey) Keyed(hash func(key string) string) AccountKey {
	var out AccountKey
	if k.Domain != "" {
		out.Domain = hash("domain:" + k.Domain)
	}
	if k.Name != "" {
		out.Name = hash("name:" + k.Name)
	}
	return out
}

// AccountMatchRule says which part of two [AccountKey] values matched.
type AccountMatchRule string

// Account match rules. A domain match is always preferred over a name match.
const (
	AccountMatchNone   AccountMatchRule = ""
	AccountMatchDomain AccountMatchRule = "domain"
	AccountMatchName   AccountMatchRule = "name"
)

// Match reports whether k and o name the same company under the rules of
// [AccountKey], the rule that decided and the key both share. Match is
// symmetric.
func (k AccountKey) Match(o AccountKey) (rule AccountMatchRule, key string) {
	if k.Domain != "" && k.Domain == o.Domain {
		return AccountMatchDomain, k.Domain
	}
	if k.Name != "" && k.Name == o.Name && (k.Domain == "" || o.Domain == "") {
		return AccountMatchName, k.Name
	}
	return AccountMatchNone, ""
}

// NearDuplicate reports whether k and o share a name but have different
// domains: probably the same company under a second domain, or two
// companies with one name. Checks report it as a warning, never a match.
func (k AccountKey) NearDuplicate(o AccountKey) bool {
	return k.Name != "" && k.Name == o.Name && k.Domain != "" && o.Domain != "" && k.Domain != o.Domain
}
