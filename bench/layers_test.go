// Package bench holds jsbench's library, one folder per stage of the
// pipeline: record, observe, lifecycle, storage, plan, simulate, runtime,
// analyze, render, measure. This file checks that the folders keep that
// shape.
package bench

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/jsbench/jsbench/"

// layers are the groups of bench/, lowest first. A package may import
// packages of its own group and of the groups below it, never above: the
// record schema and the log parser know nothing of runtimes, runtimes
// nothing of the sequencer that drives them, and nothing in bench/ of
// the commands in cmd/.
var layers = []string{"record", "observe", "lifecycle", "storage", "plan", "simulate", "runtime", "analyze", "render", "measure"}

// TestLayers checks every package under bench/ against layers, and that
// each sits in one of them.
func TestLayers(t *testing.T) {
	for pkg, imports := range listImports(t, "./...") {
		group := groupOf(pkg)
		if !strings.HasPrefix(pkg, module+"bench/") {
			continue
		}
		rank := slices.Index(layers, group)
		if rank < 0 {
			t.Errorf("%s is in no layer; put it in one of bench/{%s}", pkg, strings.Join(layers, ","))
			continue
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			if !strings.HasPrefix(imp, module+"bench/") {
				t.Errorf("%s imports %s, outside bench/", pkg, imp)
				continue
			}
			if r := slices.Index(layers, groupOf(imp)); r > rank {
				t.Errorf("%s (%s) imports %s, of the higher layer %s", pkg, group, imp, groupOf(imp))
			}
		}
	}
}

// TestNoProgramsInTheLibrary: programs live under cmd/.
func TestNoProgramsInTheLibrary(t *testing.T) {
	out := goList(t, "{{.ImportPath}} {{.Name}}", "./...")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		path, name, _ := strings.Cut(line, " ")
		if name == "main" && strings.HasPrefix(path, module+"bench/") {
			t.Errorf("%s is a program; move it under cmd/", path)
		}
	}
}

// TestAnalyzeIsPure: the statistics, comparison, noise and calibration
// packages take values and return values. They do no I/O of their own,
// read no clock, start nothing and link neither Docker, FUSE, Kubernetes'
// client nor a browser, so that report and compare run anywhere and
// every figure can be recomputed from results alone.
func TestAnalyzeIsPure(t *testing.T) {
	for pkg, imports := range listImports(t, "./analyze/...") {
		for _, imp := range imports {
			switch imp {
			case "os", "os/exec", "net", "net/http", "syscall", "io/fs":
				t.Errorf("%s imports %s: pure packages take values and return values", pkg, imp)
			}
		}
	}
	for _, dep := range strings.Fields(goList(t, "{{.ImportPath}}", "-deps", "./analyze/...")) {
		for _, heavy := range []string{"github.com/testcontainers/", "github.com/moby/", "github.com/docker/",
			"github.com/hanwen/go-fuse", "github.com/chromedp/", "github.com/go-echarts/", "k8s.io/"} {
			if strings.HasPrefix(dep, heavy) {
				t.Errorf("bench/analyze links %s", dep)
			}
		}
	}
	clocks := []string{"Now", "Since", "Until", "Sleep", "After", "AfterFunc", "Tick", "NewTimer", "NewTicker"}
	files, _ := filepath.Glob("analyze/*/*.go")
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "time" && slices.Contains(clocks, sel.Sel.Name) {
					t.Errorf("%s calls time.%s: time arrives as an argument", file, sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// groupOf is the layer of a package under bench/ ("" for others).
func groupOf(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, module+"bench/")
	if !ok {
		return ""
	}
	group, _, _ := strings.Cut(rest, "/")
	return group
}

// listImports maps each package matching pattern to its (non-test)
// imports.
func listImports(t *testing.T, pattern string) map[string][]string {
	t.Helper()
	out := goList(t, "{{.ImportPath}}:{{join .Imports \" \"}}", pattern)
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		m[pkg] = strings.Fields(imports)
	}
	return m
}

func goList(t *testing.T, format string, args ...string) string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-f", format}, args...)...).Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("go list: %v", err)
		}
		t.Skipf("go list: %v", err)
	}
	return string(out)
}
