package emufs

import (
	"sync/atomic"
	"time"
)

// opcode is a file system operation the emulation delays and counts.
type opcode int

// The operations Stats counts, one per FUSE request type that pays a
// delay (opReaddir counts round trips of a listing, not requests).
// Stats keys them by their names.
const (
	opLookup opcode = iota
	opGetattr
	opOpen
	opOpendir
	opReaddir
	opRead
	opWrite
	opCreate
	opMkdir
	opRmdir
	opUnlink
	opRename
	opSetattr
	opLink
	opSymlink
	opMknod
	opFlush
	opFsync
	opCount
)

var opNames = [opCount]string{
	"lookup", "getattr", "open", "opendir", "readdir", "read", "write", "create", "mkdir", "rmdir",
	"unlink", "rename", "setattr", "link", "symlink", "mknod", "flush", "fsync",
}

// String returns the operation's name as Stats keys it ("lookup").
func (o opcode) String() string {
	if o < 0 || o >= opCount {
		return "unknown"
	}
	return opNames[o]
}

// Stats is what a mounted file system served and what it injected, per
// operation: lookup, getattr, open, opendir, readdir (round trips of listings),
// read, write, create, mkdir, rmdir, unlink, rename, setattr, link,
// symlink, mknod, flush, fsync. Operations never served are absent.
type Stats struct {
	Ops map[string]OpStats `json:"ops"`
}

// OpStats counts one operation. Latency is the sampled latency injected,
// Throttle the time spent waiting for a throughput or IOPS cap, Fetch the
// time spent fetching lazily restored blocks (Fetches of them).
type OpStats struct {
	Count    int64         `json:"count"`
	Bytes    int64         `json:"bytes,omitempty"`
	Latency  time.Duration `json:"latency_ns"`
	Throttle time.Duration `json:"throttle_ns"`
	Fetch    time.Duration `json:"fetch_ns"`
	Fetches  int64         `json:"fetches,omitempty"`
}

// Injected is the whole delay the operation was given.
func (o OpStats) Injected() time.Duration { return o.Latency + o.Throttle + o.Fetch }

// Total sums every operation.
func (s Stats) Total() OpStats {
	var t OpStats
	for _, o := range s.Ops {
		t.Count += o.Count
		t.Bytes += o.Bytes
		t.Latency += o.Latency
		t.Throttle += o.Throttle
		t.Fetch += o.Fetch
		t.Fetches += o.Fetches
	}
	return t
}

// counters are the live, lock-free form of Stats.
type counters [opCount]struct {
	count, bytes, latency, throttle, fetch, fetches atomic.Int64
}

func (c *counters) add(op opcode, bytes int64, latency, throttle, fetch time.Duration, fetches int) {
	e := &c[op]
	e.count.Add(1)
	e.bytes.Add(bytes)
	e.latency.Add(int64(latency))
	e.throttle.Add(int64(throttle))
	e.fetch.Add(int64(fetch))
	e.fetches.Add(int64(fetches))
}

func (c *counters) snapshot() Stats {
	s := Stats{Ops: map[string]OpStats{}}
	for op := range opCount {
		e := &c[op]
		if n := e.count.Load(); n > 0 {
			s.Ops[op.String()] = OpStats{
				Count:    n,
				Bytes:    e.bytes.Load(),
				Latency:  time.Duration(e.latency.Load()),
				Throttle: time.Duration(e.throttle.Load()),
				Fetch:    time.Duration(e.fetch.Load()),
				Fetches:  e.fetches.Load(),
			}
		}
	}
	return s
}
