package economics

import (
	"fmt"

	"github.com/partnerops/partnerops/internal/strict"
)

// ParseDefinition decodes a program economics definition from JSON
// strictly: an unknown key is an error with its path and, where one is
// close, a suggestion ("churn: unknown field; did you mean
// "churn_rate"?"); so is a duplicate key or a value of the wrong shape.
// Percents are strings in percent units ("25" or "25%" is 25%; a bare JSON
// number is refused); amounts are bare decimal strings ("25000.00") in the
// definition's currency, or {"amount","currency"} objects in that currency;
// counts are decimal strings ("12.5"); start is a date ("2026-01-01",
// midnight UTC) or an RFC 3339 time. Fixed costs are named in paths by
// their names: fixed_costs["channel team"].amount. Every problem is a
// *partnerops.ValidationError, all of them joined. [Compile] checks the
// model itself.
func ParseDefinition(data []byte) (Definition, error) {
	var d Definition
	if err := strict.Decode(data, (*definitionPlain)(&d), strict.Options{}); err != nil {
		return Definition{}, fmt.Errorf("economics: parsing definition: %w", err)
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

// ParseScenarios decodes a list of scenarios from JSON strictly, as
// [ParseDefinition] decodes a definition: [{"name": "upside", "values":
// [{"assumption": "new_partners_per_period", "value": "7"}]}]. Values are
// decimal strings in the assumption's unit (percent units for rates).
// Paths name scenarios and assumptions: [upside].values[churn_rate].value.
func ParseScenarios(data []byte) ([]Scenario, error) {
	var s []Scenario
	if err := strict.Decode(data, &s, strict.Options{}); err != nil {
		return nil, fmt.Errorf("economics: parsing scenarios: %w", err)
	}
	return s, nil
}

// scenarioPlain has Scenario's fields and no methods.
type scenarioPlain Scenario

// UnmarshalJSON decodes one scenario strictly, as [ParseScenarios] does.
func (s *Scenario) UnmarshalJSON(b []byte) error {
	return strict.Decode(b, (*scenarioPlain)(s), strict.Options{})
}
