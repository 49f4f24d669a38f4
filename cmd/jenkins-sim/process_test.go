package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Built once by TestMain: the binary, and a small WAR it made.
var (
	binary  string
	testWar string
)

// testWarEntries is the test WAR's size: small, so tests stay fast.
const testWarEntries = 200

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "jenkins-sim-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// Readable by uid 1000 too, for the unwritable-home test.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	binary, testWar = filepath.Join(dir, "jenkins-sim"), filepath.Join(dir, "jenkins.war")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build jenkins-sim: %v\n%s", err, out)
		return 1
	}
	if out, err := exec.Command(binary, "make-war", fmt.Sprintf("--entries=%d", testWarEntries), "--size-mb=4", testWar).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "make test war: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// simProcess is a running jenkins-sim whose stdout and stderr are read
// line by line, as a harness reads a container's log.
type simProcess struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	more  chan struct{} // closed and replaced on each new line
	done  chan struct{} // closed when the output ends
	code  int
}

// startSim starts the binary on home; uid > 0 runs it as uid:uid.
func startSim(t *testing.T, home string, uid int, args ...string) *simProcess {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--war=" + testWar, "--httpListenAddress=127.0.0.1"}, args...)...)
	cmd.Env = append(os.Environ(), "JENKINS_HOME="+home)
	if uid > 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	p := &simProcess{cmd: cmd, more: make(chan struct{}), done: make(chan struct{})}
	go p.read(r)
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

func (p *simProcess) read(r *os.File) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		p.mu.Lock()
		p.lines = append(p.lines, s.Text())
		close(p.more)
		p.more = make(chan struct{})
		p.mu.Unlock()
	}
	r.Close()
	err := p.cmd.Wait()
	p.code = p.cmd.ProcessState.ExitCode()
	if err != nil && p.code < 0 {
		p.code = -1
	}
	close(p.done)
}

// log returns the lines so far.
func (p *simProcess) log() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}

// waitFor waits until a line matches re and returns it.
func (p *simProcess) waitFor(t *testing.T, re string) string {
	t.Helper()
	pattern := regexp.MustCompile(re)
	deadline := time.After(90 * time.Second)
	for seen := 0; ; {
		p.mu.Lock()
		lines, more := p.lines, p.more
		p.mu.Unlock()
		for ; seen < len(lines); seen++ {
			if pattern.MatchString(lines[seen]) {
				return lines[seen]
			}
		}
		select {
		case <-more:
		case <-p.done:
			if seen == len(p.log()) {
				t.Fatalf("jenkins-sim exited (%d) before logging %q:\n%s", p.code, re, strings.Join(p.log(), "\n"))
			}
		case <-deadline:
			t.Fatalf("no line matching %q within 90 s:\n%s", re, strings.Join(p.log(), "\n"))
		}
	}
}

// wait waits for the process to exit and returns its exit code.
func (p *simProcess) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(30 * time.Second):
		t.Fatalf("jenkins-sim did not exit within 30 s:\n%s", strings.Join(p.log(), "\n"))
		return 0
	}
}

// stop sends SIGTERM and returns the exit code.
func (p *simProcess) stop(t *testing.T) int {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	return p.wait(t)
}

// baseURL is http://host:port from the "Started ServerConnector" line.
func (p *simProcess) baseURL(t *testing.T) string {
	t.Helper()
	line := p.waitFor(t, `ServerConnector@\w+\{HTTP/1.1, \(http/1.1\)\}\{`)
	m := regexp.MustCompile(`\}\{([^}]+)\}$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no address in %q", line)
	}
	return "http://" + m[1]
}
