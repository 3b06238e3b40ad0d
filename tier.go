package partnerops

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Tier is a program level such as "gold". Tiers are program-defined, not a
// fixed enum; a [TierLadder] orders them.
type Tier string

// String returns the tier name.
func (t Tier) String() string { return string(t) }

// TierLadder is a program's ordered list of tiers, lowest first
// (registered < silver < gold < platinum). It is immutable once built and
// safe for concurrent use. The zero value is an empty ladder on which every
// tier is unknown.
//
// A ladder encodes to JSON as an array of tier names, lowest first.
type TierLadder struct {
	tiers []Tier
}

// NewTierLadder returns the ladder of tiers, lowest first. Names must be
// non-empty, unique (ignoring letter case) and free of leading or trailing
// spaces; problems are reported as [*ValidationError] values.
func NewTierLadder(tiers ...Tier) (TierLadder, error) {
	var probs Problems
	seen := make(map[string]int, len(tiers))
	for i, t := range tiers {
		switch {
		case t == "":
			probs.Add(Path(i), "tier name must not be empty", "")
		case strings.TrimSpace(string(t)) != string(t):
			probs.Add(Path(i), "tier name must not start or end with a space", string(t))
		default:
			k := foldKey(string(t))
			if j, dup := seen[k]; dup {
				probs.Addf(Path(i), string(t), "duplicate of tier %d", j)
			} else {
				seen[k] = i
			}
		}
	}
	if err := probs.Err(); err != nil {
		return TierLadder{}, err
	}
	return TierLadder{tiers: append([]Tier(nil), tiers...)}, nil
}

// MustTierLadder is like [NewTierLadder] but panics on error. It is meant
// for tests and literals in examples.
func MustTierLadder(tiers ...Tier) TierLadder {
	l, err := NewTierLadder(tiers...)
	if err != nil {
		panic(err)
	}
	return l
}

// Tiers returns a copy of the tiers, lowest first.
func (l TierLadder) Tiers() []Tier { return append([]Tier(nil), l.tiers...) }

// Len returns the number of tiers.
func (l TierLadder) Len() int { return len(l.tiers) }

// Rank returns t's position on the ladder (0 for the lowest) and whether t
// is on it. The match is exact; use [TierLadder.Parse] for user text.
func (l TierLadder) Rank(t Tier) (int, bool) {
	for i, x := range l.tiers {
		if x == t {
			return i, true
		}
	}
	return -1, false
}

// Contains reports whether t is on the ladder.
func (l TierLadder) Contains(t Tier) bool {
	_, ok := l.Rank(t)
	return ok
}

func (l TierLadder) rank(t Tier) (int, error) {
	r, ok := l.Rank(t)
	if !ok {
		return 0, fmt.Errorf("partnerops: tier %q: %w", string(t), ErrUnknownTier)
	}
	return r, nil
}

// Compare returns -1 if a is below b, 0 if they are the same tier and +1
// if a is above b. A tier not on the ladder gives an error wrapping
// [ErrUnknownTier].
func (l TierLadder) Compare(a, b Tier) (int, error) {
	ra, err := l.rank(a)
	if err != nil {
		return 0, err
	}
	rb, err := l.rank(b)
	if err != nil {
		return 0, err
	}
	switch {
	case ra < rb:
		return -1, nil
	case ra > rb:
		return 1, nil
	}
	return 0, nil
}

// AtLeast reports whether t is min or above it.
func (l TierLadder) AtLeast(t, min Tier) (bool, error) {
	c, err := l.Compare(t, min)
	return c >= 0, err
}

// Next returns the tier above t, and false when t is the highest.
func (l TierLadder) Next(t Tier) (Tier, bool, error) {
	r, err := l.rank(t)
	if err != nil {
		return "", false, err
	}
	if r+1 >= len(l.tiers) {
		return "", false, nil
	}
	return l.tiers[r+1], true, nil
}

// Previous returns the tier below t, and false when t is the lowest.
func (l TierLadder) Previous(t Tier) (Tier, bool, error) {
	r, err := l.rank(t)
	if err != nil {
		return "", false, err
	}
	if r == 0 {
		return "", false, nil
	}
	return l.tiers[r-1], true, nil
}

// Lowest returns the lowest tier, or "" for an empty ladder.
func (l TierLadder) Lowest() Tier {
	if len(l.tiers) == 0 {
		return ""
	}
	return l.tiers[0]
}

// Highest returns the highest tier, or "" for an empty ladder.
func (l TierLadder) Highest() Tier {
	if len(l.tiers) == 0 {
		return ""
	}
	return l.tiers[len(l.tiers)-1]
}

// foldKey maps s to one representative of its case-folding class, so that
// two names have the same key exactly when [strings.EqualFold] says they are
// equal ("s", "S" and "ſ" share one key): duplicates are checked the way
// [TierLadder.Parse] matches.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		lo := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < lo {
				lo = f
			}
		}
		b.WriteRune(lo)
	}
	return b.String()
}

// Parse returns the tier on the ladder whose name matches s, ignoring
// letter case and surrounding spaces ("Gold " finds "gold").
func (l TierLadder) Parse(s string) (Tier, error) {
	k := strings.TrimSpace(s)
	for _, t := range l.tiers {
		if strings.EqualFold(string(t), k) {
			return t, nil
		}
	}
	return "", fmt.Errorf("partnerops: parsing tier %q: %w", s, ErrUnknownTier)
}

// Equal reports whether both ladders hold the same tiers in the same order.
func (l TierLadder) Equal(o TierLadder) bool {
	if len(l.tiers) != len(o.tiers) {
		return false
	}
	for i := range l.tiers {
		if l.tiers[i] != o.tiers[i] {
			return false
		}
	}
	return true
}

// String renders the ladder as "registered < silver < gold".
func (l TierLadder) String() string {
	parts := make([]string, len(l.tiers))
	for i, t := range l.tiers {
		parts[i] = string(t)
	}
	return strings.Join(parts, " < ")
}

// MarshalJSON encodes the ladder as an array of names, lowest first.
func (l TierLadder) MarshalJSON() ([]byte, error) {
	if l.tiers == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.tiers)
}

// UnmarshalJSON decodes an array of names, lowest first, validating it as
// [NewTierLadder] does.
func (l *TierLadder) UnmarshalJSON(b []byte) error {
	var tiers []Tier
	if err := json.Unmarshal(b, &tiers); err != nil {
		return fmt.Errorf("partnerops: decoding tier ladder: %w", ErrSyntax)
	}
	nl, err := NewTierLadder(tiers...)
	if err != nil {
		return err
	}
	*l = nl
	return nil
}
