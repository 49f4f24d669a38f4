package yardstick

import (
	"time"

	"golang.org/x/sys/unix"
)

// SettleWait bounds how long Run waits for the file system to settle.
// Flushing what one start of the simulated controller leaves (a 96 MB
// war of 1,000 files, a generated home) takes tens of milliseconds on a
// 2-core VM's disk; a disk that needs more than this is shared with
// heavier writers, and the workload is measured all the same.
const SettleWait = 10 * time.Second

// Settle writes back the dirty pages and commits the journal of the
// file system that holds dir (syncfs), and returns how long that took,
// at most wait: the reference workload's file part, which runs on that
// file system, then measures the host rather than the writeback of the
// run just measured. A subject that writes more files (a larger war
// written through an emulated volume, more jobs) leaves more to write
// back and more deletions to commit after its cleanup; timed before they
// settle, the file part takes longer, and a regression that adds I/O
// makes the host look slower and masks itself. (On a shared 2-core VM,
// the file part timed right after a simulated start and its cleanup
// took a median 1.7× as long as the same part after syncfs, in 24 of 32
// starts.) A failure to open dir leaves nothing to wait for.
func Settle(dir string, wait time.Duration) time.Duration {
	start := time.Now()
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer unix.Close(fd)
		_ = unix.Syncfs(fd)
	}()
	select {
	case <-done:
	case <-time.After(wait):
	}
	return time.Since(start)
}
