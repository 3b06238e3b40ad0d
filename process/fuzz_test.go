package process_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/partnerops/partnerops/internal/roundtrip"
	"github.com/partnerops/partnerops/process"
)

func FuzzParseDefinition(f *testing.F) {
	for _, d := range append(process.Standard(), reviewDef()) {
		b, _ := json.Marshal(d)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","initial":"a","states":[{"name":"a","owner":"o"},{"name":"b","terminal":true}],"transitions":[{"from":"a","event":"go","to":"b","guards":[{"field":"v","op":"ge","value":{"number":"1e3"}}]}]}`))
	f.Add([]byte(`{"states":[{"sla":{"days":3660,"clock":"business"}}]}`))
	cal := weekCal()
	at := utc(2026, 3, 2, 10, 0)
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := process.ParseDefinition(b)
		if err != nil {
			return
		}
		// Round trip: what decodes, re-encodes and decodes equal, and the
		// copy compiles (or fails) alike and starts the same instance.
		roundtrip.Same(t, d, roundtrip.Copy(t, d, process.ParseDefinition), func(d process.Definition) (any, error) {
			w, err := process.Compile(d, process.WithCalendar(cal), process.WithGuard("blocked", blocked))
			if err != nil {
				return nil, err
			}
			in, effs, err := w.Start("f", process.Trigger{}, at)
			return []any{in, effs, w.Markdown()}, err
		})
		w, err := process.Compile(d, process.WithCalendar(cal), process.WithGuard("blocked", blocked))
		if err != nil {
			return
		}
		_, _, _ = w.Mermaid(), w.DOT(), w.Markdown()
		in, _, err := w.Start("f", process.Trigger{}, at)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 20; i++ {
			allowed := w.Allowed(in.State)
			if len(allowed) == 0 {
				break
			}
			out, _, err := w.Apply(in, process.Trigger{Event: allowed[i%len(allowed)]}, at.Add(time.Duration(i)*time.Hour))
			if err == nil {
				in = out
			}
		}
		if re, err := w.Replay("f", in.History); err != nil || !re.Equal(in) {
			t.Fatalf("replay differs: %v", err)
		}
		_, _ = w.Steps(in, at)
	})
}

func FuzzParseInstance(f *testing.F) {
	w := reviewWorkflow()
	at := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r", process.Trigger{Data: process.Data{"amount": process.Int(2000000)}}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, at)
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: "reviewer"}, at)
	b, _ := json.Marshal(in)
	f.Add(b)
	f.Add([]byte(`{"workflow":"review","id":"x","state":"on_hold","version":1,"history":[{"version":1,"event":"hold","from":"on_hold","to":"on_hold","at":"2026-01-01T00:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := process.ParseInstance(b)
		if err != nil {
			return
		}
		b2, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("Marshal of a decoded instance: %v", err)
		}
		in2, err := process.ParseInstance(b2)
		if err != nil || !in2.Equal(in) {
			t.Fatalf("re-decoding %s: %v", b2, err)
		}
		if b3, _ := json.Marshal(in2); string(b3) != string(b2) {
			t.Fatalf("re-encodes differently:\n%s\n%s", b2, b3)
		}
		for _, e := range []process.Event{"submit", "approve", "resume", "answer", "cancel", "expire", "update"} {
			_, _, _ = w.Apply(in, process.Trigger{Event: e, Role: "director"}, at)
		}
		_, _, _ = w.Advance(in, at.Add(1000*time.Hour))
		_, _ = w.Steps(in, at)
		_, _ = w.Status(in, at)
		_ = w.Escalations(in, at)
		_ = w.Reminders(in, at)
		_ = w.Explain(in, at)
		_ = w.PendingApprovals(in, at)
		if re, err := w.Replay(in.ID, in.History); err == nil {
			if _, err := json.Marshal(re); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzEventStream feeds arbitrary event streams to every standard
// workflow: nothing panics, and replay always equals the incremental
// instance.
func FuzzEventStream(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 7, 7, 7, 200, 3, 9, 255, 0, 0, 1})
	ws := propertyWorkflows(f)
	type kit struct {
		events []process.Event
		roles  []process.Role
	}
	kits := make([]kit, len(ws))
	for i, w := range ws {
		kits[i].events, kits[i].roles = allEvents(w)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		wi := int(b[0]) % len(ws)
		w, k := ws[wi], kits[wi]
		at := utc(2026, 3, 2, 9, 0)
		in, _, _ := w.Start("s", process.Trigger{Data: process.Data{"deal_value": process.Int(int64(b[0]) * 10000)}}, at)
		for i := 1; i+1 < len(b); i += 2 {
			at = at.Add(time.Duration(b[i+1]) * time.Hour)
			if b[i] == 255 {
				if out, _, err := w.Advance(in, at); err == nil {
					in = out
				}
				continue
			}
			tr := process.Trigger{Event: k.events[int(b[i])%len(k.events)], Role: k.roles[int(b[i+1])%len(k.roles)]}
			if b[i+1]%5 == 0 {
				tr.Data = process.Data{"evidence": process.Bool(true), "proof_of_performance": process.String("p"), "amount": process.Int(int64(b[i+1]) * 1000)}
			}
			if out, _, err := w.Apply(in, tr, at); err == nil {
				in = out
			}
		}
		re, err := w.Replay(in.ID, in.History)
		if err != nil || !re.Equal(in) {
			t.Fatalf("replay differs: %v", err)
		}
	})
}

func FuzzBusinessCalendar(f *testing.F) {
	f.Add(int64(1772445600), int64(16*3600), uint8(2))
	f.Add(int64(-62135596800), int64(1), uint8(0))
	f.Add(int64(253402300000), int64(86400*30), uint8(200))
	cals := []*process.BusinessCalendar{weekCal()}
	for _, z := range []string{"America/New_York", "America/Santiago", "Australia/Lord_Howe"} {
		if loc, err := time.LoadLocation(z); err == nil {
			cals = append(cals, process.MustBusinessCalendar(process.CalendarDef{
				WorkingDays: []string{"mon", "tue", "wed", "thu", "fri", "sun"}, Start: "00:30", End: "23:45"}, loc))
		}
	}
	f.Fuzz(func(t *testing.T, sec, dur int64, days uint8) {
		if sec < -62135596800 || sec > 253402300799 || dur < 0 || dur > 86400*366 {
			t.Skip()
		}
		c := cals[int(days)%len(cals)]
		start := time.Unix(sec, 0).UTC()
		d := time.Duration(dur) * time.Second
		due := c.Add(start, d)
		if due.Before(start) {
			t.Fatalf("Add(%v, %v) = %v, before the start", start, d, due)
		}
		if got := c.Between(start, due); got != d {
			t.Fatalf("Between(%v, Add(%v)) = %v, want %v", start, d, got, d)
		}
		dd := c.AddDays(start, int(days))
		if dd.Before(start) {
			t.Fatalf("AddDays(%v, %d) = %v, before the start", start, days, dd)
		}
	})
}

func FuzzParseCalendarDef(f *testing.F) {
	f.Add([]byte(`{"time_zone":"UTC","working_days":["mon","tue","wed","thu","fri"],"start":"09:00","end":"17:00","overrides":[{"day":"fri","start":"09:00","end":"13:00"}],"holidays":["2026-12-25"]}`))
	f.Add([]byte(`{"working_days":["sun"],"start":"00:00","end":"24:00"}`))
	f.Add([]byte(`{"holidays":["2026-02-30"],"overrides":[{"day":"sat"}]}`))
	at := utc(2026, 3, 2, 10, 0)
	f.Fuzz(func(t *testing.T, b []byte) {
		def, err := process.ParseCalendarDef(b)
		if err != nil {
			return
		}
		def.TimeZone = "" // no zone database lookups in the fuzzer
		roundtrip.Same(t, def, roundtrip.Copy(t, def, process.ParseCalendarDef), func(def process.CalendarDef) (any, error) {
			c, err := process.NewBusinessCalendar(def, time.UTC)
			if err != nil {
				return nil, err
			}
			return []any{c.Add(at, 40*time.Hour), c.AddDays(at, 3), c.IsWorking(at)}, nil
		})
		c, err := process.NewBusinessCalendar(def, time.UTC)
		if err != nil {
			return
		}
		due := c.Add(at, 40*time.Hour)
		if got := c.Between(at, due); got != 40*time.Hour {
			t.Fatalf("Between(at, Add(at, 40h)) = %v", got)
		}
		_ = c.AddDays(at, 3)
		_ = c.IsWorking(at)
	})
}
