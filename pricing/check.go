package pricing

import (
	"github.com/partnerops/partnerops"
)

// elemKey names list element i in a path by its ID ("rules[tier-gold]"),
// or by its 0-based index when it has none, as the strict decoder does.
func elemKey(id string, i int) any {
	if id == "" {
		return i
	}
	return partnerops.Key(id)
}

// checkDecimal records a problem when d lies outside the decimal range
// every decoder accepts, and reports whether d is usable. It runs before
// any other arithmetic on a host's number, which could otherwise cost
// time proportional to a hostile exponent.
func checkDecimal(p *partnerops.Problems, path string, d partnerops.Decimal) bool {
	if err := d.Validate(); err != nil {
		p.AddErr(path, err)
		return false
	}
	return true
}

// valueText quotes d in a problem, or nothing when d is out of range
// (its text could be enormous).
func valueText(d partnerops.Decimal) string {
	if d.Validate() != nil {
		return ""
	}
	return d.String()
}

// checkMoney checks that m can be placed in currency c (it is in c, or
// has no currency: a bare decimal string in JSON), is in range and, when
// nonNegative, not negative.
func checkMoney(p *partnerops.Problems, path string, m partnerops.Money, c partnerops.Currency, nonNegative bool) bool {
	if !checkDecimal(p, path, m.Amount()) {
		return false
	}
	if c != "" && c.Valid() {
		if _, err := m.InCurrency(c); err != nil {
			p.AddErr(path, err)
			return false
		}
	}
	if nonNegative && m.IsNegative() {
		p.Add(path, "must not be negative", m.Amount().String())
		return false
	}
	return true
}

// checkPercent checks that v is in range and between lo and hi.
func checkPercent(p *partnerops.Problems, path string, v partnerops.Percent, lo, hi partnerops.Percent) bool {
	if !checkDecimal(p, path, v.Decimal()) {
		return false
	}
	if !v.Between(lo, hi) {
		p.Add(path, "must be between "+lo.String()+" and "+hi.String(), v.String())
		return false
	}
	return true
}
