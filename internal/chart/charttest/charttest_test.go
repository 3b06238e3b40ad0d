package charttest

import "testing"

// TestCheck makes sure Check, which the pillars' chart properties rely on,
// rejects what it must and accepts a valid chart.
func TestCheck(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="t" aria-describedby="d"><title id="t">t</title><desc id="d">d</desc>`
	tests := []struct {
		name, doc string
		ok        bool
	}{
		{"valid", head + `<rect x="0" y="0" width="100" height="50"/></svg>`, true},
		{"x outside", head + `<rect x="101" y="0" width="1" height="1"/></svg>`, false},
		{"rect overhangs", head + `<rect x="90" y="0" width="20" height="1"/></svg>`, false},
		{"negative y", head + `<line x1="0" y1="-1" x2="0" y2="0"/></svg>`, false},
		{"NaN", head + `<circle cx="NaN" cy="1" r="1"/></svg>`, false},
		{"point outside", head + `<polyline points="0,0 10,60"/></svg>`, false},
		{"duplicate id", head + `<g id="t"/></svg>`, false},
		{"not closed", head + `<g></svg>`, false},
		{"no svg", `<p>text</p>`, false},
		{"no aria", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"></svg>`, false},
		{"dangling aria", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-labelledby="t" aria-describedby="x"><title id="t">t</title></svg>`, false},
		{"page around an svg", `<html><body><p style="x">a</p>` + head + `</svg></body></html>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.doc))
			if (err == nil) != tt.ok {
				t.Errorf("Check = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
