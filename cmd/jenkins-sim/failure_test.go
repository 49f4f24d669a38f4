package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/internal/testenv"
)

// sharedTempDir is a temporary directory that uid 1000 can reach
// (t.TempDir's parent is private to root).
func sharedTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "jenkins-sim-home-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUnwritableHome runs the controller as uid 1000 on a home that root
// owns, the classic fresh-volume mistake. Root ignores permissions, so
// the test needs root to switch to another user.
func TestUnwritableHome(t *testing.T) {
	testenv.RequireRoot(t)
	t.Run("webroot in home: Winstone fails", func(t *testing.T) {
		home := sharedTempDir(t)
		p := startSim(t, home, subject.JenkinsUID, "--httpPort=-1")
		if code := p.wait(t); code != simulator.ExitFailed {
			t.Errorf("exit code = %d, want %d", code, simulator.ExitFailed)
		}
		log := strings.Join(p.log(), "\n")
		for _, want := range []string{
			"\tWARNING\twinstone.Logger#logInternal: Failed to recreate dirs " + filepath.Join(home, "war"),
			"\tSEVERE\twinstone.Logger#logInternal: Container startup failed\njava.io.FileNotFoundException: " + filepath.Join(home, "war") + "/",
		} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
	})
	t.Run("webroot elsewhere: BootFailure", func(t *testing.T) {
		home, webroot := sharedTempDir(t), sharedTempDir(t)
		if err := os.Chown(webroot, subject.JenkinsUID, subject.JenkinsGID); err != nil {
			t.Fatal(err)
		}
		p := startSim(t, home, subject.JenkinsUID, "--httpPort=0", "--webroot="+webroot)
		url := p.baseURL(t)
		p.waitFor(t, `BootFailure#publish: Failed to initialize Jenkins`)
		p.waitFor(t, `Jenkins stopped`)
		if got := get(t, url+"/login"); got != 500 {
			t.Errorf("GET /login after a boot failure = %d, want 500", got)
		}
		if code := p.stop(t); code != simulator.ExitFailed {
			t.Errorf("exit code = %d, want %d", code, simulator.ExitFailed)
		}
		log := strings.Join(p.log(), "\n")
		for _, want := range []string{
			"\tWARNING\thudson.WebAppMain#recordBootAttempt: Failed to record boot attempts\njava.nio.file.AccessDeniedException: " + filepath.Join(home, "failed-boot-attempts.txt"),
			"\tSEVERE\thudson.util.BootFailure#publish: Failed to initialize Jenkins\njava.nio.file.AccessDeniedException: " + home + "/atomic",
			"Caused: hudson.util.HudsonFailedToLoad",
		} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
		if strings.Contains(log, "webroot: ") {
			t.Error("a webroot line printed although --webroot was given")
		}
	})
}

func TestCommandErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing war", []string{"--war=/nonexistent/jenkins.war"}, simulator.ExitFailed, "make one with: jenkins-sim make-war /nonexistent/jenkins.war"},
		{"unknown flag", []string{"--nope"}, simulator.ExitUsage, "flag provided but not defined"},
		{"stray argument", []string{"--httpPort=-1", "extra"}, simulator.ExitUsage, `unexpected argument "extra"`},
		{"make-war without output", []string{"make-war"}, simulator.ExitUsage, "usage: jenkins-sim make-war"},
		{"make-war too small", []string{"make-war", "--size-mb=0.1", filepath.Join(t.TempDir(), "x.war")}, simulator.ExitFailed, "too small"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = append(os.Environ(), "JENKINS_HOME="+t.TempDir())
			out, _ := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code != tt.code || !strings.Contains(string(out), tt.want) {
				t.Errorf("exit %d, output %q; want exit %d and %q", code, out, tt.code, tt.want)
			}
		})
	}
}
