package scenario

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/storage/volume"
)

// at builds the problem expected in scenarios/bad.yaml.
func at(line, column int, field, value, message string) Problem {
	return Problem{File: "scenarios/bad.yaml", Line: line, Column: column, Field: field, Value: value, Message: message}
}

// volumeKinds lists the volume kinds in messages; it grows with bench/storage/volume.
var volumeKinds = strings.Join(volume.Kinds(), ", ")

// valid is a minimal good scenario; cases append to it or replace it.
const valid = `version: 1
name: bad
subject: {kind: sim}
volumes: [{name: local, kind: local}]
`

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []Problem
	}{
		{"unknown top-level field", valid + "colour: red\n", []Problem{
			at(5, 1, "colour", "colour", `unknown field "colour"; known fields: version, name, description, subject, home, volumes, runs, warmup, timeout, start, cache, min_runs, max_runs, precision, rto, reference, budget, limits, kubernetes, failover, survive`)}},
		{"unknown subject field", strings.Replace(valid, "{kind: sim}", "{kind: sim, colour: red}", 1), []Problem{
			at(3, 22, "subject.colour", "colour", `unknown field "colour"; known fields: kind, runtime, env, cpu, memory, sim, calibrate`)}},
		{"wrong type", valid + `runs: "five"` + "\n", []Problem{
			at(5, 7, "runs", "five", `want a whole number, got "five"`)}},
		{"float where a whole number belongs", valid + "warmup: 1.5\n", []Problem{
			at(5, 9, "warmup", "1.5", "want a whole number, got 1.5")}},
		{"runs zero", valid + "runs: 0\n", []Problem{
			at(5, 7, "runs", "0", "want at least 1, got 0")}},
		{"negative timeout", valid + "timeout: -1s\n", []Problem{
			at(5, 10, "timeout", "-1s", `want a positive duration such as 90s, 10m or 1h30m, got "-1s"`)}},
		{"timeout not a duration", valid + "timeout: banana\n", []Problem{
			at(5, 10, "timeout", "banana", `want a positive duration such as 90s, 10m or 1h30m, got "banana"`)}},
		{"timeout without unit", valid + "timeout: 300\n", []Problem{
			at(5, 10, "timeout", "300", "want a positive duration such as 90s, 10m or 1h30m, got 300")}},
		{"rto not positive", valid + "rto: 0s\n", []Problem{
			at(5, 6, "rto", "0s", `want a positive duration such as 90s, 10m or 1h30m, got "0s"`)}},
		{"unknown start mode", valid + "start: warm\n", []Problem{
			at(5, 8, "start", "warm", `unknown start mode "warm"; known modes: cold, restart`)}},
		{"unsupported version", strings.Replace(valid, "version: 1", "version: 2", 1), []Problem{
			at(1, 10, "version", "2", "unsupported version 2; this jsbench reads version 1")}},
		{"missing version", strings.Replace(valid, "version: 1\n", "", 1), []Problem{
			at(1, 1, "version", "", `missing field; start the file with "version: 1"`)}},
		{"bad name", strings.Replace(valid, "name: bad", "name: Local_Disk!", 1), []Problem{
			at(2, 7, "name", "Local_Disk!", `invalid name "Local_Disk!"; use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit`)}},
		{"number as name", strings.Replace(valid, "name: bad", "name: 2024", 1), []Problem{
			at(2, 7, "name", "2024", `want a string, got 2024; put it in quotes: "2024"`)}},
		{"duplicate key", valid + "runs: 3\nruns: 4\n", []Problem{
			at(6, 1, "runs", "runs", `duplicate key "runs"; first at line 5`)}},
		{"unknown subject kind", strings.Replace(valid, "kind: sim", "kind: vm", 1), []Problem{
			at(3, 17, "subject.kind", "vm", `unknown subject kind "vm"; known kinds: sim, image, war`)}},
		{"missing subject", strings.Replace(valid, "subject: {kind: sim}\n", "", 1), []Problem{
			at(1, 1, "subject", "", `missing field; say what to start, e.g. "subject: {kind: sim}"`)}},
		{"image options on a sim subject", `version: 1
name: bad
subject:
  kind: sim
  image: jenkins/jenkins:lts
  java_opts: -Xmx1g
volumes: [{name: local, kind: local}]
`, []Problem{
			at(5, 3, "subject.image", "image", `field "image" is for image subjects only, not sim; a sim subject takes: kind, runtime, env, cpu, memory, sim, calibrate`),
			at(6, 3, "subject.java_opts", "java_opts", `field "java_opts" is for image and war subjects only, not sim; a sim subject takes: kind, runtime, env, cpu, memory, sim, calibrate`)}},
		{"war without war path", strings.Replace(valid, "{kind: sim}", "{kind: war}", 1), []Problem{
			at(3, 10, "subject.war", "", `missing field; a war subject needs the path of a jenkins.war, e.g. "war: jenkins.war"`)}},
		{"war in a container", strings.Replace(valid, "{kind: sim}", "{kind: war, war: j.war, runtime: container}", 1), []Problem{
			at(3, 43, "subject.runtime", "container", "a war subject runs as a process; to run Jenkins in a container use kind: image")}},
		{"image as a process", strings.Replace(valid, "{kind: sim}", "{kind: image, runtime: process}", 1), []Problem{
			at(3, 33, "subject.runtime", "process", "an image subject runs in a container; to run a jenkins.war as a process use kind: war")}},
		{"limits on a process", strings.Replace(valid, "{kind: sim}", "{kind: sim, runtime: process, cpu: 2}", 1), []Problem{
			at(3, 40, "subject.cpu", "cpu", "cpu limits a container; the process runtime has no limits (remove it or use runtime: container)")}},
		{"bad cpu", strings.Replace(valid, "{kind: sim}", "{kind: sim, cpu: two}", 1), []Problem{
			at(3, 27, "subject.cpu", "two", `want a CPU count of at least 1m, such as 2, 1.5 or 500m, got "two"`)}},
		{"zero cpu", strings.Replace(valid, "{kind: sim}", "{kind: sim, cpu: 0m}", 1), []Problem{
			at(3, 27, "subject.cpu", "0m", `want a CPU count of at least 1m, such as 2, 1.5 or 500m, got "0m"`)}},
		{"bad memory", strings.Replace(valid, "{kind: sim}", "{kind: sim, memory: 4GB}", 1), []Problem{
			at(3, 30, "subject.memory", "4GB", `want a memory size such as 512Mi, 4Gi or 1.5G, got "4GB"`)}},
		{"memory in bytes by mistake", strings.Replace(valid, "{kind: sim}", "{kind: sim, memory: 4}", 1), []Problem{
			at(3, 30, "subject.memory", "4", `want at least 6Mi, Docker's smallest limit, got 4; a plain number is bytes: did you mean "4Gi"?`)}},
		{"bad environment", strings.Replace(valid, "{kind: sim}", "{kind: sim, env: {1A: x, B: }}", 1), []Problem{
			at(3, 28, "subject.env.1A", "1A", `invalid variable name "1A"; use letters, digits and '_', not starting with a digit`),
			at(3, 38, "subject.env.B", "", `want a value, got nothing; write B: "" for an empty one`)}},
		{"JAVA_OPTS twice", strings.Replace(valid, "{kind: sim}", "{kind: image, java_opts: -Xmx1g, env: {JAVA_OPTS: -Xmx2g}}", 1), []Problem{
			at(3, 49, "subject.env.JAVA_OPTS", "JAVA_OPTS", "JAVA_OPTS is set by java_opts too; keep one")}},
		{"unknown sim setting", strings.Replace(valid, "{kind: sim}", "{kind: sim, sim: {threads: 4, war_mb: 0}}", 1), []Problem{
			at(3, 28, "subject.sim.threads", "threads", `unknown field "threads"; known fields: war_entries, war_mb, reactor_threads, webroot`),
			at(3, 48, "subject.sim.war_mb", "0", "want at least 1, got 0")}},
		{"unknown webroot layout", strings.Replace(valid, "{kind: sim}", "{kind: sim, sim: {webroot: tmp}}", 1), []Problem{
			at(3, 37, "subject.sim.webroot", "tmp", `unknown webroot layout "tmp"; known layouts: home, cache`)}},
		{"unknown home kind", valid + "home: {kind: cloned}\n", []Problem{
			at(5, 14, "home.kind", "cloned", `unknown home kind "cloned"; known kinds: empty, generated, dir`)}},
		{"dir home without dir", valid + "home: {kind: dir, jobs: 3}\n", []Problem{
			at(5, 7, "home.dir", "", `missing field; a dir home needs the directory to copy, e.g. "dir: homes/big"`),
			at(5, 19, "home.jobs", "jobs", `field "jobs" is for generated homes only, not dir; a dir home takes: kind, dir`)}},
		{"negative jobs", valid + "home: {kind: generated, jobs: -1}\n", []Problem{
			at(5, 31, "home.jobs", "-1", "want at least 0, got -1")}},
		{"no volumes", strings.Replace(valid, "volumes: [{name: local, kind: local}]\n", "", 1), []Problem{
			at(1, 1, "volumes", "", `missing field; list at least one volume, e.g. "volumes: [{name: local, kind: local}]"`)}},
		{"empty volumes", strings.Replace(valid, "[{name: local, kind: local}]", "[]", 1), []Problem{
			at(4, 10, "volumes", "", "empty list; a scenario needs at least one volume")}},
		{"volumes not a list", strings.Replace(valid, "[{name: local, kind: local}]", "{name: local, kind: local}", 1), []Problem{
			at(4, 10, "volumes", "", "want a list of volumes, got a mapping")}},
		{"unknown volume kind", `version: 1
name: bad
subject: {kind: sim}
volumes:
  - name: local
    kind: local
  - name: nfs
    kind:  nfs4
`, []Problem{
			at(8, 12, "volumes[1].kind", "nfs4", `unknown volume kind "nfs4"; known kinds: `+volumeKinds)}},
		{"unknown volume option", `version: 1
name: bad
subject: {kind: sim}
volumes:
  - name: local
    kind: local
    sise: 1Gi
`, []Problem{
			at(7, 5, "volumes[0].sise", "sise", `unknown option "sise"`)}},
		{"volume option of the wrong type", strings.Replace(valid, "kind: local}", "kind: tmpfs, dir: 5}", 1), []Problem{
			at(4, 43, "volumes[0].dir", "5", "want a string, got 5")}},
		{"volume without name or kind", strings.Replace(valid, "{name: local, kind: local}", "{dir: /x}", 1), []Problem{
			at(4, 11, "volumes[0].name", "", `missing field; name the volume, e.g. "name: local"`),
			at(4, 11, "volumes[0].kind", "", "missing field; known kinds: "+volumeKinds)}},
		{"duplicate volume name", strings.Replace(valid, "[{name: local, kind: local}]", "[{name: a, kind: local}, {name: a, kind: tmpfs}]", 1), []Problem{
			at(4, 42, "volumes[1].name", "a", `duplicate volume name "a"; first at line 4`)}},
		{"alias", valid + "runs: &n 3\nwarmup: *n\n", []Problem{
			at(6, 9, "warmup", "*n", "aliases (*n) are not supported; write the value out")}},
		{"duplicate key in volume options", strings.Replace(valid, "kind: local}", "kind: local, dir: /a, dir: /b}", 1), []Problem{
			at(4, 47, "volumes[0].dir", "dir", `duplicate key "dir"; first at line 4`)}},
		{"not a mapping", "- version: 1\n", []Problem{
			at(1, 1, "", "", "want a mapping of fields such as version, name, subject and volumes, got a list")}},
		{"YAML syntax error", valid + "runs 3\nwarmup: 1\n", []Problem{
			at(5, 0, "", "", "invalid YAML: could not find expected ':'")}},
		{"unterminated quote", valid + "description: \"oops\n", []Problem{
			at(5, 0, "", "", "invalid YAML: found unexpected end of stream")}},
		{"tab indentation", "\tversion: 1\n", []Problem{
			at(0, 0, "", "", "invalid YAML: found character that cannot start any token")}},
		{"empty file", "# nothing yet\n", []Problem{
			at(0, 0, "", "", "empty file; a scenario needs at least version, name, subject and volumes")}},
		{"two documents", valid + "---\n" + valid, []Problem{
			at(5, 1, "", "", `a second YAML document; a scenario file holds one (remove the "---" or split the file)`)}},
		{"adaptive settings without runs: auto", `version: 1
name: bad
subject: {kind: sim}
volumes: [{name: local, kind: local}]
runs: 5
precision: 5%
`, []Problem{at(6, 12, "precision", "5%", "only with runs: auto")}},
		{"impossible adaptive settings", `version: 1
name: bad
subject: {kind: sim}
volumes: [{name: local, kind: local}]
runs: auto
min_runs: 8
max_runs: 4
precision: five
`, []Problem{
			at(7, 11, "max_runs", "4", "want at least min_runs (8), got 4"),
			at(8, 12, "precision", "five", `want a percentage above 0% and below 100%, such as 5%, got "five"`)}},
		{"several problems at once", `version: 1
name: bad
subject:
  kind: image
  cpu: lots
volumes:
  - name: local
    kind: nfs4
runs: 0
timeout: soon
`, []Problem{
			at(5, 8, "subject.cpu", "lots", `want a CPU count of at least 1m, such as 2, 1.5 or 500m, got "lots"`),
			at(8, 11, "volumes[0].kind", "nfs4", `unknown volume kind "nfs4"; known kinds: `+volumeKinds),
			at(9, 7, "runs", "0", "want at least 1, got 0"),
			at(10, 10, "timeout", "soon", `want a positive duration such as 90s, 10m or 1h30m, got "soon"`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("scenarios/bad.yaml", []byte(tt.yaml), testRuntimes)
			if s != nil {
				t.Errorf("Parse returned a scenario along with the error")
			}
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse error = %v, want *Error", err)
			}
			if !reflect.DeepEqual(perr.Problems, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", perr, (&Error{Problems: tt.want}))
				for i := range min(len(perr.Problems), len(tt.want)) {
					if perr.Problems[i] != tt.want[i] {
						t.Errorf("[%d] got  %#v\n     want %#v", i, perr.Problems[i], tt.want[i])
					}
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	err := &Error{Problems: []Problem{
		at(7, 12, "volumes[1].kind", "nfs4", `unknown volume kind "nfs4"; known kinds: local, tmpfs`),
		at(3, 0, "", "", "invalid YAML: could not find expected ':'"),
		at(0, 0, "", "", "empty file"),
	}}
	want := `scenarios/bad.yaml:7:12: volumes[1].kind: unknown volume kind "nfs4"; known kinds: local, tmpfs
scenarios/bad.yaml:3: invalid YAML: could not find expected ':'
scenarios/bad.yaml: empty file`
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}
