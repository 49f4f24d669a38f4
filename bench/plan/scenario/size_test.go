package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileSizeIsBounded: a scenario file larger than MaxFileBytes is
// refused before it is parsed, naming the limit; one of many problems
// prints the first and counts the rest.
func TestFileSizeIsBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	head := "version: 1\nname: big\nsubject: {kind: sim}\nhome: {kind: empty}\nvolumes: [{name: a, kind: local}]\n"
	if err := os.WriteFile(big, []byte(head+"description: "+strings.Repeat("x", 3<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(big, testRuntimes)
	var perr *Error
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), big+": the file holds 3.0 MiB, above the limit of 1024 KiB for a scenario file") {
		t.Errorf("Load = %v", err)
	}
	var b strings.Builder
	b.WriteString(head)
	for i := range 50000 {
		fmt.Fprintf(&b, "k%05d: 1\n", i)
	}
	many := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(many, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(many, testRuntimes)
	msg := err.Error()
	if n := strings.Count(msg, "\n") + 1; n != shownProblems+1 || !strings.Contains(msg, "… and 49980 more problems not shown (50000 in all): fix these first") ||
		!strings.HasPrefix(msg, many+`:6:1: k00000: unknown field "k00000"`) {
		t.Errorf("%d lines, ending %q", n, msg[max(0, len(msg)-200):])
	}
}
