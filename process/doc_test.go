package process_test

import (
	"os"
	"strings"
	"testing"

	"github.com/partnerops/partnerops/process"
)

// TestDocDiagrams checks that doc.go shows the current Mermaid diagram of
// every standard workflow.
func TestDocDiagrams(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, d := range process.Standard() {
		w := compileStd(t, d)
		var block strings.Builder
		for _, line := range strings.Split(strings.TrimSuffix(w.Mermaid(), "\n"), "\n") {
			block.WriteString("//\t" + line + "\n")
		}
		if !strings.Contains(doc, block.String()) {
			t.Errorf("doc.go lacks the current diagram of %s; run go generate in process/", d.ID)
		}
	}
}

// TestDocDefinition checks that the JSON definition shown in doc.go
// parses, compiles without warnings and round-trips.
func TestDocDefinition(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var js strings.Builder
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case line == "//\t{":
			in = true
		case in && !strings.HasPrefix(line, "//\t"):
			in = false
		}
		if in {
			js.WriteString(strings.TrimPrefix(line, "//\t") + "\n")
		}
		if in && line == "//\t}" {
			break
		}
	}
	d, err := process.ParseDefinition([]byte(js.String()))
	if err != nil {
		t.Fatalf("doc.go's definition: %v\n%s", err, js.String())
	}
	w, err := process.Compile(d, process.WithCalendar(weekCal()))
	if err != nil {
		t.Fatalf("doc.go's definition does not compile: %v", err)
	}
	if ws := w.Warnings(); len(ws) > 0 {
		t.Errorf("doc.go's definition warns: %v", ws)
	}
}
