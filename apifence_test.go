package partnerops_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDecimalFence fails when an exported identifier of the module (a
// function's parameters or results, a struct's exported fields, a type's
// definition, an exported variable) names shopspring's decimal type: the
// API speaks partnerops.Decimal, Money and Percent only (issue 12).
// internal/ and examples/ are not part of the API and are skipped.
func TestDecimalFence(t *testing.T) {
	fset := token.NewFileSet()
	var leaks []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (name == "internal" || name == "examples" || name == "testdata" || strings.HasPrefix(name, ".") || name == "bench") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
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
			return nil
		}
		mentions := func(n ast.Node) bool {
			found := false
			if n == nil {
				return false
			}
			ast.Inspect(n, func(x ast.Node) bool {
				if sel, ok := x.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == local {
						found = true
					}
				}
				return !found
			})
			return found
		}
		report := func(n ast.Node, what string) {
			leaks = append(leaks, fset.Position(n.Pos()).String()+": "+what)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
					continue
				}
				if mentions(d.Type) {
					report(d, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						checkType(s.Type, s.Name.Name, mentions, func(what string) { report(s, what) })
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() && (mentions(s.Type) || len(s.Values) > 0 && mentions(s.Values[0])) {
								report(s, n.Name)
							}
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leaks {
		t.Errorf("exported API names shopspring decimal: %s", l)
	}
}

func exportedRecv(fl *ast.FieldList) bool {
	if len(fl.List) == 0 {
		return false
	}
	e := fl.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ix.X
	}
	id, ok := e.(*ast.Ident)
	return ok && id.IsExported()
}

func checkType(e ast.Expr, name string, mentions func(ast.Node) bool, report func(string)) {
	switch t := e.(type) {
	case *ast.StructType:
		for _, f := range t.Fields.List {
			exported := len(f.Names) == 0 // embedded fields are promoted
			for _, n := range f.Names {
				exported = exported || n.IsExported()
			}
			if exported && mentions(f.Type) {
				report(name + " field")
			}
		}
	case *ast.InterfaceType:
		if mentions(t) {
			report(name + " method")
		}
	default:
		if mentions(t) {
			report(name)
		}
	}
}
