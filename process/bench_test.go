package process_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/partnerops/partnerops/internal/measure"
	"github.com/partnerops/partnerops/process"
)

// cpuMeter reports the process's CPU time per operation as cpu-ns/op
// when the returned function runs: call it right before the loop with
// defer cpuMeter(b)().
func cpuMeter(b *testing.B) func() {
	start := measure.CPUTime()
	return func() { measure.ReportCPU(b, start) }
}

// benchLifecycle is the partner lifecycle with a data guard on recover
// (score ge 60), so active -> at_risk -> active cycles forever, each
// event with a guard check and a history entry.
func benchLifecycle(tb testing.TB) (*process.Workflow, process.Instance) {
	d := process.PartnerLifecycle(process.LifecycleOptions{})
	for i := range d.Transitions {
		if d.Transitions[i].Event == "recover" || d.Transitions[i].Event == "flag_risk" {
			d.Transitions[i].Guards = []process.Guard{{Field: "score", Op: process.OpGe, Value: process.Int(60)}}
		}
	}
	w := process.MustCompile(d)
	at := utc(2026, 3, 2, 10, 0)
	in, _, err := w.Start("p1", process.Trigger{Data: process.Data{"score": process.Int(75)}}, at)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range []process.Event{"start_onboarding", "activate"} {
		if in, _, err = w.Apply(in, process.Trigger{Event: e}, at); err != nil {
			tb.Fatal(err)
		}
	}
	return w, in
}

var cycle = [2]process.Trigger{{Event: "flag_risk", Actor: "scorecard"}, {Event: "recover", Actor: "scorecard"}}

// BenchmarkApply: one event with a guard and a history entry, chained
// (each event applied to the previous result), restarting from a short
// history every 1,000 events. Target: <= 500 ns and <= 1 alloc/op
// amortized.
func BenchmarkApply(b *testing.B) {
	w, base := benchLifecycle(b)
	at := utc(2026, 3, 2, 10, 0)
	in := base
	b.ReportAllocs()
	defer cpuMeter(b)()
	i := 0
	for b.Loop() {
		if i%1000 == 0 {
			in = base
		}
		out, _, err := w.Apply(in, cycle[i&1], at)
		if err != nil {
			b.Fatal(err)
		}
		in = out
		i++
	}
}

// BenchmarkAppendApply: as BenchmarkApply, reusing one effects buffer.
// Target: <= 500 ns; 0 allocs/op amortized.
func BenchmarkAppendApply(b *testing.B) {
	w, base := benchLifecycle(b)
	at := utc(2026, 3, 2, 10, 0)
	in := base
	var effects []process.Effect
	b.ReportAllocs()
	defer cpuMeter(b)()
	i := 0
	for b.Loop() {
		if i%1000 == 0 {
			in = base
		}
		var err error
		in, effects, err = w.AppendApply(effects[:0], in, cycle[i&1], at)
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAllowed: which events are allowed now. Target: <= 50 ns and 0
// allocs/op.
func BenchmarkAllowed(b *testing.B) {
	w, in := benchLifecycle(b)
	b.ReportAllocs()
	defer cpuMeter(b)()
	for b.Loop() {
		if len(w.Allowed(in.State)) == 0 {
			b.Fatal("nothing allowed")
		}
	}
}

// BenchmarkReplay1000: rebuild an instance from a 1,000-event history.
// Target: <= 0.5 ms/op.
func BenchmarkReplay1000(b *testing.B) {
	w, in := benchLifecycle(b)
	at := utc(2026, 3, 2, 10, 0)
	for i := 0; len(in.History) < 1000; i++ {
		out, _, err := w.Apply(in, cycle[i&1], at.Add(time.Duration(i)*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		in = out
	}
	b.ReportAllocs()
	defer cpuMeter(b)()
	for b.Loop() {
		if _, err := w.Replay(in.ID, in.History); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBusinessDueDays: 2 business days from Thursday 24 December
// 16:00 in New York, across Christmas and a weekend. Target: <= 2 µs/op.
func BenchmarkBusinessDueDays(b *testing.B) {
	ny := newYork(b)
	c := process.MustBusinessCalendar(process.CalendarDef{Holidays: []string{"2026-12-25", "2027-01-01"}}, ny)
	from := time.Date(2026, 12, 24, 16, 0, 0, 0, ny)
	b.ReportAllocs()
	defer cpuMeter(b)()
	for b.Loop() {
		c.AddDays(from, 2)
	}
}

// BenchmarkBusinessDueHours: 16 business hours from Friday 15:00 in New
// York across the spring-forward weekend. Target: <= 2 µs/op.
func BenchmarkBusinessDueHours(b *testing.B) {
	ny := newYork(b)
	c := process.MustBusinessCalendar(process.CalendarDef{Holidays: []string{"2026-03-09"}}, ny)
	from := time.Date(2026, 3, 6, 15, 0, 0, 0, ny)
	b.ReportAllocs()
	defer cpuMeter(b)()
	for b.Loop() {
		c.Add(from, 16*time.Hour)
	}
}

// BenchmarkCompileDealRegistration: validating and compiling a standard
// workflow (done once per definition; no target).
func BenchmarkCompileDealRegistration(b *testing.B) {
	d := process.DealRegistration(process.DealRegistrationOptions{})
	cal := weekCal()
	b.ReportAllocs()
	defer cpuMeter(b)()
	for b.Loop() {
		if _, err := process.Compile(d, process.WithCalendar(cal)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAllocationBudgets pins the allocation targets deterministically.
func TestAllocationBudgets(t *testing.T) {
	w, base := benchLifecycle(t)
	at := utc(2026, 3, 2, 10, 0)
	if n := testing.AllocsPerRun(100, func() { _ = w.Allowed(base.State) }); n != 0 {
		t.Errorf("Allowed allocates %v times, want 0", n)
	}
	in := base
	i := 0
	n := testing.AllocsPerRun(1000, func() {
		out, _, err := w.Apply(in, cycle[i&1], at)
		if err != nil {
			t.Fatal(err)
		}
		in = out
		i++
	})
	if n > 1 {
		t.Errorf("Apply allocates %v times amortized, want <= 1", n)
	}
	var effects []process.Effect
	n = testing.AllocsPerRun(1000, func() {
		var err error
		in, effects, err = w.AppendApply(effects[:0], in, cycle[i&1], at)
		if err != nil {
			t.Fatal(err)
		}
		i++
	})
	if n != 0 {
		t.Errorf("AppendApply allocates %v times amortized, want 0", n)
	}
	// One event applied to a snapshot decoded from storage: the history
	// copy, sharing one allocation with its ownership tail and the
	// effects' storage.
	b, _ := json.Marshal(base)
	snap, err := process.ParseInstance(b)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { _, _, _ = w.Apply(snap, cycle[0], at) }); n > 1 {
		t.Errorf("Apply to a snapshot allocates %v times, want 1", n)
	}
	c := weekCal()
	if n := testing.AllocsPerRun(100, func() { c.AddDays(at, 2) }); n != 0 {
		t.Errorf("AddDays allocates %v times, want 0", n)
	}
}
