package workdir

import (
	"errors"
	"fmt"
	"sort"
	"syscall"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// detachMountsBelow lazily unmounts every mount point at or below dir,
// deepest first. A stale FUSE mount whose server was killed answers
// ENOTCONN to everything but an unmount.
func detachMountsBelow(dir string) error {
	_, err := unmountBelow(dir)
	return err
}

// unmountBelow is detachMountsBelow naming the mount points it detached.
func unmountBelow(dir string) ([]string, error) {
	points, err := mountPointsBelow(dir)
	if err != nil {
		return nil, err
	}
	var detached []string
	var errs []error
	for _, p := range points {
		err := syscall.Unmount(p, syscall.MNT_DETACH)
		switch {
		case err == nil:
			detached = append(detached, p)
		case !errors.Is(err, syscall.EINVAL):
			errs = append(errs, fmt.Errorf("unmount %q: %w", p, err))
		}
	}
	return detached, errors.Join(errs...)
}

func mountPointsBelow(dir string) ([]string, error) {
	mounts, err := mountinfo.Read()
	if err != nil {
		return nil, err
	}
	var points []string
	for _, m := range mountinfo.Below(mounts, dir) {
		points = append(points, m.Point)
	}
	sort.Slice(points, func(i, j int) bool { return len(points[i]) > len(points[j]) })
	return points, nil
}
