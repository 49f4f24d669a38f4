package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/internal/testenv"
)

// shapes holds the logs written for the ways production logs hold
// restarts (see bench/observe/jenkinslog/shapes_test.go).
const shapes = "../../bench/observe/jenkinslog/testdata/shapes"

// TestAnalyzeSummarisesManyStarts runs the real jsbench analyze on a log
// of 20,000 starts: every format must summarise (the first and last
// starts in detail, the first and last history rows, totals over all),
// never list them all.
func TestAnalyzeSummarisesManyStarts(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	log := filepath.Join(t.TempDir(), "restart-loop.log")
	writeFile(t, log, restartLoop(20000))
	text := runBinary(t, jsbench, 0, "analyze", log)
	for _, want := range []string{"restart-loop.log: 60000 lines, 20000 starts", "restart history: 20000 starts, 20000 fully up, 0 failed",
		"19980 starts not listed", "in detail: starts 1-5, 19996-20000; the other 19990 starts are in the restart history only",
		"down (last line of a start that was up to the next fully up): 19999 outages, median about"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if n := strings.Count(text, "\n"); n > 400 {
		t.Errorf("text of %d lines for 20,000 starts", n)
	}
	var doc struct {
		Files []struct {
			StartCount int               `json:"start_count"`
			Starts     []json.RawMessage `json:"starts"`
			History    struct {
				First, Last, Longest []json.RawMessage
			} `json:"history"`
		} `json:"files"`
	}
	out := runBinary(t, jsbench, 0, "analyze", "--format", "json", log)
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Files[0]
	if f.StartCount != 20000 || len(f.Starts) != 10 || len(f.History.First) != 10 || len(f.History.Last) != 10 {
		t.Errorf("json: %d starts, %d kept, %d+%d rows", f.StartCount, len(f.Starts), len(f.History.First), len(f.History.Last))
	}
	if html := runBinary(t, jsbench, 0, "analyze", "--format", "html", log); len(html) > 1<<20 || !strings.Contains(html, "19980 starts not listed") {
		t.Errorf("html of %d bytes, or without the unlisted starts", len(html))
	}
}

// restartLoop is a log of n starts, each up 5 s after its first line and
// followed by the next 1 to 999 s later.
func restartLoop(n int) string {
	var b strings.Builder
	at := time.Date(2024, 4, 19, 0, 0, 0, 0, time.UTC)
	for i := range n {
		at = at.Add(time.Duration(1+i%999) * time.Second)
		fmt.Fprintf(&b, "Running from: /usr/share/jenkins/jenkins.war\n%s [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file\n", at.Format("2006-01-02 15:04:05.000-0700"))
		at = at.Add(5 * time.Second)
		fmt.Fprintf(&b, "%s [id=22]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running\n", at.Format("2006-01-02 15:04:05.000-0700"))
	}
	return b.String()
}

// TestAnalyzeUnpackLimit gives analyze a gzip that unpacks past the limit
// it was given: exit 2, the limit named, and how to raise it.
func TestAnalyzeUnpackLimit(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte(extractRecord), (8<<20)/len(extractRecord)))
	zw.Close()
	path := filepath.Join(t.TempDir(), "jenkins.log.1.gz")
	writeFile(t, path, gz.String())
	stderr := runBinary(t, jsbench, exitUnusable, "analyze", "--max-bytes", "1Mi", path)
	if !strings.Contains(stderr, "log unpacks past its limit of 1.0 MiB (the limit given): if the log is trusted, raise --max-bytes (-1: no limit)") {
		t.Errorf("stderr %q", stderr)
	}
	runBinary(t, jsbench, 0, "analyze", "--max-bytes", "-1", path)
	runBinary(t, jsbench, exitUnusable, "analyze", "--max-bytes", "lots", path)
}

// TestAnalyzeRestartShapes runs the real binary on the shape logs:
// plugin batches in a running JVM are no starts, a Windows service's
// restart with no shutdown and no "Running from:" begins at the new
// JVM's "Logging initialized", a viewer's glued dates are dropped.
func TestAnalyzeRestartShapes(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	tests := []struct {
		log  string
		want []string
	}{
		{"wizard-plugin-batches.log", []string{"wizard-plugin-batches.log: 71 lines, 1 start", "start 1 (lines 1-71), Jenkins 2.440.1: fully up",
			"the init reactor ran 2 times more in this JVM, first at line 44"}},
		{"windows-service-killed.err.log", []string{"2 starts, 2 fully up, 0 failed; ended: 1 killed or crashed, no shutdown line, 1 log ends",
			"│     2 │ 2021-06-02 16:09:12.004 +0000 │ killed               │ 6 min 26 s │ 6 min 35 s │ up in 9.236 s  │",
			"│ launch                             │    0.000 s │  0.243 s │"}},
		{"glued-viewer-date-en-us.log", []string{"2 starts, 2 fully up", "killed after an OutOfMemoryError (line 24)",
			"fully up at 2025-02-11 11:48:08.020 +0000 (9.800 s after the first timestamped line)"}},
	}
	for _, tt := range tests {
		t.Run(tt.log, func(t *testing.T) {
			out := runBinary(t, jsbench, 0, "analyze", filepath.Join(shapes, tt.log))
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestAnalyzeHTMLEscapesLogText: log text is shown, never run.
func TestAnalyzeHTMLEscapesLogText(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	log := filepath.Join(t.TempDir(), "x.log")
	writeFile(t, log, extractRecord+"2026-12-02 10:00:01.000+0000 [id=9]\tSEVERE\thudson.util.BootFailure#publish: Failed to initialize Jenkins <script>alert(1)</script>\n")
	html := runBinary(t, jsbench, 0, "analyze", "--format", "html", log)
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("log text not escaped:\n%s", html)
	}
	if _, err := os.Stat(log); err != nil {
		t.Fatal(err)
	}
}
