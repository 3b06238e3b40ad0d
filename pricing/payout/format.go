package payout

import (
	"strconv"
	"strings"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/fence"
)

// appendDec appends d in plain notation with its own scale, exactly as
// [partnerops.Decimal.String] renders it, without going through big.Int
// text conversion when the coefficient fits an int64.
func appendDec(b []byte, d partnerops.Decimal) []byte {
	v := fence.Dec(d)
	if v.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	c, e := v.CoefficientInt64(), v.Exponent()
	if c == 0 {
		b = append(b, '0')
		if e < 0 {
			b = append(b, '.')
			for i := int32(0); i < -e; i++ {
				b = append(b, '0')
			}
		}
		return b
	}
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	var buf [24]byte
	s := strconv.AppendInt(buf[:0], c, 10)
	if e >= 0 {
		b = append(b, s...)
		for i := int32(0); i < e; i++ {
			b = append(b, '0')
		}
		return b
	}
	scale := int(-e)
	if len(s) <= scale {
		b = append(b, '0', '.')
		for i := len(s); i < scale; i++ {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	b = append(b, s[:len(s)-scale]...)
	b = append(b, '.')
	return append(b, s[len(s)-scale:]...)
}

// decString is d.String() through appendDec.
func decString(d partnerops.Decimal) string {
	var buf [48]byte
	return string(appendDec(buf[:0], d))
}

// writeDec writes d to b.
func writeDec(b *strings.Builder, d partnerops.Decimal) {
	var buf [48]byte
	b.Write(appendDec(buf[:0], d))
}

// writePct writes p as "12.5%".
func writePct(b *strings.Builder, p partnerops.Percent) {
	writeDec(b, p.Decimal())
	b.WriteByte('%')
}
