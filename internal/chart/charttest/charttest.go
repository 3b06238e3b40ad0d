// Package charttest holds the checks the pillars' chart tests share: a
// well-formedness and view-box checker for SVG and XHTML output, golden
// files under testdata/ with an -update flag, and rapid generators of
// hostile labels and numbers. It is for tests only: no library package
// imports it.
package charttest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"pgregory.net/rapid"
)

// Check parses an SVG document, or an XHTML page holding SVG elements,
// with encoding/xml in strict mode and reports the first problem: output
// that is not well-formed, a "NaN" or "Inf" anywhere, a coordinate
// (x, y, x1, y1, x2, y2, cx, cy, width, height, points) that is not a
// finite number inside the view box of its svg element, a rect reaching
// outside it, a duplicate id, an svg without role="img" and its
// aria-labelledby and aria-describedby (each naming an element), or no
// svg element at all.
func Check(data []byte) error {
	if bytes.Contains(data, []byte("NaN")) || bytes.Contains(data, []byte("Inf")) {
		return errors.New("output contains NaN or Inf")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var w, h float64
	depthInPattern, svgs := 0, 0
	ids := map[string]bool{}
	var refs []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed: %w", err)
		}
		switch e := tok.(type) {
		case xml.EndElement:
			if e.Name.Local == "pattern" {
				depthInPattern--
			}
		case xml.StartElement:
			attr := make(map[string]string, len(e.Attr))
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			if id := attr["id"]; id != "" {
				if ids[id] {
					return fmt.Errorf("duplicate id %q", id)
				}
				ids[id] = true
			}
			switch e.Name.Local {
			case "svg":
				svgs++
				var x0, y0 float64
				if _, err := fmt.Sscanf(attr["viewBox"], "%g %g %g %g", &x0, &y0, &w, &h); err != nil || x0 != 0 || y0 != 0 || !(w > 0) || !(h > 0) {
					return fmt.Errorf("bad viewBox %q", attr["viewBox"])
				}
				if attr["role"] != "img" || attr["aria-labelledby"] == "" || attr["aria-describedby"] == "" {
					return fmt.Errorf("svg without role and aria labels: %v", attr)
				}
				refs = append(refs, attr["aria-labelledby"], attr["aria-describedby"])
				continue
			case "pattern":
				depthInPattern++
				continue
			}
			if depthInPattern > 0 || svgs == 0 {
				continue
			}
			if err := checkCoordinates(e.Name.Local, attr, w, h); err != nil {
				return err
			}
		}
	}
	if svgs == 0 {
		return errors.New("no svg element")
	}
	for _, r := range refs {
		if !ids[r] {
			return fmt.Errorf("aria reference %q names no element", r)
		}
	}
	return nil
}

func checkCoordinates(elem string, attr map[string]string, w, h float64) error {
	for name, v := range attr {
		var lim float64
		switch name {
		case "x", "x1", "x2", "cx", "width":
			lim = w
		case "y", "y1", "y2", "cy", "height":
			lim = h
		case "points":
			for i, p := range strings.Fields(v) {
				xs, ys, ok := strings.Cut(p, ",")
				if !ok {
					return fmt.Errorf("bad point %q", p)
				}
				if err := inRange(xs, w); err != nil {
					return fmt.Errorf("<%s> points[%d] x: %w", elem, i, err)
				}
				if err := inRange(ys, h); err != nil {
					return fmt.Errorf("<%s> points[%d] y: %w", elem, i, err)
				}
			}
			continue
		default:
			continue
		}
		if err := inRange(v, lim); err != nil {
			return fmt.Errorf("<%s %s>: %w", elem, name, err)
		}
	}
	if elem == "rect" {
		x, _ := strconv.ParseFloat(attr["x"], 64)
		y, _ := strconv.ParseFloat(attr["y"], 64)
		rw, _ := strconv.ParseFloat(attr["width"], 64)
		rh, _ := strconv.ParseFloat(attr["height"], 64)
		if x+rw > w+0.011 || y+rh > h+0.011 {
			return fmt.Errorf("rect %v reaches outside the view box %gx%g", attr, w, h)
		}
	}
	return nil
}

func inRange(s string, lim float64) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%q is not a finite number", s)
	}
	if v < 0 || v > lim {
		return fmt.Errorf("%v outside [0, %v]", v, lim)
	}
	return nil
}

// Golden compares got with the file testdata/name, or rewrites the file
// when update is set (the test package's -update flag).
func Golden(t testing.TB, update bool, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (run go test -update to accept, then review the diff)", path)
	}
}

// Long is a label far wider than any chart's room for it.
var Long = strings.Repeat("Extraordinarily long partner label ", 12)

// Label draws host text: empty, short, very long, hostile markup,
// arbitrary runes or arbitrary bytes (invalid UTF-8 included).
func Label(t *rapid.T, name string) string {
	return rapid.OneOf(
		rapid.Just(""),
		rapid.SampledFrom([]string{"Gold", "2026-Q2", "partner-gold", "<b>&amp;</b>\"'", "日本語のラベル", Long}),
		rapid.StringN(0, 40, -1),
		rapid.Map(rapid.SliceOfN(rapid.Byte(), 0, 40), func(b []byte) string { return string(b) }),
	).Draw(t, name)
}

// ID draws an identifier as hosts write them, or a hostile one: short
// words, a long one, markup, or arbitrary runes.
func ID(t *rapid.T, name string) string {
	return rapid.OneOf(
		rapid.SampledFrom([]string{"a", "tier-gold", "SEC-100", "p-alpha", "x"}),
		rapid.Just(Long),
		rapid.Just("<script>&"),
		rapid.StringN(1, 20, -1),
	).Draw(t, name)
}

// Decimal draws a decimal in the valid range (partnerops.Decimal.Validate
// accepts it): zero, small, negative, with up to 18 fraction digits, or
// huge (up to 30 integer digits).
func Decimal(t *rapid.T, name string) partnerops.Decimal {
	return rapid.OneOf(
		rapid.Just(partnerops.Decimal{}),
		rapid.Custom(func(t *rapid.T) partnerops.Decimal {
			return partnerops.NewDecimal(rapid.Int64Range(-100000, 100000).Draw(t, "c"), int32(rapid.IntRange(-4, 0).Draw(t, "e")))
		}),
		rapid.Custom(func(t *rapid.T) partnerops.Decimal {
			return partnerops.NewDecimal(rapid.Int64().Draw(t, "c"), int32(rapid.IntRange(-18, 11).Draw(t, "e")))
		}),
	).Draw(t, name)
}

// NonNegative draws a decimal like [Decimal], never negative.
func NonNegative(t *rapid.T, name string) partnerops.Decimal {
	return Decimal(t, name).Abs()
}
