package container

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/internal/testenv"
)

// testLabel marks every container a test starts, so the test can check
// that none is left.
const testLabel = "jsbench.test"

// fake is the stand-in controller's image, built once for the package's
// tests.
var fake struct {
	once  sync.Once
	image string
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	removeFakeImage()
	testenv.RemoveBuilds()
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
	bin = testenv.FakeJenkins(t)
	fake.once.Do(func() {
		sum, err := fileSHA256(bin)
		if err != nil {
			fake.err = err
			return
		}
		fake.image = "jsbench/fakejenkins:test-" + sum[:12]
		fake.err = buildImage(context.Background(), docker, ImageSpec{
			Tag:        fake.image,
			Files:      map[string]string{"/usr/bin/fakejenkins": bin},
			Entrypoint: []string{"/usr/bin/fakejenkins"},
			User:       "1000:1000",
			Dirs:       []string{subject.ContainerHome},
		})
	})
	if fake.err != nil {
		t.Fatal(fake.err)
	}
	return bin, fake.image
}

func removeFakeImage() {
	if fake.image == "" {
		return
	}
	if docker, err := connect(context.Background()); err == nil {
		docker.ImageRemove(context.Background(), fake.image, client.ImageRemoveOptions{Force: true, PruneChildren: true})
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
