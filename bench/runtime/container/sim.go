package container

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// SimImageRepository is the repository of the simulated controller's
// image; the tag is the start of the binary's SHA-256.
const SimImageRepository = "jsbench/jenkins-sim"

// Where the simulated controller's image keeps its binary and war: the
// war where the official image keeps jenkins.war.
const (
	SimBinaryPath = "/usr/bin/jenkins-sim"
	SimWarPath    = "/usr/share/jenkins/jenkins.war"
)

// EnsureSimImage returns the image of the simulated controller built from
// simBinary (a static executable), building it when no image of that
// binary exists yet: the synthetic war comes from `simBinary make-war`,
// and the image runs as the official image's uid and gid. A dynamically
// linked binary is refused, naming the command that builds it static.
func EnsureSimImage(ctx context.Context, simBinary string) (string, error) {
	if err := checkStatic(simBinary); err != nil {
		return "", err
	}
	docker, err := connect(ctx)
	if err != nil {
		return "", err
	}
	sum, err := fileSHA256(simBinary)
	if err != nil {
		return "", err
	}
	ref := SimImageRepository + ":" + sum[:12]
	if _, err := docker.ImageInspect(ctx, ref); err == nil {
		return ref, nil
	}
	return ref, buildSimImage(ctx, docker, simBinary, ref)
}

func buildSimImage(ctx context.Context, docker client.APIClient, simBinary, ref string) error {
	dir, err := os.MkdirTemp("", "jsbench-sim-image-")
	if err != nil {
		return fmt.Errorf("build simulated controller image: %w", err)
	}
	defer os.RemoveAll(dir)
	spec, err := SimImageSpec(ctx, simBinary, dir, ref)
	if err != nil {
		return err
	}
	return buildImage(ctx, docker, spec)
}

// SimImageSpec is the image of the simulated controller built from
// simBinary and tagged ref, with its synthetic war (from `simBinary
// make-war`) written into dir, which must outlive the spec's use. The
// image runs as the official image's uid and gid.
func SimImageSpec(ctx context.Context, simBinary, dir, ref string) (ImageSpec, error) {
	war := filepath.Join(dir, "jenkins.war")
	if err := makeSimWar(ctx, simBinary, war); err != nil {
		return ImageSpec{}, err
	}
	return ImageSpec{
		Tag:        ref,
		Files:      map[string]string{SimBinaryPath: simBinary, SimWarPath: war},
		Entrypoint: []string{SimBinaryPath},
		User:       strconv.Itoa(subject.JenkinsUID) + ":" + strconv.Itoa(subject.JenkinsGID),
		Dirs:       []string{subject.ContainerHome},
	}, nil
}

// makeSimWar writes the simulated controller's synthetic war to war.
func makeSimWar(ctx context.Context, simBinary, war string) error {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, simBinary, "make-war", war)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("make synthetic war with %q: %w: %s", simBinary, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// fileSHA256 is the hex SHA-256 of a file's content.
func fileSHA256(name string) (string, error) { return subject.FileDigest(name) }
