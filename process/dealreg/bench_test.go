package dealreg_test

import (
	"strconv"
	"sync"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process/dealreg"
)

// million builds n active registrations over n/4 accounts (four partners
// per account on average, a quarter of them with a direct opportunity
// beside), each with one or two SKUs of 50, keys already normalized.
func million(n int) []dealreg.Record {
	recs := make([]dealreg.Record, 0, n)
	for i := range n {
		a := i / 4
		dom := "acct" + strconv.Itoa(a) + ".com"
		name := "account " + strconv.Itoa(a)
		r := dealreg.Record{
			ID: dealreg.RecordID("R-" + strconv.Itoa(i)), Partner: partnerops.PartnerID("p" + strconv.Itoa(i%5000)),
			Account: key(dom, name), Status: "approved", Registered: t0.Add(-days(i % 60)),
			Products: dealreg.Scope{SKUs: []dealreg.SKU{dealreg.SKU("SKU-" + strconv.Itoa(i%50))}},
		}
		if i%3 == 0 {
			r.Products.SKUs = append(r.Products.SKUs, dealreg.SKU("SKU-"+strconv.Itoa((i+7)%50)))
		}
		if i%16 == 0 {
			r.Kind, r.Partner, r.Status = dealreg.KindOpportunity, "", "open"
		}
		recs = append(recs, r)
	}
	return recs
}

var (
	millionOnce sync.Once
	millionRecs []dealreg.Record
	millionIdx  *dealreg.Index
)

func millionIndex(b *testing.B) ([]dealreg.Record, *dealreg.Index) {
	millionOnce.Do(func() {
		millionRecs = million(1_000_000)
		millionIdx = mustIndex(b, mustChecker(b, dealreg.Settings{}), millionRecs...)
	})
	return millionRecs, millionIdx
}

// BenchmarkCheck1M checks one registration against 1M active records:
// four records per account, so a whole-account registration finds four
// conflicts. Target: under 10 µs.
func BenchmarkCheck1M(b *testing.B) {
	_, x := millionIndex(b)
	regs := make([]dealreg.Record, 1024)
	for i := range regs {
		a := (i * 977) % 250_000
		regs[i] = dealreg.Record{ID: "N", Partner: "p-new", Account: key("acct"+strconv.Itoa(a)+".com", "account "+strconv.Itoa(a))}
		if i%2 == 1 {
			// Half name products, half the whole account (a conflict
			// with every record of the account).
			regs[i].Products.SKUs = []dealreg.SKU{dealreg.SKU("SKU-" + strconv.Itoa(i%50))}
		}
	}
	at := t0
	b.ReportAllocs()
	start, n := measure.CPUTime(), 0
	for b.Loop() {
		if _, err := x.Check(regs[n%len(regs)], at); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(measure.CPUTime()-start)/float64(n), "cpu-ns/op")
}

// BenchmarkIndex1M builds the index over 1M records. Target: under 2 s.
func BenchmarkIndex1M(b *testing.B) {
	recs, _ := millionIndex(b)
	c := mustChecker(b, dealreg.Settings{})
	b.ReportAllocs()
	start, n := measure.CPUTime(), 0
	for b.Loop() {
		if _, err := c.Index(recs); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(measure.CPUTime()-start)/float64(n), "cpu-ns/op")
}
