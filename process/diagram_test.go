package process_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerops/partnerops/process"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file (run go test -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestDiagramsGolden(t *testing.T) {
	defs := append(process.Standard(), reviewDef())
	for _, d := range defs {
		t.Run(d.ID, func(t *testing.T) {
			w := process.MustCompile(d, process.WithCalendar(weekCal()), process.WithGuard("blocked", blocked))
			m, dot := w.Mermaid(), w.DOT()
			if !strings.HasPrefix(m, "stateDiagram-v2\n") || !strings.HasPrefix(dot, "digraph ") {
				t.Fatalf("bad diagram headers")
			}
			if m != w.Mermaid() || dot != w.DOT() {
				t.Fatalf("diagrams are not deterministic")
			}
			golden(t, d.ID+".mmd", m)
			golden(t, d.ID+".dot", dot)
		})
	}
}

func TestMarkdownGolden(t *testing.T) {
	w := compileStd(t, process.DealRegistration(process.DealRegistrationOptions{}))
	golden(t, "deal_registration.md", w.Markdown())
	rw := reviewWorkflow()
	golden(t, "review.md", rw.Markdown())
	at := utc(2026, 3, 6, 15, 0)
	in := dealUnderReview(t, w, at, at.Add(30*time.Minute))
	in, _, _ = w.Apply(in, process.Trigger{Event: "approve", Role: process.RoleChannelManager, Actor: "cam|lee", Reason: "clean"}, utc(2026, 3, 11, 9, 0))
	steps, _ := w.Steps(in, utc(2026, 3, 12, 0, 0))
	golden(t, "deal_registration_steps.md", process.RenderSteps(steps))
	golden(t, "deal_registration_history.md", process.RenderHistory(in.History))
}

func TestExplain(t *testing.T) {
	w := reviewWorkflow()
	mon := utc(2026, 3, 2, 10, 0)
	in, _, _ := w.Start("r1", process.Trigger{Data: process.Data{"amount": process.Int(1)}}, mon)
	in, _, _ = w.Apply(in, process.Trigger{Event: "submit"}, mon)
	held, _, _ := w.Apply(in, process.Trigger{Event: "hold"}, mon.Add(time.Hour))
	done, _, _ := w.Apply(in, process.Trigger{Event: "cancel"}, mon.Add(time.Hour))
	foreign := in
	foreign.State = "ghost"
	tests := []struct {
		name string
		in   process.Instance
		want string
	}{
		{"running with time left", in, "r1 is review (version 2), owned by reviewer, since 2026-03-02 10:00 UTC (30m).\n" +
			"SLA 16h business time: due 2026-03-04 10:00 UTC, 47h30m left; on breach: escalate to lead.\n" +
			"Next wake-up 2026-03-04 10:00 UTC: escalate to lead.\n" +
			"Waiting for approval by reviewer (in order).\n" +
			"Allowed events: approve, cancel, hold, reject, request_info.\n"},
		{"paused", held, "r1 is on_hold (version 3), owned by ops, since 2026-03-02 11:00 UTC (0s).\n" +
			"Paused step: review since 2026-03-02 11:00 UTC (was due 2026-03-04 10:00 UTC).\n" +
			"Allowed events: cancel, resume.\n"},
		{"terminal", done, "r1 is cancelled (version 3), a terminal state since 2026-03-02 11:00 UTC.\n"},
		{"foreign", foreign, "r1: state \"ghost\" is not part of workflow \"review\"\n"},
	}
	for _, tt := range tests {
		at := mon.Add(30 * time.Minute)
		if tt.name != "running with time left" {
			at = mon.Add(time.Hour)
		}
		if got := w.Explain(tt.in, at); got != tt.want {
			t.Errorf("%s: Explain =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
	if got := w.PendingApprovals(held, mon); got != nil {
		t.Errorf("PendingApprovals outside an approval state = %v", got)
	}
}
