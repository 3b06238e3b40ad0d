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
