package probe

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

const (
	// fsyncBytes is what each fsync makes durable: one page, as a small
	// config.xml save does.
	fsyncBytes = 4 << 10
	// seqChunk is the size of each sequential write and read call.
	seqChunk = 1 << 20
	// directAlign is the buffer alignment O_DIRECT needs on Linux file
	// systems with 4 KiB blocks.
	directAlign = 4096
)

// fsync rewrites a page and times the fsync that makes it durable.
func (r *run) fsync() {
	f, err := os.OpenFile(filepath.Join(r.dir, "fsync.dat"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		r.err = fmt.Errorf("probe fsync: %w", err)
		return
	}
	defer f.Close()
	page := make([]byte, fsyncBytes)
	r.sample("fsync", r.plan.fsyncs, func(i int) (time.Duration, error) {
		page[0] = byte(i)
		if _, err := f.WriteAt(page, 0); err != nil {
			return 0, err
		}
		return timed(f.Sync)
	})
}

// sequential writes one large file in 1 MiB calls, fsyncs it, then reads
// it back once the page cache has dropped it.
func (r *run) sequential() {
	path := filepath.Join(r.dir, "sequential.dat")
	written, took, err := r.writeSequential(path)
	if err != nil {
		r.err = fmt.Errorf("probe sequential write: %w", err)
		return
	}
	r.report.SeqBytes = written
	r.report.SeqWriteMiBPerS = mibPerS(written, took)
	read, took, err := r.readUncached(path)
	if err != nil {
		r.err = fmt.Errorf("probe sequential read: %w", err)
		return
	}
	r.report.SeqReadMiBPerS = mibPerS(read, took)
}

func (r *run) writeSequential(path string) (int64, time.Duration, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	chunk := make([]byte, seqChunk)
	start := time.Now()
	var written int64
	for written < r.plan.seqBytes && r.ctx.Err() == nil {
		if r.phaseBudget > 0 && time.Since(start) > r.phaseBudget {
			r.warnf("sequential write: budget spent after %d of %d MiB", written>>20, r.plan.seqBytes>>20)
			break
		}
		n, err := f.Write(chunk)
		written += int64(n)
		if err != nil {
			return written, 0, err
		}
	}
	if err := f.Sync(); err != nil {
		return written, 0, err
	}
	return written, time.Since(start), f.Close()
}

// readUncached drops the file's cached pages, then reads it. Where the
// kernel will not drop them it reads with O_DIRECT, and where neither
// works it says so: the figure is then the page cache's.
func (r *run) readUncached(path string) (int64, time.Duration, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err == nil {
		return readTimed(f, make([]byte, seqChunk))
	}
	direct, err := os.OpenFile(path, os.O_RDONLY|unix.O_DIRECT, 0)
	if err != nil {
		r.warnf("sequential read: neither fadvise nor O_DIRECT works here (%v); the read may come from the page cache", err)
		return readTimed(f, make([]byte, seqChunk))
	}
	defer direct.Close()
	return readTimed(direct, alignedBuffer(seqChunk))
}

func readTimed(f *os.File, buf []byte) (int64, time.Duration, error) {
	start := time.Now()
	var total int64
	for {
		n, err := f.Read(buf)
		total += int64(n)
		if errors.Is(err, io.EOF) {
			return total, time.Since(start), nil
		}
		if err != nil {
			return total, 0, err
		}
	}
}

// alignedBuffer returns size bytes starting at a directAlign boundary.
func alignedBuffer(size int) []byte {
	buf := make([]byte, size+directAlign)
	offset := directAlign - int(uintptr(unsafe.Pointer(&buf[0]))%directAlign)
	return buf[offset%directAlign : offset%directAlign+size]
}
