package strategy

import "github.com/partnerops/partnerops"

func fitD(s string) partnerops.Decimal { return partnerops.MustDecimal(s) }

// fitPaths lists the field paths of the validation errors inside err.
func fitPaths(err error) []string {
	var out []string
	for _, ve := range partnerops.ValidationErrors(err) {
		out = append(out, ve.Path)
	}
	return out
}
