package container

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
)

// ErrNoDocker means no Docker daemon answers. Callers branch on it to
// skip or refuse container scenarios.
var ErrNoDocker = errors.New("no Docker daemon answers")

// noDockerRemedy tells a person how to get a daemon.
const noDockerRemedy = "start it: sudo systemctl start docker, or run scripts/setup.sh; install: apt-get install docker.io"

// Labels on everything this package creates, so that Sweep can find what a
// killed jsbench left behind (see bench/lifecycle/owner).
const (
	// LabelManaged marks containers, volumes and images jsbench created.
	LabelManaged = owner.LabelManaged
	// LabelPID is the process id of the jsbench that created the object.
	LabelPID = owner.LabelPID
	// LabelPIDStart is that process's start time, which tells a reused
	// pid from the original process.
	LabelPIDStart = owner.LabelPIDStart
)

// ryukEnv disables testcontainers' reaper, whose image cannot be pulled
// without a registry; this package cleans up by itself.
const ryukEnv = "TESTCONTAINERS_RYUK_DISABLED"

// pingTimeout bounds the check that a daemon answers.
const pingTimeout = 5 * time.Second

var configureOnce sync.Once

// configure prepares testcontainers before it first reads its
// configuration: no reaper unless the environment asks for one
// explicitly, and no printing (this is a library).
func configure() {
	configureOnce.Do(func() {
		if os.Getenv(ryukEnv) == "" {
			os.Setenv(ryukEnv, "true")
		}
		tclog.SetDefault(quiet)
	})
}

// Available reports whether a Docker daemon answers at the address the
// docker CLI would use (DOCKER_HOST or the default socket). The error
// wraps ErrNoDocker and says how to get one.
func Available(ctx context.Context) error {
	cli, err := client.New(client.FromEnv)
	if err != nil {
		return fmt.Errorf("%w: %w; %s", ErrNoDocker, err, noDockerRemedy)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if _, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		return fmt.Errorf("%w at %q: %w; %s", ErrNoDocker, cli.DaemonHost(), err, noDockerRemedy)
	}
	return nil
}

// connect checks the daemon and returns the client testcontainers uses, so
// that logs, volumes and images are handled on the daemon its containers
// run on.
func connect(ctx context.Context) (client.APIClient, error) {
	configure()
	if err := Available(ctx); err != nil {
		return nil, err
	}
	provider, err := testcontainers.NewDockerProvider(testcontainers.WithLogger(quiet))
	if err != nil {
		return nil, fmt.Errorf("%w: %w; %s", ErrNoDocker, err, noDockerRemedy)
	}
	return provider.Client(), nil
}

// managedLabels are the labels that tie an object to this process.
func managedLabels() map[string]string { return owner.Labels() }
