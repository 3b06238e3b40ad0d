package payout_test

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops/pricing/payout"
)

// An engine is safe for concurrent use: statements evaluated from many
// goroutines equal the sequential ones (run with -race).
func TestConcurrentStatements(t *testing.T) {
	e := mustPlan(t, growthPlan)
	reqs := make([]payout.Request, 16)
	for i := range reqs {
		txs := growthTxs(50 + i)
		reqs[i] = payout.Request{Payee: "p", At: day("2026-02-01"), Transactions: txs,
			Clawbacks: []payout.Clawback{{ID: "c", Transaction: txs[3].ID, Date: day("2026-03-30"), Reason: payout.ReasonChurn}}}
	}
	want, err := e.Statements(reqs)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]payout.Statement, len(reqs))
	var wg sync.WaitGroup
	for i := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := e.Statement(reqs[i])
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concurrent statements differ (-sequential +concurrent):\n%s", diff)
	}
}
