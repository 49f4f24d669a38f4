package container

import (
	"archive/tar"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/internal/testenv"
)

// The stand-in also answers `make-war OUT`, so it serves as the simulated
// controller's binary here.
func TestEnsureSimImageBuildsFromScratchOnce(t *testing.T) {
	bin, _ := fakeImage(t)
	docker := requireDocker(t)
	ctx := context.Background()
	sum, err := fileSHA256(bin)
	if err != nil {
		t.Fatal(err)
	}
	want := SimImageRepository + ":" + sum[:12]
	removeImage := func() { docker.ImageRemove(ctx, want, client.ImageRemoveOptions{Force: true, PruneChildren: true}) }
	removeImage()
	t.Cleanup(removeImage)

	began := time.Now()
	ref, err := EnsureSimImage(ctx, bin)
	if err != nil {
		t.Fatal(err)
	}
	built := time.Since(began)
	first := imageID(t, docker, ref)
	began = time.Now()
	again, err := EnsureSimImage(ctx, bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EnsureSimImage: %s building, %s cached", built, time.Since(began))
	if ref != want || again != want {
		t.Errorf("refs = %q, %q; want %q", ref, again, want)
	}
	if second := imageID(t, docker, again); second != first {
		t.Errorf("image rebuilt although cached: %s then %s", first, second)
	}

	img, err := docker.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if c := img.Config; c.User != "1000:1000" || !slices.Equal(c.Entrypoint, []string{SimBinaryPath}) || c.Labels[LabelManaged] != "true" {
		t.Errorf("image config: user %q, entrypoint %q, labels %v", c.User, c.Entrypoint, c.Labels)
	}
	checkLayout(t, docker, ref)
	checkRuns(t, ref)
}

// checkLayout exports a container of the image and checks its files.
func checkLayout(t *testing.T, docker client.APIClient, ref string) {
	t.Helper()
	ctx := context.Background()
	created, err := docker.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config: &container.Config{Image: ref, Labels: map[string]string{LabelManaged: "true", testLabel: t.Name()}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer docker.ContainerRemove(ctx, created.ID, client.ContainerRemoveOptions{Force: true})
	rc, err := docker.ContainerExport(ctx, created.ID, client.ContainerExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	want := map[string]string{
		"usr/bin/jenkins-sim":           "-rwxr-xr-x 0:0",
		"usr/share/jenkins/jenkins.war": "-rw-r--r-- 0:0",
		"tmp/":                          "dtrwxrwxrwx 0:0",
		"var/jenkins_home/":             "drwxr-xr-x 1000:1000",
	}
	tr := tar.NewReader(rc)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[hdr.Name]; ok {
			if got := hdr.FileInfo().Mode().String() + " " + strconv.Itoa(hdr.Uid) + ":" + strconv.Itoa(hdr.Gid); got != w {
				t.Errorf("%s: %s, want %s", hdr.Name, got, w)
			}
			delete(want, hdr.Name)
		}
	}
	for name := range want {
		t.Errorf("image lacks %s", name)
	}
}

// checkRuns starts the image as the simulated controller would be.
func checkRuns(t *testing.T, ref string) {
	t.Helper()
	rt, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	inst, err := rt.Start(ctx, subject.Launch{
		Kind: subject.KindSim, Image: ref, Command: []string{"--httpPort=8080"},
		HomeDir: homeFor1000(t), HTTPPort: 8080, Labels: map[string]string{testLabel: t.Name()},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop(ctx)
	testenv.ReadUntil(t, inst.Lines(), "fully up and running", 30*time.Second)
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func imageID(t *testing.T, docker client.APIClient, ref string) string {
	t.Helper()
	img, err := docker.ImageInspect(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return img.ID
}

func TestImageSpecCheck(t *testing.T) {
	ok := ImageSpec{Tag: "a:b", Entrypoint: []string{"/x"}, Files: map[string]string{"/x": "x"}, User: "1000:1000"}
	tests := []struct {
		name   string
		change func(*ImageSpec)
		want   string
	}{
		{"valid", func(*ImageSpec) {}, ""},
		{"no tag", func(s *ImageSpec) { s.Tag = "" }, "no tag"},
		{"no entrypoint", func(s *ImageSpec) { s.Entrypoint = nil }, "no entrypoint"},
		{"relative path", func(s *ImageSpec) { s.Files = map[string]string{"usr/x": "x"} }, `"usr/x" is not absolute`},
		{"unclean dir", func(s *ImageSpec) { s.Dirs = []string{"/a/../b"} }, `"/a/../b" is not absolute`},
		{"user name", func(s *ImageSpec) { s.User = "jenkins" }, `user "jenkins" is not numeric`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := ok
			tt.change(&spec)
			err := spec.check()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("check() = %v, want %q", err, tt.want)
			}
		})
	}
}
