package process

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}

// readTimeout bounds the wait for a line of the stand-in, which writes
// them all within a second.
const readTimeout = 10 * time.Second

func launchFake(t *testing.T, args ...string) subject.Launch {
	t.Helper()
	port, err := FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return subject.Launch{
		Kind:     subject.KindSim,
		Command:  append([]string{testenv.FakeJenkins(t), fmt.Sprintf("--httpPort=%d", port)}, args...),
		HomeDir:  t.TempDir(),
		HTTPPort: port,
		Env:      map[string]string{"JAVA_OPTS": "-Xmx1g"},
	}
}

func TestStartStreamsOutputAndStops(t *testing.T) {
	ctx := context.Background()
	launch := launchFake(t)
	inst, err := New().Start(ctx, launch)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)

	streamed := testenv.ReadUntil(t, inst.Lines(), "fully up and running", readTimeout)
	testenv.CheckTexts(t, streamed, testenv.FakeJenkinsLog(launch.HTTPPort))
	testenv.CheckIncreasing(t, inst.StartedAt(), streamed)
	url, err := inst.LoginURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d, want 200", url, resp.StatusCode)
	}
	full, err := inst.FullLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) != len(streamed) || full[len(full)-1] != streamed[len(streamed)-1] {
		t.Errorf("FullLog has %d lines, the stream %d", len(full), len(streamed))
	}
	if _, err := os.Stat(filepath.Join(launch.HomeDir, "copy_reference_file.log")); err != nil {
		t.Errorf("JENKINS_HOME not passed on: %v", err)
	}

	pid := inst.(*Instance).Pid()
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if err := syscall.Kill(pid, 0); err == nil {
		t.Errorf("process %d still there after Stop", pid)
	}
	if code, ok := inst.(*Instance).ExitCode(); !ok || code != 0 {
		t.Errorf("ExitCode = %d, %v; want 0 after a graceful stop", code, ok)
	}
	rest := testenv.ReadUntil(t, inst.Lines(), "no such line", readTimeout)
	if len(rest) > 1 {
		t.Errorf("after Stop, Lines gave %d lines, want at most the stopping one", len(rest))
	}
}

func TestExitByItselfReportsCode(t *testing.T) {
	ctx := context.Background()
	inst, err := New().Start(ctx, launchFake(t, "--exit-code=3"))
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	select {
	case <-inst.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("Exited not closed")
	}
	lines := testenv.ReadUntil(t, inst.Lines(), "no such line", readTimeout)
	if len(lines) != 7 {
		t.Errorf("got %d lines, want the 7 before fully up", len(lines))
	}
	if code, ok := inst.(*Instance).ExitCode(); !ok || code != 3 {
		t.Errorf("ExitCode = %d, %v; want 3, true", code, ok)
	}
}

func TestStopKillsAfterGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	inst, err := New(WithStopGrace(200*time.Millisecond)).Start(ctx, launchFake(t, "--ignore-term"))
	if err != nil {
		t.Fatal(err)
	}
	testenv.ReadUntil(t, inst.Lines(), "fully up and running", readTimeout)
	cancel()
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if code, _ := inst.(*Instance).ExitCode(); code != 128+int(syscall.SIGKILL) {
		t.Errorf("ExitCode = %d, want %d (killed)", code, 128+int(syscall.SIGKILL))
	}
}

func TestMissingProgramSaysHowToGetIt(t *testing.T) {
	tests := []struct {
		name    string
		command []string
		want    string
	}{
		{"java", []string{"/nonexistent/java", "-jar", "/nonexistent/jenkins.war"}, "apt-get install openjdk-17-jre-headless"},
		{"simulated controller", []string{"/nonexistent/jenkins-sim"}, "make build"},
		{"other program", []string{"no-such-program-here"}, "install it or give its full path"},
		{"war", []string{"true", "-jar", "/nonexistent/jenkins.war"}, "download jenkins.war"},
		{"no command", nil, "no command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			launch := subject.Launch{Command: tt.command, HomeDir: t.TempDir(), HTTPPort: 8080}
			_, err := New().Start(context.Background(), launch)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestReadLines(t *testing.T) {
	long := strings.Repeat("z", maxLineBytes+5)
	tests := []struct {
		name, in string
		want     []string
	}{
		{"lines", "a\nb\n", []string{"a", "b"}},
		{"CRLF", "dos\r\nunix\n", []string{"dos", "unix"}},
		{"last line without newline", "a\nrest", []string{"a", "rest"}},
		{"empty line", "\n", []string{""}},
		{"longer than the reader's buffer", strings.Repeat("y", 70000) + "\n", []string{strings.Repeat("y", 70000)}},
		{"overlong line in pieces", long + "\n", []string{long[:maxLineBytes], long[maxLineBytes:]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			readLines(strings.NewReader(tt.in), func(l jenkinslog.Line) {
				if l.Received.IsZero() {
					t.Error("line not stamped")
				}
				got = append(got, l.Text)
			})
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %d lines %.40q, want %d lines", len(got), got, len(tt.want))
			}
		})
	}
}

// FuzzReadLines checks that line splitting keeps every byte but the line
// ends: the lines joined with "\n" give the input back, less "\r" before
// each "\n" and less a last "\n".
func FuzzReadLines(f *testing.F) {
	f.Add("a\r\nb\n\nc")
	f.Add(strings.Repeat("x", 70000) + "\n")
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, "\r") {
			in = strings.ReplaceAll(in, "\r", "")
		}
		var got []string
		readLines(strings.NewReader(in), func(l jenkinslog.Line) { got = append(got, l.Text) })
		want := strings.TrimSuffix(in, "\n")
		if in == "" {
			want = ""
		}
		if joined := strings.Join(got, "\n"); joined != want {
			t.Fatalf("lines %q joined give %q, want %q", got, joined, want)
		}
	})
}
