package dealreg_test

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/process/dealreg"
)

// TestConcurrentCheck checks from several goroutines at once (run with
// -race): an index is immutable and safe for concurrent use.
func TestConcurrentCheck(t *testing.T) {
	x := mustIndex(t, mustChecker(t, dealreg.Settings{}), existing()...)
	reg := dealreg.Record{ID: "N", Partner: "fabrikam", Account: key("acme.com", "Acme"), Status: "submitted", Registered: t0}
	want, err := x.Check(reg, t0)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				got, err := x.Check(reg, t0)
				if err != nil || !cmp.Equal(want, got) {
					t.Errorf("concurrent Check differs: %v", err)
					return
				}
				// With builds a new index; x stays as it was.
				if _, err := x.With(reg); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
