// Package pagecache empties the kernel's page cache before a cold start,
// so that every run reads JENKINS_HOME and the WAR from storage rather
// than from memory left warm by the run before.
package pagecache

import (
	"os"
	"syscall"
)

// Drop writes back dirty pages and drops the page cache, dentries and
// inodes (`sync; echo 3 > /proc/sys/vm/drop_caches`). It needs root and
// reports whether the drop happened.
func Drop() bool {
	if os.Geteuid() != 0 {
		return false
	}
	syscall.Sync()
	return os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0o200) == nil
}
