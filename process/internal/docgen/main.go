// Command docgen refreshes the Mermaid diagrams of the standard workflows
// in process/doc.go. Each diagram block (doc comment lines starting with
// a tab, from "stateDiagram-v2" on) is replaced by the current diagram of
// the workflow named in its "%% Name" line. Run it with go generate in
// the process directory; TestDocDiagrams fails when the diagrams are
// stale.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerops/partnerops/process"
)

func main() {
	if err := run("doc.go"); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	cal, err := process.NewBusinessCalendar(process.CalendarDef{}, time.UTC)
	if err != nil {
		return err
	}
	diagrams := map[string]string{}
	for _, d := range process.Standard() {
		w, err := process.Compile(d, process.WithCalendar(cal))
		if err != nil {
			return err
		}
		diagrams[d.Name] = w.Mermaid()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if lines[i] != "//\tstateDiagram-v2" {
			out = append(out, lines[i])
			continue
		}
		j := i + 1
		for j < len(lines) && strings.HasPrefix(lines[j], "//\t") {
			j++
		}
		name := ""
		if i+1 < j {
			name = strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(lines[i+1], "//\t")), "%% ")
		}
		m, ok := diagrams[name]
		if !ok {
			return fmt.Errorf("%s:%d: diagram names no standard workflow (%q)", path, i+1, name)
		}
		for _, l := range strings.Split(strings.TrimSuffix(m, "\n"), "\n") {
			out = append(out, "//\t"+l)
		}
		i = j - 1
	}
	return os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644)
}
