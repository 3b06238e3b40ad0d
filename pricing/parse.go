package pricing

import (
	"fmt"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/strict"
)

// Definitions decode strictly, through the Parse functions below or
// encoding/json (their UnmarshalJSON methods share the same path): an
// unknown or duplicate key is an error with its path and, where one is
// close, a suggestion ("rules[tier-gold].conditions: unknown field; did
// you mean "when"?"); a value of the wrong shape says which shape is
// wanted; list elements are named by their IDs. Dates without a time
// ("2026-03-01") are midnight UTC; write an RFC 3339 time for another
// zone. Semantic checks (required fields per effect kind, currencies,
// ranges, references) are [Compile]'s.

// Plain copies of the definition types: no methods, so that the strict
// decoder walks their fields instead of calling UnmarshalJSON again.
type (
	priceBookPlain PriceBook
	frameworkPlain Framework
	rulePlain      Rule
	effectPlain    Effect
	quotePlain     Quote
)

// ParsePriceBook decodes one price book definition strictly.
func ParsePriceBook(data []byte) (PriceBook, error) {
	var b PriceBook
	if err := strict.Decode(data, (*priceBookPlain)(&b), strict.Options{}); err != nil {
		return PriceBook{}, fmt.Errorf("pricing: parsing price book: %w", err)
	}
	return b, nil
}

// UnmarshalJSON decodes strictly, as [ParsePriceBook] does.
func (b *PriceBook) UnmarshalJSON(data []byte) error {
	return strict.Decode(data, (*priceBookPlain)(b), strict.Options{})
}

// ParsePriceBooks decodes a JSON array of price books strictly; paths
// start at "books" ("books[us].entries[SEC-100].list").
func ParsePriceBooks(data []byte) ([]PriceBook, error) {
	var books []PriceBook
	if err := strict.Decode(data, &books, strict.Options{}); err != nil {
		return nil, fmt.Errorf("pricing: parsing price books: %w", under("books", err))
	}
	return books, nil
}

// ParseFramework decodes a discount framework strictly.
func ParseFramework(data []byte) (Framework, error) {
	var f Framework
	if err := strict.Decode(data, (*frameworkPlain)(&f), strict.Options{}); err != nil {
		return Framework{}, fmt.Errorf("pricing: parsing framework: %w", err)
	}
	return f, nil
}

// UnmarshalJSON decodes strictly, as [ParseFramework] does.
func (f *Framework) UnmarshalJSON(data []byte) error {
	return strict.Decode(data, (*frameworkPlain)(f), strict.Options{})
}

// ParseRule decodes one rule strictly, for hosts that keep rules as rows.
func ParseRule(data []byte) (Rule, error) {
	var r Rule
	if err := strict.Decode(data, (*rulePlain)(&r), strict.Options{}); err != nil {
		return Rule{}, fmt.Errorf("pricing: parsing rule: %w", err)
	}
	return r, nil
}

// UnmarshalJSON decodes strictly, as [ParseRule] does.
func (r *Rule) UnmarshalJSON(data []byte) error {
	return strict.Decode(data, (*rulePlain)(r), strict.Options{})
}

// ParseEffect decodes one rule effect strictly.
func ParseEffect(data []byte) (Effect, error) {
	var e Effect
	if err := strict.Decode(data, (*effectPlain)(&e), strict.Options{}); err != nil {
		return Effect{}, fmt.Errorf("pricing: parsing effect: %w", err)
	}
	return e, nil
}

// UnmarshalJSON decodes strictly, as [ParseEffect] does.
func (e *Effect) UnmarshalJSON(data []byte) error {
	return strict.Decode(data, (*effectPlain)(e), strict.Options{})
}

// ParseApprovals decodes an approval matrix (a JSON array of thresholds)
// strictly; paths start at "approvals" ("approvals[vp].above").
func ParseApprovals(data []byte) ([]ApprovalThreshold, error) {
	var a []ApprovalThreshold
	if err := strict.Decode(data, &a, strict.Options{}); err != nil {
		return nil, fmt.Errorf("pricing: parsing approvals: %w", under("approvals", err))
	}
	return a, nil
}

// ParseQuote decodes a quote strictly: a misspelt key ("qty") is an error
// rather than a line priced at no quantity.
func ParseQuote(data []byte) (Quote, error) {
	var q Quote
	if err := strict.Decode(data, (*quotePlain)(&q), strict.Options{}); err != nil {
		return Quote{}, fmt.Errorf("pricing: parsing quote: %w", err)
	}
	return q, nil
}

// UnmarshalJSON decodes strictly, as [ParseQuote] does.
func (q *Quote) UnmarshalJSON(data []byte) error {
	return strict.Decode(data, (*quotePlain)(q), strict.Options{})
}

// under puts the validation errors in err under prefix.
func under(prefix string, err error) error {
	var p partnerops.Problems
	p.Merge(prefix, err)
	return p.Err()
}
