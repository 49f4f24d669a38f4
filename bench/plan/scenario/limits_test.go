package scenario

import (
	"errors"
	"strings"
	"testing"
)

func problemsOf(t *testing.T, yaml string) []Problem {
	t.Helper()
	_, err := Parse("scenarios/bad.yaml", []byte(yaml), testRuntimes)
	var perr *Error
	if err == nil {
		return nil
	}
	if !errors.As(err, &perr) {
		t.Fatalf("Parse error %v is not an *Error", err)
	}
	return perr.Problems
}

// checkProblems compares problems by position, field and the start of
// the message (Value is left out).
func checkProblems(t *testing.T, got, want []Problem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(got), len(want), (&Error{Problems: got}).Error())
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.Line || g.Column != w.Column || g.Field != w.Field || !strings.HasPrefix(g.Message, w.Message) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, g, w)
		}
	}
}

func TestLimits(t *testing.T) {
	home := "home: {kind: generated, jobs: %s, builds_per_job: 2}\n"
	tests := []struct {
		name string
		yaml string
		want []Problem // only Line, Column, Field and the start of Message are compared
	}{
		{"the issue's home", valid + strings.Replace(home, "%s", "1000000000000", 1), []Problem{
			at(5, 31, "home.jobs", "", `1000000000000 jobs is above the limit of 100000 jobs (about 16 KiB a job); if you mean it, raise the limit in the scenario: "limits: {jobs: 1000000000000}"`),
			at(5, 62, "home.builds_per_job", "", `2000000000000 builds is above the limit of 1000000`)}},
		{"at the limit", valid + strings.Replace(home, "%s", "100000", 1), nil},
		{"raised", valid + strings.Replace(home, "%s", "200000", 1) + "limits: {jobs: 200000}\n", nil},
		{"raised too little", valid + strings.Replace(home, "%s", "200000", 1) + "limits: {jobs: 150000}\n", []Problem{
			at(5, 31, "home.jobs", "", `200000 jobs is above the limit of 150000`)}},
		{"runs", valid + "runs: 1000000000\n", []Problem{
			at(5, 7, "runs", "", `1000000000 runs is above the limit of 1000`),
			at(5, 7, "runs", "", `1000000000 starts is above the limit of 10000`)}},
		{"starts without runs", strings.Replace(valid, "[{name: local, kind: local}]", "[{name: a, kind: local}, {name: b, kind: local}]", 1) + "warmup: 100\nlimits: {starts: 100}\n", []Problem{
			at(4, 10, "volumes", "", `210 starts is above the limit of 100`)}},
		{"sim war", strings.Replace(valid, "{kind: sim}", "{kind: sim, sim: {war_mb: 100000}}", 1), []Problem{
			at(3, 36, "subject.sim.war_mb", "", `100000 MB is above the limit of 4096 MB (the war is extracted into every home)`)}},
		{"unknown limit", valid + "limits: {jobz: 5}\n", []Problem{
			at(5, 10, "limits.jobz", "jobz", `unknown field "jobz"; known fields: jobs, builds_per_job`)}},
		{"limit not a number", valid + "limits: {runs: lots}\n", []Problem{
			at(5, 16, "limits.runs", "lots", `want a whole number, got "lots"`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, problemsOf(t, tt.yaml), tt.want) })
	}
}

func TestEncodingProblemsHavePositions(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []Problem
	}{
		{"NUL byte", valid + "description: \"ab\x00c\"\n", []Problem{
			at(5, 17, "", "", "NUL byte; a scenario file is text")}},
		{"invalid UTF-8", valid + "description: caf\xe9 au lait\n", []Problem{
			at(5, 17, "", "", "invalid UTF-8 byte 0xe9; save the file as UTF-8")}},
		{"control character", "version: 1\x01\n", []Problem{
			at(1, 11, "", "", "control character U+0001 is not allowed in YAML")}},
		{"after multi-byte characters", valid + "description: déjà\x7f\n", []Problem{
			at(5, 18, "", "", "control character U+007F")}},
		{"a binary file", strings.Repeat("\x00", 100), []Problem{
			at(1, 1, "", "", "NUL byte"), at(1, 2, "", "", "NUL byte"), at(1, 3, "", "", "NUL byte"),
			at(1, 4, "", "", "NUL byte"), at(1, 5, "", "", "NUL byte"), at(0, 0, "", "", "95 more encoding problems not listed")}},
		{"tabs and carriage returns are text", strings.ReplaceAll(valid, "\n", "\r\n") + "description: \"a\tb\"\r\n", nil},
		{"a byte-order mark is text", "\ufeff" + valid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, problemsOf(t, tt.yaml), tt.want) })
	}
}
