package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportHTML renders the page for two volumes drawn from the same
// distribution: the page must name no winner between them.
func TestReportHTML(t *testing.T) {
	dir := t.TempDir()
	cur := writeSuite(t, filepath.Join(dir, "results"), 1, 6, 20000, "local", "nfs")
	history := filepath.Join(dir, "history")
	older := writeSuite(t, filepath.Join(dir, "older"), 2, 6, 24000, "local", "nfs")
	if code, _, errOut := runCLI("baseline", "accept", older, "--dir", history, "--label", "nightly"); code != 0 {
		t.Fatalf("baseline accept: exit %d: %s", code, errOut)
	}
	config := `{"config":[{"key":"docker","value":"20.10.24"}]}`
	if err := os.WriteFile(filepath.Join(cur, "results.json"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"page", []string{"report", "--format", "html", cur}, 0,
			[]string{"<!DOCTYPE html>", "No fastest storage can be named", "20.10.24", `id="s1-waterfall"`}},
		{"with history", []string{"report", "--format", "html", "--history", history, cur}, 0,
			[]string{`id="s1-trend"`, "nightly"}},
		{"history without html", []string{"report", "--history", history, cur}, exitUnusable,
			[]string{"use it with --format html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out+errOut, w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
}
