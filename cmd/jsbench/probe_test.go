package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestProbeExamples runs every example of `jsbench probe --help`.
func TestProbeExamples(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, line := range strings.Split(newProbeCommand(env{}).Example, "\n") {
		args := strings.Fields(line)[1:] // drop "jsbench"
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if strings.Contains(line, "--profile") {
				testenv.RequireRoot(t)
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if strings.Contains(line, "--json") {
				var out probeOutput
				if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || len(out.Ops) == 0 || out.Injected == nil {
					t.Errorf("JSON output %s: %v", stdout.String(), err)
				}
			} else if !strings.Contains(stdout.String(), "open_read") {
				t.Errorf("table output lacks the open_read row:\n%s", stdout.String())
			}
		})
	}
}

func TestProbeUnknownProfileIsUnusable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"probe", t.TempDir(), "--profile", "nfs-wan"}, &stdout, &stderr)
	if code != exitUnusable || !strings.Contains(stderr.String(), "nfs-lan") {
		t.Errorf("exit %d, stderr %q; want %d and the known profiles", code, stderr.String(), exitUnusable)
	}
}
