package emufs

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// passesThrough checks that the kernel really hands data to the backing
// file: it writes a probe file through the mount and looks whether the
// write reached emufs. The kernel may offer passthrough and still refuse
// a backing file (one on a stacked file system), and go-fuse then falls
// back silently to FUSE requests. The probe's requests are not counted
// in Stats.
func (s *Server) passesThrough() bool {
	name := ".jsbench-passthrough-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	path := filepath.Join(s.mountPoint, name)
	before := s.shaper.stats[opWrite].count.Load()
	err := os.WriteFile(path, []byte("probe"), 0o600)
	reached := s.shaper.stats[opWrite].count.Load() != before
	os.Remove(path)
	os.Remove(filepath.Join(s.backingDir, name))
	s.shaper.stats = counters{}
	return err == nil && !reached
}
