package container

import (
	"context"
	"errors"
	"regexp"
	"testing"
)

func TestServerVersion(t *testing.T) {
	requireDocker(t)
	v, err := ServerVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d+\.\d+`).MatchString(v) {
		t.Errorf("ServerVersion = %q, want a version such as 20.10.24", v)
	}
}

func TestServerVersionWithoutDaemon(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	if _, err := ServerVersion(context.Background()); !errors.Is(err, ErrNoDocker) {
		t.Errorf("err = %v, want ErrNoDocker", err)
	}
}
