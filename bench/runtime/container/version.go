package container

import (
	"context"
	"fmt"

	"github.com/moby/moby/client"
)

// ServerVersion returns the version of the Docker daemon that answers at
// the address the docker CLI would use, for the environment that reports
// describe. The error wraps ErrNoDocker when no daemon answers.
func ServerVersion(ctx context.Context) (string, error) {
	cli, err := client.New(client.FromEnv)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoDocker, err)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	// The ping settles the API version: a daemon older than the client
	// refuses requests made with the client's own.
	if _, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		return "", fmt.Errorf("%w at %q: %w", ErrNoDocker, cli.DaemonHost(), err)
	}
	v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return "", fmt.Errorf("read Docker version: %w", err)
	}
	return v.Version, nil
}
