// Package chartdir writes the charts an example program draws into the
// folder its user names with -charts DIR. The library itself never writes
// files: its renderers return bytes, and the host (here, the example)
// decides where they go.
package chartdir

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Dir is the -charts flag: the folder to write charts into, or "" to write
// none (the programs' text output is the same either way).
var Dir = flag.String("charts", "", "write the SVG and HTML charts into this folder")

// Write writes b as the file name inside *Dir, creating the folder, and
// reports the path on stderr. It does nothing when no folder was named.
func Write(name string, b []byte) error {
	if *Dir == "" {
		return nil
	}
	if err := os.MkdirAll(*Dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(*Dir, Name(name))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "wrote", path)
	return nil
}

// Name keeps a file name to letters, digits, dots, dashes and underscores.
func Name(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}
