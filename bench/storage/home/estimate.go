package home

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Bytes a generated home takes on disk, a little above what `jsbench home
// generate` measured on ext4 (du, 4 KiB blocks): 100 jobs without builds
// 1.34 MB (13.4 KiB a job), 1,000 builds 19.9 MB (19.9 KiB a build), 100
// plugins 83.2 MB (0.83 MB a plugin), system files and secrets under
// 100 KiB. The free-space check before a home is written relies on them.
const (
	EstimatedJobBytes    = 16 << 10
	EstimatedBuildBytes  = 24 << 10
	EstimatedPluginBytes = 1 << 20
	EstimatedSystemBytes = 1 << 20
)

// EstimateBytes is about what Populate writes for spec, on disk: exact
// for nothing, an upper estimate for a generated home. A dir home is
// measured with SourceBytes. It saturates instead of overflowing.
func EstimateBytes(spec Spec) int64 {
	if spec.Kind != KindGenerated {
		return 0
	}
	total := float64(EstimatedSystemBytes) +
		float64(spec.Jobs)*EstimatedJobBytes +
		float64(spec.Jobs)*float64(spec.BuildsPerJob)*EstimatedBuildBytes +
		float64(spec.Plugins)*EstimatedPluginBytes +
		float64(spec.Folders)*(4<<10)
	if total >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(total)
}

// SourceBytes sums the sizes of the regular files below dir, the bytes a
// dir home copies. It stops when ctx is cancelled.
func SourceBytes(ctx context.Context, dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	return total, err
}

// FreeBytes is the space an unprivileged writer may still use on the
// file system that holds dir.
func FreeBytes(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %q: %w", dir, err)
	}
	return int64(st.Bavail) * st.Bsize, nil
}
