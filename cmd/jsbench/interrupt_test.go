package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestReadOnlyCommandsStopAtTheFirstInterrupt gives analyze, report and
// compare an input that never ends (a named pipe whose
// writer stays open, as a `tail -f` would) and sends one SIGINT or
// SIGTERM: each must exit 130 at once, with no second signal.
func TestReadOnlyCommandsStopAtTheFirstInterrupt(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	good := writeSuite(t, filepath.Join(t.TempDir(), "good"), 1, 6, 1000, "local")
	record := firstLine(t, filepath.Join(good, "results.jsonl"))
	tests := []struct {
		name    string
		args    func(pipe string) []string
		content string
	}{
		{"analyze", func(p string) []string { return []string{"analyze", p} }, extractRecord},
		{"analyze --format html", func(p string) []string { return []string{"analyze", "--format", "html", p} }, extractRecord},
		{"report", func(p string) []string { return []string{"report", p} }, record},
		{"report --format junit", func(p string) []string { return []string{"report", "--format", "junit", p} }, record},
		{"compare", func(p string) []string { return []string{"compare", good, p} }, record},
	}
	for _, tt := range tests {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(tt.name+"/"+sig.String(), func(t *testing.T) {
				pipe := filepath.Join(t.TempDir(), "results.jsonl")
				if err := syscall.Mkfifo(pipe, 0o600); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(jsbench, tt.args(pipe)...)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
				w.WriteString(tt.content)
				// Signal once the command reads: one sent before the
				// handler is installed would end it with another status.
				time.Sleep(500 * time.Millisecond)
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				if code := exitCodeWithin(t, cmd, 30*time.Second); code != exitInterrupted {
					t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, out.String())
				}
				if strings.Contains(out.String(), "interrupted twice") {
					t.Errorf("it took a second signal:\n%s", out.String())
				}
			})
		}
	}
}

const extractRecord = "2026-12-02 10:00:00.000+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file\n"
