package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fuzzRecord is a complete record as `jsbench run` writes it, the seed
// the fuzzer mutates into hostile results files.
const fuzzRecord = `{"schema":"jsbench.run/v2","suite_id":"s","scenario":"small","subject":{"kind":"sim","simulated":true,"name":"jenkins-sim","runtime":"container"},"volume":{"name":"local","kind":"local"},"home":{"kind":"generated","jobs":10},"start":"cold","iteration":1,"warmup":false,"started_at":"2026-05-01T02:00:00Z","status":"ok","ready_ms":1000.5,"log_ready_ms":900,"http_ready_ms":1010,"cache_dropped":true,"events":[{"name":"fully_up","offset_ms":1000.5,"log_offset_ms":900}],"phases":[{"name":"pre_jvm","start_ms":0,"duration_ms":100},{"name":"fully_up","start_ms":100,"duration_ms":900.5}],"log_lines":40,"streamed_lines":40}`

// fuzzSeeds are results files of every shape the commands meet: good
// runs, failed runs, a killed run's empty file, a cut line, the summary.
func fuzzSeeds() []string {
	failed := strings.Replace(strings.Replace(fuzzRecord, `"status":"ok"`, `"status":"failed","reason":"exited"`, 1), `"volume":{"name":"local"`, `"volume":{"name":"nfs"`, 1)
	var six strings.Builder
	for i := 0; i < 6; i++ {
		six.WriteString(strings.Replace(fuzzRecord, `"ready_ms":1000.5`, `"ready_ms":100`+string(rune('0'+i)), 1) + "\n")
	}
	return []string{
		"",
		fuzzRecord + "\n",
		six.String(),
		six.String() + failed + "\n",
		fuzzRecord + "\n" + fuzzRecord[:80],
		"{\n  \"summaries\": []\n}\n",
		`{"schema":"jsbench.run/v1","ready_ms":-1}` + "\n",
	}
}

// formatNamesSorted lists the formats in a stable order for the fuzzer's
// index.
func formatNamesSorted() []string {
	var names []string
	for n := range renderers() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// runQuiet runs jsbench in-process with its output thrown away.
func runQuiet(args ...string) int {
	return run(context.Background(), args, io.Discard, io.Discard)
}

func writeFuzzFile(t *testing.T, dir, name string, data []byte) string {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// FuzzReportCommand feeds any bytes to `jsbench report` as a results
// file, in every format: it may exit 0 or 2 (unusable input), and must
// never panic.
func FuzzReportCommand(f *testing.F) {
	for i, seed := range fuzzSeeds() {
		f.Add([]byte(seed), uint8(i))
	}
	formats := formatNamesSorted()
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		file := writeFuzzFile(t, t.TempDir(), "results.jsonl", data)
		code := runQuiet("report", "--format", formats[int(format)%len(formats)], file)
		if code != exitOK && code != exitUnusable {
			t.Fatalf("report exited %d, want 0 or 2", code)
		}
	})
}

// FuzzCompareCommand feeds any two results files to `jsbench compare`:
// it may exit 0, 1 (regression) or 2 (unusable input), and must never
// panic.
func FuzzCompareCommand(f *testing.F) {
	seeds := fuzzSeeds()
	for i, base := range seeds {
		for j, cur := range seeds {
			if i == j || i == 2 || j == 2 {
				f.Add([]byte(base), []byte(cur), uint8(i+j))
			}
		}
	}
	formats := formatNamesSorted()
	f.Fuzz(func(t *testing.T, base, cur []byte, format uint8) {
		dir := t.TempDir()
		b, c := writeFuzzFile(t, dir, "base.jsonl", base), writeFuzzFile(t, dir, "new.jsonl", cur)
		code := runQuiet("compare", "--format", formats[int(format)%len(formats)], b, c)
		// Fuzzed records carry no host figures, so nothing is inconclusive
		// (3); a failed run among the new ones with no regression is 4.
		if code != exitOK && code != exitRegression && code != exitUnusable && code != exitRunsFailed {
			t.Fatalf("compare exited %d, want 0, 1, 2 or 4", code)
		}
	})
}
