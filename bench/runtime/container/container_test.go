package container

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/internal/testenv"
)

func launchFake(t testing.TB, image string) subject.Launch {
	return subject.Launch{
		Kind:     subject.KindImage,
		Image:    image,
		Command:  []string{"--httpPort=8080"},
		HomeDir:  homeFor1000(t),
		User:     "1000:1000",
		HTTPPort: 8080,
		CPUs:     1,
		Labels:   map[string]string{testLabel: t.Name()},
	}
}

func TestStartStreamsLogAndStopRemoves(t *testing.T) {
	_, image := fakeImage(t)
	docker := requireDocker(t)
	rt, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	launch := launchFake(t, image)
	launch.MemoryBytes = 64 << 20
	began := time.Now()
	inst, err := rt.Start(ctx, launch)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	t.Logf("Start took %s; Docker's start time is %s after the call", time.Since(began), inst.StartedAt().Sub(began))

	streamed := testenv.ReadUntil(t, inst.Lines(), "fully up and running", 30*time.Second)
	testenv.CheckTexts(t, streamed, testenv.FakeJenkinsLog(8080))
	testenv.CheckIncreasing(t, inst.StartedAt(), streamed)

	url, err := inst.LoginURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("LoginURL = %q, want the loopback address", url)
	}
	if code := getStatus(t, url); code != http.StatusOK {
		t.Errorf("GET %s = %d, want 200", url, code)
	}
	checkConfig(t, docker, inst.(*Instance).id, launch)
	full, err := inst.FullLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameLines(full, streamed) {
		t.Errorf("FullLog differs from the stream:\n%s\nstreamed:\n%s", testenv.ShowLines(full), testenv.ShowLines(streamed))
	}
	if _, err := os.Stat(filepath.Join(launch.HomeDir, "copy_reference_file.log")); err != nil {
		t.Errorf("the controller did not write its bind-mounted home: %v", err)
	}

	stopStart := time.Now()
	if err := inst.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	t.Logf("Stop took %s", time.Since(stopStart))
	if err := inst.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if left := containersLabelled(t, docker, testLabel+"="+t.Name()); len(left) > 0 {
		t.Errorf("containers left after Stop: %v", left)
	}
	if rest := testenv.ReadUntil(t, inst.Lines(), "no such line", 5*time.Second); len(rest) > 1 {
		t.Errorf("after Stop, Lines gave %d lines, want at most the stopping one:\n%s", len(rest), testenv.ShowLines(rest))
	}
	<-inst.Exited()
}

// checkConfig checks what Docker was asked to run.
func checkConfig(t *testing.T, docker client.APIClient, id string, launch subject.Launch) {
	t.Helper()
	info, err := docker.ContainerInspect(context.Background(), id, client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, h := info.Container.Config, info.Container.HostConfig
	if c.User != launch.User || !slices.Contains(c.Env, "JENKINS_HOME="+subject.ContainerHome) || !slices.Equal(c.Cmd, launch.Command) {
		t.Errorf("config: user %q, env %q, cmd %q", c.User, c.Env, c.Cmd)
	}
	if c.Labels[LabelManaged] != "true" || c.Labels[LabelPID] != strconv.Itoa(os.Getpid()) || c.Labels[testLabel] != t.Name() {
		t.Errorf("labels %v lack the managed, pid or launch labels", c.Labels)
	}
	if h.NanoCPUs != int64(launch.CPUs*1e9) || h.Memory != launch.MemoryBytes {
		t.Errorf("limits: %d nano CPUs, %d bytes; want %g CPUs, %d bytes", h.NanoCPUs, h.Memory, launch.CPUs, launch.MemoryBytes)
	}
	for port, bindings := range h.PortBindings {
		for _, b := range bindings {
			if b.HostIP.String() != "127.0.0.1" {
				t.Errorf("port %s published on %q, want 127.0.0.1 only", port, b.HostIP)
			}
		}
	}
	if len(h.Mounts) != 1 || h.Mounts[0].Source != launch.HomeDir || h.Mounts[0].Target != subject.ContainerHome {
		t.Errorf("mounts %+v, want %s at %s", h.Mounts, launch.HomeDir, subject.ContainerHome)
	}
}

func TestNamedVolumeIsCreatedAndRemoved(t *testing.T) {
	_, image := fakeImage(t)
	docker := requireDocker(t)
	rt, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	launch := launchFake(t, image)
	name := "jsbench-test-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	launch.HomeDir, launch.DockerVolume = "", &homemount.DockerVolume{Name: name}
	inst, err := rt.Start(ctx, launch)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	testenv.ReadUntil(t, inst.Lines(), "fully up and running", 30*time.Second)

	vol, err := docker.VolumeInspect(ctx, name, client.VolumeInspectOptions{})
	if err != nil {
		t.Fatalf("volume %q: %v", name, err)
	}
	if vol.Volume.Driver != "local" || vol.Volume.Labels[LabelManaged] != "true" || vol.Volume.Labels[testLabel] != t.Name() {
		t.Errorf("volume = driver %q labels %v, want local, managed and the launch's labels", vol.Volume.Driver, vol.Volume.Labels)
	}
	if _, err := rt.Start(ctx, launch); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second start on the same volume: err = %v, want already exists", err)
	}
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := docker.VolumeInspect(ctx, name, client.VolumeInspectOptions{}); !errdefs.IsNotFound(err) {
		t.Errorf("volume %q after Stop: err = %v, want not found", name, err)
	}
}

func TestExitByItselfReportsCode(t *testing.T) {
	_, image := fakeImage(t)
	rt, err := New(WithStopGrace(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	launch := launchFake(t, image)
	launch.Command = []string{"--httpPort=8080", "--exit-code=3"}
	inst, err := rt.Start(ctx, launch)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	select {
	case <-inst.Exited():
	case <-time.After(30 * time.Second):
		t.Fatal("Exited not closed")
	}
	lines := testenv.ReadUntil(t, inst.Lines(), "no such line", 10*time.Second)
	testenv.CheckTexts(t, lines, testenv.FakeJenkinsLog(8080)[:7])
	code, ok := inst.(*Instance).ExitCode()
	if !ok || code != 3 {
		t.Errorf("ExitCode = %d, %v; want 3, true", code, ok)
	}
}

func TestMissingImageSaysHowToGetIt(t *testing.T) {
	requireDocker(t)
	rt, err := New(WithPullTimeout(30 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	launch := launchFake(t, "jsbench/no-such-image:never")
	_, err = rt.Start(context.Background(), launch)
	if !errors.Is(err, ErrNoImage) {
		t.Fatalf("err = %v, want ErrNoImage", err)
	}
	for _, want := range []string{`"jsbench/no-such-image:never"`, "docker pull jsbench/no-such-image:never", "docker load -i"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestSweepRemovesWhatADeadProcessLeft(t *testing.T) {
	_, image := fakeImage(t)
	docker := requireDocker(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	rt, err := New(WithStopGrace(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	rt.labels[LabelPID] = strconv.Itoa(dead.Process.Pid)
	delete(rt.labels, LabelPIDStart)
	ctx := context.Background()
	inst, err := rt.Start(ctx, launchFake(t, image))
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	vol := "jsbench-test-sweep-" + strconv.Itoa(os.Getpid())
	if err := rt.createVolume(ctx, &homemount.DockerVolume{Name: vol}, nil); err != nil {
		t.Fatal(err)
	}
	defer docker.VolumeRemove(ctx, vol, client.VolumeRemoveOptions{Force: true})
	alive, err := New()
	if err != nil {
		t.Fatal(err)
	}
	mine, err := alive.Start(ctx, launchFake(t, image))
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Stop(ctx)

	removed, err := Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(removed, "volume "+vol) {
		t.Errorf("Sweep removed %v, want volume %s among them", removed, vol)
	}
	left := containersLabelled(t, docker, testLabel+"="+t.Name())
	if len(left) != 1 || left[0] != mine.(*Instance).id {
		t.Errorf("containers left = %v, want only the live process's %.12s", left, mine.(*Instance).id)
	}
	if err := inst.Stop(ctx); err != nil {
		t.Errorf("Stop after the sweep removed the container: %v", err)
	}
}

func TestNoDaemonSaysHowToStartOne(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "docker.sock"))
	tests := []struct {
		name string
		call func() error
	}{
		{"Available", func() error { return Available(context.Background()) }},
		{"New", func() error { _, err := New(); return err }},
		{"Sweep", func() error { _, err := Sweep(context.Background()); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !isNoDocker(err) {
				t.Fatalf("err = %v, want ErrNoDocker", err)
			}
			for _, want := range []string{"systemctl start docker", "apt-get install docker.io"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
