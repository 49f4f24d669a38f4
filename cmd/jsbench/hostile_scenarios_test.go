package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestRunRefusesHostileScenarios gives the real `jsbench run` scenario
// files no run may start from: system directories reached through the
// symlinks of a merged /usr (/bin is /usr/bin on Debian 12), a 50 MB
// file, and one of 50,000 unknown fields. Each must exit 2 before
// anything runs, naming the problem; the problems of the last are
// printed first, the rest counted.
func TestRunRefusesHostileScenarios(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	head := "version: 1\nname: hostile\nsubject: {kind: sim, runtime: process}\nhome: {kind: empty}\n"
	var volumes []string
	var wants []string
	for i, d := range []string{"/bin", "/sbin", "/lib", "/lib64", "/usr/bin"} {
		resolved, err := filepath.EvalSymlinks(d)
		if err != nil {
			continue
		}
		volumes = append(volumes, fmt.Sprintf("{name: v%d, kind: local, dir: %s}", i, d))
		want := fmt.Sprintf("%q is %s, a system directory", d, d)
		if resolved != d {
			want = fmt.Sprintf("%q is %s, a symlink to %s, a system directory", d, d, resolved)
		}
		wants = append(wants, want)
	}
	sysdirs := filepath.Join(dir, "sysdirs.yaml")
	writeFile(t, sysdirs, head+"volumes: ["+strings.Join(volumes, ", ")+"]\n")
	stderr := runBinary(t, jsbench, exitUnusable, "run", sysdirs, "--out", filepath.Join(dir, "out"))
	for _, want := range wants {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	big := filepath.Join(dir, "big.yaml")
	writeFile(t, big, head+"volumes: [{name: a, kind: local}]\ndescription: "+strings.Repeat("x", 50<<20)+"\n")
	stderr = runBinary(t, jsbench, exitUnusable, "run", big, "--out", filepath.Join(dir, "out"))
	if !strings.Contains(stderr, "the file holds 50.0 MiB, above the limit of 1024 KiB for a scenario file") {
		t.Errorf("stderr %q", stderr)
	}

	var b strings.Builder
	b.WriteString(head + "volumes: [{name: a, kind: local}]\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "k%05d: 1\n", i)
	}
	many := filepath.Join(dir, "many.yaml")
	writeFile(t, many, b.String())
	stderr = runBinary(t, jsbench, exitUnusable, "run", many, "--out", filepath.Join(dir, "out"))
	if lines := strings.Count(stderr, "\n"); lines > 25 || !strings.Contains(stderr, "… and 49980 more problems not shown (50000 in all)") {
		t.Errorf("%d lines of stderr, ending %q", lines, stderr[max(0, len(stderr)-300):])
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("run created its output before refusing the scenario (%v)", err)
	}
}

// TestRunNamesAMissingKubeconfig: a KUBECONFIG, or a scenario's
// kubernetes.kubeconfig, that names no file is named in the error, which
// says how to get a cluster; the run stops before anything starts (2).
func TestRunNamesAMissingKubeconfig(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	missing := filepath.Join(t.TempDir(), "no-such-kubeconfig")
	for _, tt := range []struct {
		env, scenario, want string
	}{
		{"KUBECONFIG=" + missing, "../../scenarios/examples/kubernetes.yaml", fmt.Sprintf("KUBECONFIG names %q, which does not exist", missing)},
		{"KUBECONFIG=" + missing + ":" + missing + "2", "../../scenarios/examples/kubernetes.yaml", "none of which exists"},
	} {
		cmd := exec.Command(jsbench, "run", tt.scenario, "--out", filepath.Join(t.TempDir(), "out"))
		cmd.Env = append(os.Environ(), tt.env)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitUnusable || !strings.Contains(string(out), tt.want) || !strings.Contains(string(out), "set KUBECONFIG") {
			t.Errorf("%s: %v\n%s\nwant exit 2 and %q", tt.env, err, out, tt.want)
		}
	}
}
