package fit

import (
	"fmt"

	"github.com/partnerops/partnerops/internal/strict"
)

// ParseDefinition decodes a fit model definition from JSON strictly: an
// unknown key is an error with its path and, where one is close, a
// suggestion ("criteria[industry].valeus: unknown field; did you mean
// "values"?"); so is a duplicate key or a value of the wrong shape. Paths
// name attributes, criteria, grades, bands and choices by their names,
// IDs, labels and values. Weights, points and bounds are decimal strings
// ("30", "12.5"; a JSON number is read as its exact decimal text);
// min_coverage is a percent string in percent units ("60" or "60%";
// bare numbers are refused). Every problem is a
// *partnerops.ValidationError, all of them joined. ParseDefinition checks
// the JSON only; [Compile] checks the model.
func ParseDefinition(data []byte) (Definition, error) {
	var d Definition
	if err := strict.Decode(data, (*definitionPlain)(&d), strict.Options{}); err != nil {
		return Definition{}, fmt.Errorf("fit: parsing definition: %w", err)
	}
	return d, nil
}

// definitionPlain has Definition's fields and no methods, so that
// strict.Decode walks them instead of calling UnmarshalJSON.
type definitionPlain Definition

// UnmarshalJSON decodes strictly, as [ParseDefinition] does.
func (d *Definition) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*definitionPlain)(d), strict.Options{})
}
