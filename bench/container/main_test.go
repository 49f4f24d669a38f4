package container

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/jenkinslog"
	"github.com/jsbench/jsbench/bench/subject"
	"github.com/jsbench/jsbench/bench/testenv"
)

// testLabel marks every container a test starts, so the test can check
// that none is left.
const testLabel = "jsbench.test"

// fake is the stand-in controller, built once for the package's tests.
var fake struct {
	dir   string
	once  sync.Once
	bin   string
	image string
	err   error
}

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "jsbench-container-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		fake.dir = dir
		defer removeFakeImage()
		return m.Run()
	}()
	os.Exit(code)
}

// requireDocker skips the test without a Docker daemon, except under CI,
// where a missing daemon fails it.
func requireDocker(t testing.TB) client.APIClient {
	t.Helper()
	docker, err := connect(context.Background())
	testenv.Require(t, err == nil, fmt.Sprintf("Docker (%v)", err))
	return docker
}

// fakeImage builds the stand-in as a static binary and, from it, an image
// through the same FROM-scratch path as the simulated controller's.
func fakeImage(t testing.TB) (bin, image string) {
	t.Helper()
	docker := requireDocker(t)
	fake.once.Do(func() {
		fake.bin = filepath.Join(fake.dir, "fakejenkins")
		cmd := exec.Command("go", "build", "-o", fake.bin, "./testdata/fakejenkins")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			fake.err = fmt.Errorf("build stand-in: %w: %s", err, out)
			return
		}
		sum, err := fileSHA256(fake.bin)
		if err != nil {
			fake.err = err
			return
		}
		fake.image = "jsbench/fakejenkins:test-" + sum[:12]
		fake.err = buildImage(context.Background(), docker, ImageSpec{
			Tag:        fake.image,
			Files:      map[string]string{"/usr/bin/fakejenkins": fake.bin},
			Entrypoint: []string{"/usr/bin/fakejenkins"},
			User:       "1000:1000",
			Dirs:       []string{subject.ContainerHome},
		})
	})
	if fake.err != nil {
		t.Fatal(fake.err)
	}
	return fake.bin, fake.image
}

func removeFakeImage() {
	if fake.image == "" {
		return
	}
	if docker, err := connect(context.Background()); err == nil {
		docker.ImageRemove(context.Background(), fake.image, client.ImageRemoveOptions{Force: true, PruneChildren: true})
	}
}

// fakeLog is what the stand-in writes before it is fully up, in order,
// when listening on port.
func fakeLog(port int) []string {
	rec := func(thread int, level, msg string) string {
		return fmt.Sprintf("2024-01-24 10:16:43.271+0000 [id=%d]\t%s\t%s", thread, level, msg)
	}
	return []string{
		"Running from: /usr/share/jenkins/jenkins.war",
		rec(1, "INFO", "winstone.Logger#logInternal: Beginning extraction from war file"),
		rec(1, "WARNING", "o.e.j.s.handler.ContextHandler#setContextPath: Empty contextPath"),
		rec(1, "INFO", fmt.Sprintf("o.e.j.server.AbstractConnector#doStart: Started ServerConnector@6955cb39{HTTP/1.1, (http/1.1)}{0.0.0.0:%d}", port)),
		rec(35, "INFO", "jenkins.InitReactorRunner$1#onAttained: Started initialization"),
		rec(48, "INFO", "long: "+strings.Repeat("x", 40000)),
		rec(48, "INFO", "jenkins.InitReactorRunner$1#onAttained: Listed all plugins"),
		rec(26, "INFO", "hudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"),
	}
}

// homeFor1000 is a temporary JENKINS_HOME the image's uid 1000 can write.
func homeFor1000(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	if os.Geteuid() == 0 {
		if err := os.Chown(home, subject.JenkinsUID, subject.JenkinsGID); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(home, 0o777); err != nil {
		t.Fatal(err)
	}
	return home
}

// readUntil reads lines until one contains want, the channel closes, or
// the timeout passes.
func readUntil(t testing.TB, lines <-chan jenkinslog.Line, want string, timeout time.Duration) []jenkinslog.Line {
	t.Helper()
	var got []jenkinslog.Line
	deadline := time.After(timeout)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return got
			}
			got = append(got, l)
			if strings.Contains(l.Text, want) {
				return got
			}
		case <-deadline:
			t.Fatalf("no line with %q within %s; got %d lines", want, timeout, len(got))
		}
	}
}

// checkTexts compares the texts of lines with want.
func checkTexts(t testing.TB, lines []jenkinslog.Line, want []string) {
	t.Helper()
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), show(lines))
	}
	for i := range want {
		if lines[i].Text != want[i] {
			t.Errorf("line %d = %.80q, want %.80q", i, lines[i].Text, want[i])
		}
	}
}

// checkIncreasing checks that each line was received after the one before.
func checkIncreasing(t testing.TB, start time.Time, lines []jenkinslog.Line) {
	t.Helper()
	prev := start
	for i, l := range lines {
		if !l.Received.After(prev) {
			t.Errorf("line %d received at %s, not after %s", i, l.Received.Format(time.RFC3339Nano), prev.Format(time.RFC3339Nano))
		}
		prev = l.Received
	}
}

// getStatus polls url until it answers or 5 s pass.
func getStatus(t testing.TB, url string) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return resp.StatusCode
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: %v", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// containersLabelled lists the containers, running or not, with label.
func containersLabelled(t testing.TB, docker client.APIClient, label string) []string {
	t.Helper()
	res, err := docker.ContainerList(context.Background(), client.ContainerListOptions{
		All: true, Filters: client.Filters{}.Add("label", label),
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range res.Items {
		ids = append(ids, c.ID)
	}
	return ids
}

func isNoDocker(err error) bool { return errors.Is(err, ErrNoDocker) }
