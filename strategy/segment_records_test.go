package strategy

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnerops/partnerops"
)

func TestSegmentMembersFromRecords(t *testing.T) {
	var cal partnerops.Calendar
	q2 := cal.Quarter(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	q1 := q2.Previous()
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	partners := []partnerops.Partner{{ID: "p1", Type: "reseller"}, {ID: "p2", Type: "msp"}}
	records := []SegmentRecord{
		{Partner: "p1", At: day(4, 1), Amount: segUSD("100")},                   // Q2 start: current
		{Partner: "p1", At: day(3, 31), Amount: segUSD("40")},                   // Q1: prior
		{Partner: "p1", At: day(7, 1), Amount: segUSD("999")},                   // Q3: neither
		{Partner: "p1", At: day(6, 30), Amount: segUSD("25.5"), Pipeline: true}, // closes in Q2
		{Partner: "p1", At: day(9, 1), Amount: segUSD("10"), Pipeline: true},    // later: counts
		{Partner: "p1", At: day(2, 1), Amount: segUSD("77"), Pipeline: true},    // past close date: stale
	}
	got, err := SegmentMembersFromRecords(partners, records, q2, q1, partnerops.USD)
	if err != nil {
		t.Fatal(err)
	}
	zero := partnerops.Zero(partnerops.USD)
	want := []SegmentMember{
		{Partner: partners[0], Revenue: segUSD("100"), PriorRevenue: segUSD("40"), Pipeline: segUSD("35.5")},
		{Partner: partners[1], Revenue: zero, PriorRevenue: zero, Pipeline: zero},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}

	bad := []SegmentRecord{{Partner: "p9", At: day(4, 1), Amount: segUSD("1")}, {Partner: "p1", At: day(4, 1), Amount: partnerops.MustMoney("1", partnerops.EUR)}}
	_, err = SegmentMembersFromRecords(partners, bad, q2, q1, partnerops.USD)
	if !errors.Is(err, ErrUnknownPartner) || !errors.Is(err, partnerops.ErrCurrencyMismatch) || !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("error = %v, want ErrUnknownPartner, ErrCurrencyMismatch and ErrInvalid", err)
	}
	if diff := cmp.Diff([]string{"records[0].partner", "records[1].amount"}, fitPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if _, err := SegmentMembersFromRecords(partners, nil, q2, q2, partnerops.USD); !errors.Is(err, partnerops.ErrInvalid) {
		t.Errorf("overlapping periods: error = %v, want ErrInvalid", err)
	}
}
