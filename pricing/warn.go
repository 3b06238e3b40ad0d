package pricing

import "github.com/partnerops/partnerops"

// warn finds definitions that are valid but probably not meant.
func warn(books []PriceBook, fw *Framework) []partnerops.Warning {
	var ws partnerops.Warnings
	return ws
}
