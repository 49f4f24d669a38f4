package jenkinslog

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsStayPure keeps the parser free of Docker, FUSE and any other
// module: it imports the standard library only, and none of the packages
// that reach the outside world by themselves.
func TestImportsStayPure(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	forbidden := map[string]bool{"os": true, "os/exec": true, "net": true, "net/http": true, "syscall": true, "log": true}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(strings.Split(path, "/")[0], ".") || forbidden[path] {
				t.Errorf("%s imports %q: the parser must stay pure (standard library, no I/O of its own)", name, path)
			}
		}
	}
}
