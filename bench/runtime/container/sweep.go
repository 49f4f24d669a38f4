package container

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
)

// Sweep removes the containers and volumes labelled LabelManaged whose
// jsbench process is gone (killed before it could clean up), and names
// what it removed. Objects of a live jsbench, and objects without a
// readable LabelPID, are left alone. Containers go first, since a volume
// in use cannot be removed.
func Sweep(ctx context.Context) (removed []string, err error) {
	docker, err := connect(ctx)
	if err != nil {
		return nil, err
	}
	managed := client.Filters{}.Add("label", LabelManaged+"=true")
	removed, err = sweepContainers(ctx, docker, managed)
	vols, volErr := sweepVolumes(ctx, docker, managed)
	return append(removed, vols...), errors.Join(err, volErr)
}

func sweepContainers(ctx context.Context, docker client.APIClient, managed client.Filters) ([]string, error) {
	list, err := docker.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: managed})
	if err != nil {
		return nil, fmt.Errorf("list containers left behind: %w", err)
	}
	var removed []string
	var errs []error
	for _, c := range list.Items {
		if !owner.Orphaned(c.Labels) {
			continue
		}
		_, err := docker.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
		if err != nil && !errdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove container %.12s: %w", c.ID, err))
			continue
		}
		name := c.ID[:min(12, len(c.ID))]
		if len(c.Names) > 0 {
			name = strings.TrimPrefix(c.Names[0], "/")
		}
		removed = append(removed, "container "+name)
	}
	return removed, errors.Join(errs...)
}

func sweepVolumes(ctx context.Context, docker client.APIClient, managed client.Filters) ([]string, error) {
	list, err := docker.VolumeList(ctx, client.VolumeListOptions{Filters: managed})
	if err != nil {
		return nil, fmt.Errorf("list volumes left behind: %w", err)
	}
	var removed []string
	var errs []error
	for _, v := range list.Items {
		if !owner.Orphaned(v.Labels) {
			continue
		}
		_, err := docker.VolumeRemove(ctx, v.Name, client.VolumeRemoveOptions{Force: true})
		if err != nil && !errdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove volume %q: %w", v.Name, err))
			continue
		}
		removed = append(removed, "volume "+v.Name)
	}
	return removed, errors.Join(errs...)
}
