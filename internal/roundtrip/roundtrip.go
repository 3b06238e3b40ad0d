// Package roundtrip holds the checks the definitions' fuzz targets share:
// a definition a host stores as JSON comes back equal, and behaves the
// same (never turning valid, invalid, or pricing or paying differently).
// Only tests import it: it is not part of the API.
package roundtrip

import (
	"bytes"
	"encoding/json"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/partnerops/partnerops"
)

// Fataler is what the checks need of a test: *testing.T and *rapid.T.
type Fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Options compare a definition with its JSON copy: empty and nil lists
// are equal, and so are zero amounts whatever their currency
// (encoding/json leaves a zero amount of an omitzero field out, and
// definitions treat it as zero in their own currency; see
// [partnerops.Money.IsZero]).
var Options = []cmp.Option{
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b partnerops.Money) bool {
		return a.IsZero() && b.IsZero() || a.Equal(b)
	}),
}

// Copy re-encodes v with encoding/json and re-parses it with parse,
// failing t when either step fails or the copy differs from v (under
// [Options]). It returns the copy.
func Copy[T any](t Fataler, v T, parse func([]byte) (T, error)) T {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encoding an accepted definition: %v", err)
	}
	back, err := parse(data)
	if err != nil {
		t.Fatalf("re-parsing %s: %v", data, err)
	}
	if diff := cmp.Diff(v, back, Options...); diff != "" {
		t.Fatalf("re-parsed definition differs (-want +got):\n%s\n%s", diff, data)
	}
	return back
}

// Same checks that a definition and its JSON copy behave alike: run
// (compile, then evaluate a sample) fails for both or for neither, and
// the results encode to the same JSON.
func Same[T any](t Fataler, v, back T, run func(T) (any, error)) {
	t.Helper()
	a, errA := run(v)
	b, errB := run(back)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("before a JSON round trip: %v; after it: %v", errA, errB)
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		t.Fatalf("encoding the results: %v, %v", errA, errB)
	}
	if !bytes.Equal(ja, jb) {
		t.Fatalf("results differ after a JSON round trip:\n%s\n%s", ja, jb)
	}
}
