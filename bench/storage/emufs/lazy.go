package emufs

import (
	"sync"
	"time"
)

// lazyBlocks remembers which blocks of restored files have been fetched.
// Every file counts as restored from the snapshot, whether it was in the
// backing directory at the mount or written there directly afterwards
// (the volume's populate step), except the files created through the
// mount since the last restore: those are written to fresh blocks and
// never fetched.
type lazyBlocks struct {
	chunk   int64
	mu      sync.Mutex
	created map[uint64]bool       // inode numbers created through the mount
	ready   map[blockID]time.Time // when a fetched block arrived
}

type blockID struct {
	ino   uint64
	index int64
}

func newLazyBlocks(chunk int64) *lazyBlocks {
	if chunk <= 0 {
		return nil
	}
	l := &lazyBlocks{chunk: chunk}
	l.restore()
	return l
}

// restore makes every file count as restored and every block as not yet
// fetched.
func (l *lazyBlocks) restore() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.created, l.ready = map[uint64]bool{}, map[blockID]time.Time{}
}

// create records a file created through the mount.
func (l *lazyBlocks) create(ino uint64) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.created[ino] = true
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
	if l.created[ino] {
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
