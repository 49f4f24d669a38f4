package emufs

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// staleProbeTimeout bounds the stat that tells a stale mount from a live
// one: a live server that is stopped (SIGSTOP) would block it forever.
const staleProbeTimeout = 2 * time.Second

// Sweep unmounts the emufs mounts under root (anywhere when root is
// empty) whose serving process is gone, as a SIGKILL leaves them: every
// access fails with ENOTCONN. Live mounts, ours or another jsbench's,
// are left alone. It returns the mount points it removed.
func Sweep(root string) ([]string, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, fmt.Errorf("read mount table: %w", err)
	}
	defer f.Close()
	points, err := ourMounts(f, root)
	if err != nil {
		return nil, err
	}
	var swept []string
	var errs []error
	for _, p := range points {
		if !stale(p) {
			continue
		}
		if err := syscall.Unmount(p, syscall.MNT_DETACH); err != nil {
			errs = append(errs, fmt.Errorf("unmount stale %q: %w", p, err))
			continue
		}
		swept = append(swept, p)
	}
	return swept, errors.Join(errs...)
}

// ourMounts lists the mount points of emufs mounts in a mountinfo table,
// keeping those under root when root is not empty.
func ourMounts(r io.Reader, root string) ([]string, error) {
	mounts, err := mountinfo.Parse(r)
	if err != nil {
		return nil, err
	}
	if root != "" {
		mounts = mountinfo.Below(mounts, root)
	}
	var points []string
	for _, m := range mounts {
		if m.FSType == "fuse."+FsName {
			points = append(points, m.Point)
		}
	}
	return points, nil
}

// stale reports whether the mount at point has lost its server.
func stale(point string) bool {
	result := make(chan error, 1)
	go func() {
		var st syscall.Stat_t
		result <- syscall.Stat(point, &st)
	}()
	select {
	case err := <-result:
		return errors.Is(err, syscall.ENOTCONN) || errors.Is(err, syscall.ECONNABORTED)
	case <-time.After(staleProbeTimeout):
		return false
	}
}
