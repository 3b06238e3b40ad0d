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
