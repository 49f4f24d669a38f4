package volume

import (
	"path/filepath"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// mountFacts returns the file system type, source and mount options of
// the mount that holds path, or nil when the mount table cannot be read.
func mountFacts(path string) map[string]string {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	mounts, err := mountinfo.Read()
	if err != nil {
		return nil
	}
	m, ok := mountinfo.Holding(mounts, path)
	if !ok {
		return nil
	}
	return map[string]string{
		"mountpoint": m.Point,
		"fstype":     m.FSType,
		"source":     m.Source,
		"options":    m.Options,
	}
}
