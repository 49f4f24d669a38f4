package emufs

import (
	"context"
	"syscall"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"
)

// listingTrips is how many FUSE round trips a listing's first readdir
// round trip stands for: the kernel also asks once more for the entries
// after the last (an empty reply ends the listing), where an NFS client
// sends one READDIRPLUS. Opening the directory is a round trip of its
// own, which pays the close-to-open revalidation (OpendirHandle).
const listingTrips = 2

// dirStream is what the loopback's directory handle offers.
type dirStream interface {
	fs.DirStream
	fs.FileReaddirenter
	fs.FileSeekdirer
	fs.FileReleasedirer
	fs.FileFsyncdirer
}

// dir is an open directory whose listing pays one readdir round trip per
// Profile.ReaddirBatch entries. A round trip's delay runs while emufs
// reads the entries and looks each one up (READDIRPLUS), and is waited
// for at the end of the listing or when the next round trip starts.
type dir struct {
	stream dirStream
	n      *node
	// read counts the entries returned since the listing (re)started;
	// the kernel serializes readdir calls on a handle.
	read int
	// pending is the current round trip's reply.
	pending reply
}

var (
	_ fs.FileReaddirenter = (*dir)(nil)
	_ fs.FileLookuper     = (*dir)(nil)
	_ fs.FileSeekdirer    = (*dir)(nil)
	_ fs.FileReleasedirer = (*dir)(nil)
	_ fs.FileFsyncdirer   = (*dir)(nil)
)

func (d *dir) Readdirent(ctx context.Context) (*fuse.DirEntry, syscall.Errno) {
	if d.startsRoundTrip() && d.stream.HasNext() {
		d.pending.wait()
		trips := 1
		if d.read == 0 {
			trips = listingTrips
		}
		d.pending = d.n.s.serve(request{op: opReaddir, latency: d.n.s.p.Readdir, roundTrips: trips})
	}
	e, errno := d.stream.Readdirent(ctx)
	if e != nil {
		d.read++
	} else {
		d.pending.wait()
		d.pending = reply{}
	}
	return e, errno
}

func (d *dir) startsRoundTrip() bool {
	batch := d.n.s.p.ReaddirBatch
	return d.read == 0 || (batch > 0 && d.read%batch == 0)
}

// Lookup serves the attributes READDIRPLUS returns with each entry: they
// come with the listing's round trip, so they pay nothing more.
func (d *dir) Lookup(ctx context.Context, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	child, errno := d.n.LoopbackNode.Lookup(ctx, name, out)
	if errno == 0 {
		fresh(child)
	}
	return child, errno
}

func (d *dir) Seekdir(ctx context.Context, off uint64) syscall.Errno {
	if off == 0 {
		d.read = 0
		d.pending = reply{}
	}
	return d.stream.Seekdir(ctx, off)
}

func (d *dir) Releasedir(ctx context.Context, flags uint32) { d.stream.Releasedir(ctx, flags) }

func (d *dir) Fsyncdir(ctx context.Context, flags uint32) syscall.Errno {
	return d.stream.Fsyncdir(ctx, flags)
}
