package roundtrip

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
)

// recorder is a Fataler that records the first failure.
type recorder struct{ failed string }

func (*recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	if r.failed == "" {
		r.failed = fmt.Sprintf(format, args...)
	}
}

type def struct {
	Fee  partnerops.Money `json:"fee,omitzero"`
	Tags []string         `json:"tags,omitempty"`
}

func parse(data []byte) (def, error) {
	var d def
	err := json.Unmarshal(data, &d)
	return d, err
}

func TestCopy(t *testing.T) {
	tests := []struct {
		name string
		v    def
		fail string
	}{
		{"plain", def{Fee: partnerops.MustMoney("1.50", partnerops.USD), Tags: []string{"a"}}, ""},
		{"zero in a currency", def{Fee: partnerops.MustMoney("0", partnerops.EUR), Tags: []string{}}, ""},
	}
	for _, tt := range tests {
		var r recorder
		back := Copy(&r, tt.v, parse)
		if r.failed != tt.fail {
			t.Errorf("%s: Copy failed with %q, want %q", tt.name, r.failed, tt.fail)
		}
		if !back.Fee.Equal(tt.v.Fee) && !back.Fee.IsZero() {
			t.Errorf("%s: copy %+v", tt.name, back)
		}
	}
	var r recorder
	Copy(&r, def{}, func([]byte) (def, error) { return def{Tags: []string{"x"}}, nil })
	if !strings.Contains(r.failed, "differs") {
		t.Errorf("a changed copy passed: %q", r.failed)
	}
}

func TestSame(t *testing.T) {
	ok := func(v int) (any, error) { return v, nil }
	failOdd := func(v int) (any, error) {
		if v%2 == 1 {
			return nil, errors.New("odd")
		}
		return v, nil
	}
	tests := []struct {
		name    string
		v, back int
		run     func(int) (any, error)
		fail    string
	}{
		{"same result", 2, 2, ok, ""},
		{"both fail", 1, 3, failOdd, ""},
		{"other result", 2, 4, ok, "results differ"},
		{"one fails", 2, 3, failOdd, "before a JSON round trip"},
	}
	for _, tt := range tests {
		var r recorder
		Same(&r, tt.v, tt.back, tt.run)
		if tt.fail == "" && r.failed != "" || !strings.Contains(r.failed, tt.fail) {
			t.Errorf("%s: Same failed with %q, want %q", tt.name, r.failed, tt.fail)
		}
	}
}
