package opstest_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/partnerops/partnerops"

// kits are the test kits: opstest and the pillars' runners.
var kits = map[string]bool{
	module + "/opstest":                   true,
	module + "/pricing/pricingtest":       true,
	module + "/pricing/payout/payouttest": true,
	module + "/strategy/fit/fittest":      true,
	module + "/process/processtest":       true,
	module + "/enablement/enablementtest": true,
}

// isKit reports whether an import path is a test kit: opstest or a
// pillar's "...test" runner built on it.
func isKit(path string) bool {
	return kits[path] || (strings.HasPrefix(path, module+"/") && strings.HasSuffix(path, "test"))
}

// The kits import only the standard library, the module, go-cmp and
// rapid, and the module's non-test code imports no kit: hosts pay for
// the kits only in their tests.
func TestKitImports(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || (strings.HasPrefix(name, ".") && name != "..") || name == "examples" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		rel, _ := filepath.Rel("..", filepath.Dir(p))
		pkg := module
		if rel != "." {
			pkg += "/" + filepath.ToSlash(rel)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case isKit(pkg):
				std := !strings.Contains(strings.Split(path, "/")[0], ".")
				if !std && path != module && !strings.HasPrefix(path, module+"/") && path != "github.com/google/go-cmp/cmp" && path != "pgregory.net/rapid" {
					t.Errorf("%s: the kit %s imports %s", p, pkg, path)
				}
			case isKit(path):
				t.Errorf("%s: %s imports the test kit %s", p, pkg, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d files checked: is the module root at ..?", files)
	}
}
