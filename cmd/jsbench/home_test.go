package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHomeGenerateExample runs the command's --help example, into a
// temporary directory, and checks the home it wrote is the same for the
// same seed.
func TestHomeGenerateExample(t *testing.T) {
	root := newRootCommand(context.Background(), &bytes.Buffer{}, &bytes.Buffer{})
	cmd, _, err := root.Find([]string{"home", "generate"})
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(cmd.Example)[1:]
	var outputs []string
	for _, dir := range []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")} {
		args[len(args)-1] = dir
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		if _, err := os.Stat(filepath.Join(dir, "jobs")); err != nil {
			t.Errorf("no jobs/ in the generated home: %v", err)
		}
		outputs = append(outputs, strings.TrimPrefix(stdout.String(), dir))
	}
	if outputs[0] != outputs[1] {
		t.Errorf("same seed, different homes: %q and %q", outputs[0], outputs[1])
	}
}
