package container

import (
	"debug/elf"
	"fmt"
	"strings"
)

// checkStatic refuses an executable that needs a dynamic loader: an image
// FROM scratch has none, so the container could never start it and every
// run would fail with "exec …: no such file or directory". `go build`
// links dynamically when cgo is on (the default with a C compiler about)
// and the program uses net or os/user, as the simulated controller does.
func checkStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("read simulated controller %q: %w (want the Linux executable `make build` writes to bin/jenkins-sim)", path, err)
	}
	defer f.Close()
	var needs []string
	for _, p := range f.Progs {
		if p.Type != elf.PT_INTERP {
			continue
		}
		interp := make([]byte, p.Filesz)
		if _, err := p.ReadAt(interp, 0); err == nil {
			needs = append(needs, strings.TrimRight(string(interp), "\x00"))
		}
	}
	if libs, err := f.ImportedLibraries(); err == nil {
		needs = append(needs, libs...)
	}
	if len(needs) == 0 {
		return nil
	}
	return fmt.Errorf("simulated controller %q is dynamically linked (it needs %s), which its FROM-scratch image cannot run: build it static with CGO_ENABLED=0 go build -o %s ./cmd/jenkins-sim (or make build)",
		path, strings.Join(needs, ", "), path)
}
