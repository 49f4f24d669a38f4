package analysis

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

const fixtures = "../../../../shared/fixtures/jenkins-logs"

func parse(t *testing.T, name string) Log {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatalf("fixture missing (the shared folder lives beside the repository): %v", err)
	}
	defer f.Close()
	r, err := jenkinslog.Parse(f, jenkinslog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Log{Name: name, Result: r}
}

func TestRenderText(t *testing.T) {
	report := Build([]Log{parse(t, "01-docker-logs-2.426.2-setup-wizard.log"), parse(t, "06-chinese-windows-console-2015-two-line.log")})
	var out bytes.Buffer
	if err := RenderText(&out, report); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"01-docker-logs-2.426.2-setup-wizard.log: 42 lines, 1 start",
		"start 1 (lines 1-42), Jenkins 2.426.2: fully up",
		"fully up at 2024-01-24 10:16:52.406 +0000 (9.135 s after the first timestamped line)",
		"first timestamped line at 2024-01-24 10:16:43.271 +0000, timed by Jenkins's own timestamps (1ms)",
		"timed by Jenkins's own timestamps (1s)",
		"│ completed_initialization           │    1.617 s │  7.510 s │",
		"timestamps without a zone were read as UTC",
		"failure (incomplete): log ended before fully up",
		"warning (line 3): one-second timestamps",
		"no: incomplete",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// TestRenderJSON pins the JSON field names, which scripts depend on.
func TestRenderJSON(t *testing.T) {
	report := Build([]Log{parse(t, "05-k8s-helm-gke-2.277.3-boot-failure.log"), parse(t, "12-kubectl-logs-helm-eks-2.375.1-tabs-expanded.log")})
	var out bytes.Buffer
	if err := RenderJSON(&out, report); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string `json:"schema"`
		Files  []struct {
			Starts []map[string]json.RawMessage `json:"starts"`
		} `json:"files"`
		Comparison []map[string]json.RawMessage `json:"comparison"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || len(doc.Files) != 2 || len(doc.Comparison) != 2 {
		t.Fatalf("schema %q, %d files, %d columns", doc.Schema, len(doc.Files), len(doc.Comparison))
	}
	failed, up := doc.Files[0].Starts[0], doc.Files[1].Starts[0]
	for key, start := range map[string]map[string]json.RawMessage{
		"failure": failed, "phases": failed, "events": failed, "total_ms": failed,
		"fully_up_ms": up, "fully_up_at": up, "origin": up, "version": up,
	} {
		if _, ok := start[key]; !ok {
			t.Errorf("start has no %q: %v", key, start)
		}
	}
	if got := string(up["fully_up_ms"]); got != "19955" {
		t.Errorf("fully_up_ms = %s, want 19955", got)
	}
	var phases bytes.Buffer
	if err := json.Compact(&phases, failed["phases"]); err != nil || !strings.Contains(phases.String(), `"duration_ms":11247`) {
		t.Errorf("phases lack prepared_all_plugins's 11247 ms: %s", phases.String())
	}
	if got := string(doc.Comparison[0]["failure"]); got != `"plugin_failure"` {
		t.Errorf("comparison failure = %s", got)
	}
}
