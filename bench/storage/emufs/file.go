package emufs

import (
	"context"
	"sync"
	"syscall"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"
)

// file is an open loopback file whose reads, writes, flushes and fsyncs
// wait as the profile says. It wraps rather than embeds the loopback
// file: an embedded PassthroughFd would let the kernel bypass us.
type file struct {
	lf  *fs.LoopbackFile
	s   *shaper
	ino uint64

	mu sync.Mutex
	// dirty is set by a write and cleared by the next flush.
	dirty bool
	// pendingBytes and pendingWrites are buffered writes not yet fsynced.
	pendingBytes, pendingWrites int64
}

var (
	_ fs.FileReader    = (*file)(nil)
	_ fs.FileWriter    = (*file)(nil)
	_ fs.FileWritever  = (*file)(nil)
	_ fs.FileFlusher   = (*file)(nil)
	_ fs.FileFsyncer   = (*file)(nil)
	_ fs.FileReleaser  = (*file)(nil)
	_ fs.FileGetattrer = (*file)(nil)
	_ fs.FileSetattrer = (*file)(nil)
	_ fs.FileLseeker   = (*file)(nil)
	_ fs.FileAllocater = (*file)(nil)
)

func (s *shaper) newFile(fh fs.FileHandle, ino uint64) *file {
	lazyIno := uint64(0)
	if s.lazy != nil {
		lazyIno = ino
	}
	return &file{lf: fh.(*fs.LoopbackFile), s: s, ino: lazyIno}
}

// unwrap returns the loopback handle under one of ours, so that the
// loopback node's code sees the type it expects.
func unwrap(f fs.FileHandle) fs.FileHandle {
	switch h := f.(type) {
	case *file:
		return h.lf
	case *dir:
		return nil
	}
	return f
}

// Read is a read the page cache could not serve: it pays the read latency
// and counts against both caps.
func (f *file) Read(ctx context.Context, dest []byte, off int64) (fuse.ReadResult, syscall.Errno) {
	n := int64(len(dest))
	defer f.s.serve(request{op: opRead, latency: f.s.p.Read, bytes: n, capBytes: n, capIOs: 1, ino: f.ino, off: off, size: n}).wait()
	return f.lf.Read(ctx, dest, off)
}

func (f *file) Write(ctx context.Context, data []byte, off int64) (uint32, syscall.Errno) {
	defer f.beforeWrite(int64(len(data)), off).wait()
	return f.lf.Write(ctx, data, off)
}

func (f *file) Writev(ctx context.Context, data [][]byte, off int64) (uint32, syscall.Errno) {
	var n int64
	for _, d := range data {
		n += int64(len(d))
	}
	defer f.beforeWrite(n, off).wait()
	return f.lf.Writev(ctx, data, off)
}

// beforeWrite draws the delay of a write of n bytes. Written through, it
// counts against the caps at once; buffered, it waits for the next fsync.
func (f *file) beforeWrite(n, off int64) reply {
	r := request{op: opWrite, latency: f.s.p.Write, bytes: n, ino: f.ino, off: off, size: n}
	f.mu.Lock()
	f.dirty = true
	if f.s.p.Writes == WriteBuffered {
		f.pendingBytes += n
		f.pendingWrites++
	} else {
		r.capBytes, r.capIOs = n, 1
	}
	f.mu.Unlock()
	return f.s.serve(r)
}

// Flush runs at every close. Only closing a written file pays: that is
// when a network file system commits the data. A profile whose flush is
// free answers ENOSYS, and the kernel stops sending flushes at all.
func (f *file) Flush(ctx context.Context) syscall.Errno {
	if f.s.p.Flush.Median == 0 {
		return syscall.ENOSYS
	}
	f.mu.Lock()
	dirty := f.dirty
	f.dirty = false
	f.mu.Unlock()
	r := request{op: opFlush}
	if dirty {
		r.latency = f.s.p.Flush
	}
	defer f.s.serve(r).wait()
	return f.lf.Flush(ctx)
}

// Fsync pays the device's latency plus, for buffered writes, the caps'
// price of everything written since the last fsync. A profile with an
// fsync latency stands for the device, so the host's disk is not synced
// as well; a profile without one (none) syncs it, to compare with the
// host.
func (f *file) Fsync(ctx context.Context, flags uint32) syscall.Errno {
	f.mu.Lock()
	r := request{op: opFsync, latency: f.s.p.Fsync, capBytes: f.pendingBytes, capIOs: f.pendingWrites + 1}
	f.pendingBytes, f.pendingWrites = 0, 0
	f.mu.Unlock()
	defer f.s.serve(r).wait()
	if f.s.p.Fsync.Median > 0 {
		return 0
	}
	return f.lf.Fsync(ctx, flags)
}

func (f *file) Release(ctx context.Context) syscall.Errno { return f.lf.Release(ctx) }

func (f *file) Getattr(ctx context.Context, out *fuse.AttrOut) syscall.Errno {
	return f.lf.Getattr(ctx, out)
}

func (f *file) Setattr(ctx context.Context, in *fuse.SetAttrIn, out *fuse.AttrOut) syscall.Errno {
	return f.lf.Setattr(ctx, in, out)
}

func (f *file) Lseek(ctx context.Context, off uint64, whence uint32) (uint64, syscall.Errno) {
	return f.lf.Lseek(ctx, off, whence)
}

func (f *file) Allocate(ctx context.Context, off, size uint64, mode uint32) syscall.Errno {
	return f.lf.Allocate(ctx, off, size, mode)
}
