package mapping_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerops/partnerops"
	"github.com/partnerops/partnerops/internal/chart/charttest"
	"github.com/partnerops/partnerops/strategy/mapping"
	"pgregory.net/rapid"
)

var updateSVG = flag.Bool("update", false, "rewrite the golden files under testdata/")

// svgFixture maps 48 vendor accounts, spread over the four statuses,
// against three partners that hold some of them in other statuses.
func svgFixture(t testing.TB) *mapping.Result {
	t.Helper()
	statuses := mapping.AccountStatuses()
	var vendor []mapping.Account
	for i := range 48 {
		vendor = append(vendor, mapping.Account{
			ID: partnerops.AccountID(fmt.Sprintf("v-%02d", i)), Domain: fmt.Sprintf("company%02d.com", i),
			Status: statuses[i%4], Segment: []string{"enterprise", "mid-market"}[i%2],
			Pipeline: partnerops.MustMoney(strconv.Itoa(1000*(i%7+1)), partnerops.USD),
		})
	}
	var partners []mapping.PartnerAccounts
	for k, name := range []partnerops.PartnerID{"northwind", "contoso", "fabrikam"} {
		pa := mapping.PartnerAccounts{Partner: name}
		for i := range 48 {
			if (i*(k+3)+k)%5 >= 3-k%2 {
				continue
			}
			pa.Accounts = append(pa.Accounts, mapping.Account{
				ID: partnerops.AccountID(fmt.Sprintf("%s-%02d", name[:1], i)), Domain: fmt.Sprintf("company%02d.com", i),
				Status: statuses[(i*i+k*i/3)%7%4],
			})
		}
		partners = append(partners, pa)
	}
	ix, err := mapping.NewIndex(partners, mapping.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ix.Map(vendor, mapping.MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func svgOutputs(r *mapping.Result) (names []string, outs [][]byte) {
	names = append(names, "overlap_by_play.svg")
	outs = append(outs, r.SVG())
	for _, po := range r.Partners {
		names = append(names, "overlap_"+string(po.Partner)+".svg")
		outs = append(outs, po.SVG())
	}
	return names, outs
}

func TestSVGGolden(t *testing.T) {
	names, outs := svgOutputs(svgFixture(t))
	names = append(names, "empty_result.svg", "empty_partner.svg")
	outs = append(outs, (&mapping.Result{}).SVG(), mapping.PartnerOverlap{}.SVG())
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			if err := charttest.Check(outs[i]); err != nil {
				t.Fatal(err)
			}
			charttest.Golden(t, *updateSVG, "svg/"+name, outs[i])
		})
	}
}

// TestSVGContent: every non-empty cell prints its pairs and play, and the
// description names the largest cell.
func TestSVGContent(t *testing.T) {
	r := svgFixture(t)
	statuses := mapping.AccountStatuses()
	for _, po := range r.Partners {
		out := string(po.SVG())
		best := 0
		for v, row := range po.Matrix {
			for p, c := range row {
				if c.Pairs == 0 {
					continue
				}
				best = max(best, c.Pairs)
				want := ">" + strconv.Itoa(c.Pairs)
				if play := mapping.PlayFor(statuses[v], statuses[p]); play != mapping.PlayNone {
					want += " · "
				}
				if !strings.Contains(out, want) {
					t.Errorf("%s: cell %s × %s (%d pairs) not printed", po.Partner, statuses[v], statuses[p], c.Pairs)
				}
			}
		}
		if best > 0 && !strings.Contains(out, "Most pairs ("+strconv.Itoa(best)+")") {
			t.Errorf("%s: description does not name the largest cell", po.Partner)
		}
	}
	all := string(r.SVG())
	for _, po := range r.Partners {
		if !strings.Contains(all, strconv.Itoa(po.Rank)+". "+string(po.Partner)) {
			t.Errorf("partner %s missing from the overview", po.Partner)
		}
	}
}

// TestSVGRoundTrip: a Result decoded from its JSON draws the same bytes.
func TestSVGRoundTrip(t *testing.T) {
	r := svgFixture(t)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back mapping.Result
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	names, want := svgOutputs(r)
	_, got := svgOutputs(&back)
	for i := range want {
		if !bytes.Equal(want[i], got[i]) {
			t.Errorf("%s differs after a JSON round trip", names[i])
		}
	}
}

// genOverlap draws a partner's overlap as a host may hold it: any ID and
// rank, counts from none to huge, any pipeline.
func genOverlap(t *rapid.T) mapping.PartnerOverlap {
	po := mapping.PartnerOverlap{
		Rank: rapid.IntRange(-1, 1000).Draw(t, "rank"), Partner: partnerops.PartnerID(charttest.Label(t, "partner")),
		Pairs: rapid.IntRange(0, 1<<40).Draw(t, "pairs"), VendorAccounts: rapid.IntRange(0, 1<<40).Draw(t, "accounts"),
		PlayAccounts: rapid.IntRange(0, 1<<40).Draw(t, "play"),
	}
	if m, err := partnerops.NewMoney(charttest.Decimal(t, "pipeline"), partnerops.USD); err == nil {
		po.PlayPipeline = m
	}
	for v := range po.Matrix {
		for p := range po.Matrix[v] {
			po.Matrix[v][p].Pairs = rapid.OneOf(rapid.Just(0), rapid.IntRange(0, 50), rapid.IntRange(0, 1<<62)).Draw(t, "cell")
		}
	}
	return po
}

// TestSVGPropertyInsideViewBox: for any overlap, both heat maps are
// well-formed, free of NaN, inside their view boxes, and the same bytes
// twice.
func TestSVGPropertyInsideViewBox(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := &mapping.Result{
			VendorAccounts: rapid.IntRange(0, 1<<40).Draw(t, "vendor"), MatchedAccounts: rapid.IntRange(0, 1<<40).Draw(t, "matched"),
			Partners: rapid.SliceOfN(rapid.Custom(genOverlap), 0, 8).Draw(t, "partners"),
		}
		names, outs := svgOutputs(r)
		_, again := svgOutputs(r)
		for i, out := range outs {
			if err := charttest.Check(out); err != nil {
				t.Fatalf("%s: %v\n%s", names[i], err, out)
			}
			if !bytes.Equal(out, again[i]) {
				t.Fatalf("%s: two renders differ", names[i])
			}
		}
	})
}

// TestSVGGrowth: the overview's output and allocations grow at most 10x
// from n to 8n partners.
func TestSVGGrowth(t *testing.T) {
	build := func(n int) *mapping.Result {
		r := &mapping.Result{}
		for i := range n {
			po := mapping.PartnerOverlap{Rank: i + 1, Partner: partnerops.PartnerID("partner-" + strconv.Itoa(i))}
			for v := range po.Matrix {
				for p := range po.Matrix[v] {
					po.Matrix[v][p].Pairs = (i*7 + v*3 + p) % 50
				}
			}
			r.Partners = append(r.Partners, po)
		}
		return r
	}
	const n = 100
	small, large := build(n), build(8*n)
	s1, s8 := len(small.SVG()), len(large.SVG())
	if ratio := float64(s8) / float64(s1); ratio > 10 {
		t.Errorf("output grows %.1fx from n=%d to 8n", ratio, n)
	}
	a1 := testing.AllocsPerRun(2, func() { small.SVG() })
	a8 := testing.AllocsPerRun(2, func() { large.SVG() })
	if ratio := a8 / max(a1, 1); ratio > 10 {
		t.Errorf("allocations grow %.1fx from n=%d to 8n (%v, %v)", ratio, n, a1, a8)
	}
}
