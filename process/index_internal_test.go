package process

import (
	"fmt"
	"testing"
)

func TestNameIndex(t *testing.T) {
	many := make([]string, 300)
	for i := range many {
		many[i] = fmt.Sprintf("state_%d", i)
	}
	tests := map[string]struct {
		names        []string
		wantFallback bool
	}{
		"empty":                  {nil, false},
		"standard-like":          {[]string{"submitted", "under_review", "approved", "extended", "won", "lost", "expired"}, false},
		"many similar names":     {many, true},
		"numbered":               {many[:40], false},
		"indistinguishable keys": {[]string{"ab_cb", "ax_cb"}, true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newNameIndex(tt.names)
			if (x.fallback != nil) != tt.wantFallback {
				t.Errorf("fallback = %v, want %v", x.fallback != nil, tt.wantFallback)
			}
			for i, s := range tt.names {
				if got, ok := x.lookup(s); !ok || got != int32(i) {
					t.Errorf("lookup(%q) = %d, %v; want %d", s, got, ok, i)
				}
			}
			for _, s := range []string{"", "x", "submitted2", "ab_db", "state_300"} {
				if _, ok := x.lookup(s); ok {
					t.Errorf("lookup(%q) found a name that is not there", s)
				}
			}
		})
	}
}
