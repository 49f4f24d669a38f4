package emufs

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// lazyBlocks remembers which blocks of restored files have been fetched.
// A file is restored when it was in the backing directory at the last
// restore (the mount, or Server.MarkRestored); files created afterwards
// are written to fresh blocks and never fetched.
type lazyBlocks struct {
	chunk    int64
	mu       sync.Mutex
	restored map[uint64]bool       // backing inode numbers
	ready    map[blockID]time.Time // when a fetched block arrived
}

type blockID struct {
	ino   uint64
	index int64
}

func newLazyBlocks(chunk int64) *lazyBlocks {
	if chunk <= 0 {
		return nil
	}
	return &lazyBlocks{chunk: chunk, restored: map[uint64]bool{}, ready: map[blockID]time.Time{}}
}

// restore marks every regular file under dir as restored and every block
// as not yet fetched.
func (l *lazyBlocks) restore(dir string) error {
	restored := map[uint64]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		var st syscall.Stat_t
		if err := syscall.Lstat(path, &st); err != nil {
			return fmt.Errorf("stat %q: %w", path, err)
		}
		restored[st.Ino] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("list restored files: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.restored, l.ready = restored, map[blockID]time.Time{}
	return nil
}

// touch records an access to [off, off+size) of file ino at now. It
// returns when the touched blocks are all present and how many this
// access had to fetch; fetch draws one fetch's duration.
func (l *lazyBlocks) touch(ino uint64, off, size int64, now time.Time, fetch func() time.Duration) (time.Time, int) {
	if l == nil || size <= 0 {
		return now, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.restored[ino] {
		return now, 0
	}
	ready, fetched := now, 0
	for i := off / l.chunk; i <= (off+size-1)/l.chunk; i++ {
		id := blockID{ino, i}
		at, ok := l.ready[id]
		if !ok {
			at = now.Add(fetch())
			l.ready[id] = at
			fetched++
		}
		ready = later(ready, at)
	}
	return ready, fetched
}
