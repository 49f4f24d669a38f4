package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures holds the real Jenkins logs shared beside the repository.
const fixtures = "../../../shared/fixtures/jenkins-logs"

// TestAnalyzeFullyUp checks the fully-up time analyze prints for every
// fixture that reaches fully up against the log's own timestamps (read
// by hand: the "fully up" line and the first timestamped line).
func TestAnalyzeFullyUp(t *testing.T) {
	tests := []struct {
		log     string
		at      string // the fully-up line's own timestamp
		after   string // minus the first timestamped line's
		afterMS float64
	}{
		{"01-docker-logs-2.426.2-setup-wizard.log", "2024-01-24 10:16:52.406 +0000", "9.135 s", 9135},
		{"02-docker-compose-v2-2.541.2-lf-prefixed-banner.log", "2026-02-28 03:00:20.845 +0000", "7.033 s", 7033},
		{"04-systemctl-status-2023-journal-tail.log", "2023-04-21 11:17:17.283 +0000", "0.049 s", 49},
		{"11-two-line-2.x-2016-tail-to-fully-up.log", "2016-05-23 09:44:43.000 +0000", "1.000 s", 1000},
		{"12-kubectl-logs-helm-eks-2.375.1-tabs-expanded.log", "2022-12-10 09:19:30.284 +0000", "19.955 s", 19955},
		{"13-japanese-1.441-winstone-2011-two-line.log", "2011-12-03 19:03:32.000 +0000", "16.000 s", 16000},
	}
	for _, tt := range tests {
		t.Run(tt.log, func(t *testing.T) {
			path := fixture(t, tt.log)
			out := analyze(t, 0, path)
			want := "fully up at " + tt.at + " (" + tt.after + " after the first timestamped line)"
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
			var report struct {
				Files []struct {
					Starts []struct {
						FullyUpMS *float64 `json:"fully_up_ms"`
					} `json:"starts"`
				} `json:"files"`
			}
			if err := json.Unmarshal([]byte(analyze(t, 0, "--json", path)), &report); err != nil {
				t.Fatal(err)
			}
			starts := report.Files[0].Starts
			if got := starts[len(starts)-1].FullyUpMS; got == nil || *got != tt.afterMS {
				t.Errorf("--json fully_up_ms = %v, want %v", got, tt.afterMS)
			}
		})
	}
}

func TestAnalyzeOptions(t *testing.T) {
	ja := fixture(t, "13-japanese-1.441-winstone-2011-two-line.log")
	if out := analyze(t, 0, "--tz", "Europe/Berlin", ja); !strings.Contains(out, "fully up at 2011-12-03 19:03:32.000 +0100") ||
		!strings.Contains(out, "read as Europe/Berlin") {
		t.Errorf("--tz Europe/Berlin not applied:\n%s", out)
	}
	gz := filepath.Join(t.TempDir(), "log.gz")
	writeGzip(t, gz, ja)
	if out := analyze(t, 0, gz); !strings.Contains(out, "fully up at 2011-12-03 19:03:32.000 +0000") {
		t.Errorf("gzip log not read:\n%s", out)
	}
	failed := fixture(t, "10-compose-permission-denied-jenkins-home-2022.log")
	out := analyze(t, 0, failed, ja)
	for _, want := range []string{"failure (permission_denied): Can not write to", "no: permission_denied", "16.000 s"} {
		if !strings.Contains(out, want) {
			t.Errorf("comparison output lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeUnusableInput(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"analyze", "no-such.log", "--tz", "UTC"}, &out, &errb)
	if code != exitUnusable || !strings.Contains(errb.String(), "no-such.log") {
		t.Errorf("missing file: exit %d, stderr %q", code, errb.String())
	}
	errb.Reset()
	code = run(context.Background(), []string{"analyze", "--tz", "Mars/Olympus", "x.log"}, &out, &errb)
	if code != exitUnusable || !strings.Contains(errb.String(), `"Mars/Olympus"`) {
		t.Errorf("bad zone: exit %d, stderr %q", code, errb.String())
	}
}

// TestAnalyzeHelpExamples runs the examples of `jsbench analyze --help`
// that name shared fixtures, so that they never rot.
func TestAnalyzeHelpExamples(t *testing.T) {
	fixture(t, "01-docker-logs-2.426.2-setup-wizard.log")
	for _, line := range strings.Split(analyzeExample, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "jsbench analyze") {
			continue
		}
		line, _, _ = strings.Cut(line, " > ") // the output goes to the test's buffer
		args := strings.Fields(strings.ReplaceAll(line, "../shared/", "../../../shared/"))[1:]
		analyze(t, 0, args[1:]...)
	}
}

func analyze(t *testing.T, wantCode int, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), append([]string{"analyze"}, args...), &out, &errb); code != wantCode {
		t.Fatalf("jsbench analyze %v: exit %d, stderr:\n%s", args, code, errb.String())
	}
	return out.String()
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(fixtures, name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("fixture missing (the shared folder lives beside the repository): %v", err)
	}
	return path
}

func writeGzip(t *testing.T, dst, src string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
