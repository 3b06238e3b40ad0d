package strategy

import (
	"errors"
	"fmt"
)

// Sentinel errors of the strategy package. Functions wrap them with context
// (the entity, attribute or profile involved), so test them with
// [errors.Is]. Definition problems are reported as
// *partnerops.ValidationError values instead (see [CompileCapabilities]).
var (
	// ErrUnknownProfile is returned for a requirement profile ID that the
	// capability framework does not define.
	ErrUnknownProfile = errors.New("strategy: unknown requirement profile")

	// ErrUnknownCapability is returned when an assessment names a
	// capability, or a level, that the framework does not define.
	ErrUnknownCapability = errors.New("strategy: unknown capability")

	// ErrUnknownPartner is returned when a record (an affiliation, a deal)
	// names a partner that is not in the analysed portfolio.
	ErrUnknownPartner = errors.New("strategy: unknown partner")

	// ErrDuplicate is returned when input lists the same key twice (a
	// partner twice in a portfolio, the same competitor twice for one
	// partner).
	ErrDuplicate = errors.New("strategy: duplicate")
)

// segWrap returns err wrapped with op and every distinct sentinel in
// kinds, so errors.Is finds each of them; err alone when kinds is empty.
func segWrap(op string, kinds []error, err error) error {
	if err == nil || len(kinds) == 0 {
		return err
	}
	var distinct []error
	for _, k := range kinds {
		dup := false
		for _, d := range distinct {
			dup = dup || d == k
		}
		if !dup {
			distinct = append(distinct, k)
		}
	}
	return fmt.Errorf("%s: %w", op, errors.Join(append(distinct, err)...))
}
