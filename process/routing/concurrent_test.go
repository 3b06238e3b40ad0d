package routing_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerops/partnerops/process/routing"
)

// TestConcurrentRoute routes from several goroutines at once (run with
// -race), each with its own random source: a pool is immutable and safe
// for concurrent use.
func TestConcurrentRoute(t *testing.T) {
	pl := mustPool(t, defJSON, partners())
	want := must(pl.Route(lead(), routing.Options{}))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			for range 50 {
				got, err := pl.Route(lead(), routing.Options{Rand: rng})
				if err != nil || !cmp.Equal(want, got) {
					t.Errorf("concurrent Route differs: %v", err)
					return
				}
				if _, err := pl.Update(routing.Load{Partner: "a", OpenLeads: 9}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
