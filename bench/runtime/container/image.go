package container

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/containerd/errdefs"
	"github.com/moby/moby/client"
)

// ErrNoImage means the image to start is neither present locally nor
// pullable. The error says how to get it.
var ErrNoImage = errors.New("image not available")

// ensureImage makes sure ref is present locally, pulling it if it is not.
// Only a missing image is pulled: a local image is never refreshed, so a
// run measures the image that was there when it began.
func ensureImage(ctx context.Context, docker client.APIClient, ref string, timeout time.Duration) error {
	if ref == "" {
		return fmt.Errorf("start container: %w: no image given", ErrNoImage)
	}
	_, err := docker.ImageInspect(ctx, ref)
	if err == nil {
		return nil
	}
	if !errdefs.IsNotFound(err) {
		return fmt.Errorf("inspect image %q: %w", ref, err)
	}
	if err := pull(ctx, docker, ref, timeout); err != nil {
		return fmt.Errorf("%w: %q is not present locally and pulling it failed: %w; "+
			"get it with `docker pull %s`, or where no registry is reachable, `docker save` it elsewhere and `docker load -i FILE` here "+
			"(the simulated controller never needs a registry: jsbench builds its image locally)", ErrNoImage, ref, err, ref)
	}
	return nil
}

// pull pulls ref and waits until the daemon has it.
func pull(ctx context.Context, docker client.APIClient, ref string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	resp, err := docker.ImagePull(ctx, ref, client.ImagePullOptions{})
	if err != nil {
		return err
	}
	defer resp.Close()
	return resp.Wait(ctx)
}
