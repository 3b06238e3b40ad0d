package process_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestNoDecimalInAPI is the decimal fence (issue 12): no exported
// function, method, type, field, variable or constant of the package
// names shopspring's decimal types; hosts see partnerops.Decimal only.
func TestNoDecimalInAPI(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		local := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "github.com/shopspring/decimal" {
				local = "decimal"
				if imp.Name != nil {
					local = imp.Name.Name
				}
			}
		}
		if local == "" {
			continue
		}
		mentions := func(n ast.Node) bool {
			found := false
			ast.Inspect(n, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == local {
						found = true
					}
				}
				return !found
			})
			return found
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && mentions(d.Type) {
					t.Errorf("%s: %s exposes shopspring decimal", name, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fld := range st.Fields.List {
								exported := len(fld.Names) == 0
								for _, n := range fld.Names {
									exported = exported || n.IsExported()
								}
								if exported && mentions(fld.Type) {
									t.Errorf("%s: a field of %s exposes shopspring decimal", name, s.Name.Name)
								}
							}
						} else if mentions(s.Type) {
							t.Errorf("%s: %s exposes shopspring decimal", name, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() && s.Type != nil && mentions(s.Type) {
								t.Errorf("%s: %s exposes shopspring decimal", name, n.Name)
							}
						}
					}
				}
			}
		}
	}
}
