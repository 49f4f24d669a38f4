package container

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/internal/testenv"
)

// standIn builds (or finds) the stand-in of the official image from a
// fresh build of the simulated controller.
func standIn(t *testing.T) string {
	t.Helper()
	requireDocker(t)
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	ref, err := EnsureStandInImage(context.Background(), sim, simulator.Version)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// officialEnv is the environment of jenkins/jenkins (jenkinsci/docker,
// debian/Dockerfile), by name, with the values that do not depend on the
// release.
var officialEnv = map[string]string{
	"PATH":                             "/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"LANG":                             "C.UTF-8",
	"JENKINS_HOME":                     "/var/jenkins_home",
	"JENKINS_SLAVE_AGENT_PORT":         "50000",
	"REF":                              "/usr/share/jenkins/ref",
	"JENKINS_UC":                       "https://updates.jenkins.io",
	"JENKINS_UC_EXPERIMENTAL":          "https://updates.jenkins.io/experimental",
	"JENKINS_INCREMENTALS_REPO_MIRROR": "https://repo.jenkins-ci.org/incrementals",
	"COPY_REFERENCE_FILE_LOG":          "/var/jenkins_home/copy_reference_file.log",
	"JAVA_HOME":                        "/opt/java/openjdk",
	"JENKINS_VERSION":                  simulator.Version,
}

func TestStandInKeepsTheOfficialImagesConfig(t *testing.T) {
	ref := standIn(t)
	docker := requireDocker(t)
	img, err := docker.ImageInspect(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	c := img.Config
	if c.User != "jenkins" {
		t.Errorf("user %q, want jenkins", c.User)
	}
	if want := []string{"/usr/bin/tini", "--", "/usr/local/bin/jenkins.sh"}; !slices.Equal(c.Entrypoint, want) {
		t.Errorf("entrypoint %q, want %q", c.Entrypoint, want)
	}
	env := map[string]string{}
	for _, e := range c.Env {
		name, value, _ := strings.Cut(e, "=")
		env[name] = value
	}
	for name, want := range officialEnv {
		if env[name] != want {
			t.Errorf("%s=%q, want %q", name, env[name], want)
		}
	}
	if len(env) != len(officialEnv) {
		t.Errorf("environment %v has other variables than the official image's", c.Env)
	}
	if _, ok := c.Volumes[subject.ContainerHome]; !ok {
		t.Errorf("volumes %v lack %s", c.Volumes, subject.ContainerHome)
	}
	for _, port := range []string{"8080/tcp", "50000/tcp"} {
		if !slices.ContainsFunc(exposedPorts(img.Config.ExposedPorts), func(p string) bool { return p == port }) {
			t.Errorf("port %s not exposed: %v", port, c.ExposedPorts)
		}
	}
	// A first argument that is no "--option" runs that program instead of
	// Jenkins, as the official entrypoint does; id shows the user.
	out := runOnce(t, ref, []string{"id"}, nil, "")
	if !strings.Contains(out, "uid=1000(jenkins) gid=1000(jenkins)") {
		t.Errorf("id in the image says %q, want uid=1000(jenkins) gid=1000(jenkins)", out)
	}
}

func exposedPorts[V any](m map[string]V) []string {
	var ports []string
	for p := range m {
		ports = append(ports, p)
	}
	return ports
}

// TestStandInCopiesRefBeforeJavaAndPassesOptions starts the stand-in on
// a fresh home twice: the first start copies $REF (19 plugins, pinned,
// with version markers, and an init script) into the home before java
// runs, java gets JAVA_OPTS (a -Djsbench.sim property shrinks the war to
// 120 files) and JENKINS_OPTS (--httpPort=8090), and the WAR lands in
// $JENKINS_HOME/war; the second start copies nothing again.
func TestStandInCopiesRefBeforeJavaAndPassesOptions(t *testing.T) {
	ref := standIn(t)
	home := homeFor1000(t)
	env := map[string]string{"JAVA_OPTS": `-Djsbench.sim.war-entries=120 -Dsome.flag="two words"`, "JENKINS_OPTS": "--httpPort=8090"}
	lines := startUntilUp(t, ref, home, env)
	runningFrom := receivedOf(lines, "Running from: ")
	if !strings.Contains(strings.Join(texts(lines), "\n"), "{[::]:8090}") && !strings.Contains(strings.Join(texts(lines), "\n"), "{0.0.0.0:8090}") {
		t.Errorf("JENKINS_OPTS=--httpPort=8090 did not reach java:\n%s", strings.Join(texts(lines), "\n"))
	}
	copyLog, err := os.ReadFile(filepath.Join(home, "copy_reference_file.log"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(copyLog), "INSTALLED plugins/"); n != StandInRefPlugins {
		t.Errorf("%d plugins installed from $REF, want %d:\n%s", n, StandInRefPlugins, copyLog)
	}
	if !strings.Contains(string(copyLog), "INSTALLED init.groovy.d/executors.groovy") {
		t.Errorf("the init script was not copied:\n%s", copyLog)
	}
	for _, suffix := range []string{".jpi", ".jpi.pinned", ".jpi.version_from_image"} {
		if got, _ := filepath.Glob(filepath.Join(home, "plugins", "*"+suffix)); len(got) != StandInRefPlugins {
			t.Errorf("%d plugins/*%s, want %d", len(got), suffix, StandInRefPlugins)
		}
	}
	info, err := os.Stat(filepath.Join(home, "copy_reference_file.log"))
	if err != nil || runningFrom.IsZero() || info.ModTime().After(runningFrom) {
		t.Errorf("the copy log was last written at %v, Running from: received at %v: the copy must end before java starts", info.ModTime(), runningFrom)
	}
	if n := countRegular(t, filepath.Join(home, "war")); n != 121 {
		t.Errorf("$JENKINS_HOME/war holds %d files, want the 120 of -Djsbench.sim.war-entries=120 and .timestamp", n)
	}

	stamps := modTimes(t, filepath.Join(home, "plugins"))
	startUntilUp(t, ref, home, env)
	if again := modTimes(t, filepath.Join(home, "plugins")); !maps.EqualFunc(stamps, again, time.Time.Equal) {
		t.Error("a second start copied the reference plugins again")
	}
}

// startUntilUp starts the image on home through the container runtime,
// reads its log until "fully up", stops it and returns the lines.
func startUntilUp(t *testing.T, ref, home string, env map[string]string) []jenkinslog.Line {
	t.Helper()
	rt, err := New(WithStopGrace(5 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	launch := subject.Launch{Kind: subject.KindImage, Image: ref, Env: env, HomeDir: home, HTTPPort: 8080,
		Labels: map[string]string{testLabel: t.Name()}}
	inst, err := rt.Start(ctx, launch)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	var lines []jenkinslog.Line
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case l, ok := <-inst.Lines():
			if !ok {
				t.Fatalf("log ended before fully up:\n%s", strings.Join(texts(lines), "\n"))
			}
			lines = append(lines, l)
			if strings.Contains(l.Text, "Jenkins is fully up and running") {
				return lines
			}
		case <-deadline:
			t.Fatalf("not fully up in 3 minutes:\n%s", strings.Join(texts(lines), "\n"))
		}
	}
}

// runOnce runs the image with args as the container's command and
// returns what it printed.
func runOnce(t *testing.T, ref string, args []string, env []string, home string) string {
	t.Helper()
	docker := requireDocker(t)
	ctx := context.Background()
	created, err := docker.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config: &container.Config{Image: ref, Cmd: args, Env: env, Labels: map[string]string{LabelManaged: "true", testLabel: t.Name()}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer docker.ContainerRemove(ctx, created.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	if _, err := docker.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	wait := docker.ContainerWait(ctx, created.ID, client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
	select {
	case <-wait.Result:
	case err := <-wait.Error:
		t.Fatal(err)
	}
	lines, err := fullLog(ctx, docker, created.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(texts(lines), "\n")
}

func texts(lines []jenkinslog.Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

func receivedOf(lines []jenkinslog.Line, prefix string) time.Time {
	for _, l := range lines {
		if strings.HasPrefix(l.Text, prefix) {
			return l.Received
		}
	}
	return time.Time{}
}

func countRegular(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]time.Time{}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			m[e.Name()] = info.ModTime()
		}
	}
	return m
}
