package emufs

import (
	"context"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"
)

// node is a loopback node whose operations wait as the profile says.
// Operations it does not override (readlink, xattrs, statfs) pass
// through undelayed.
type node struct {
	*fs.LoopbackNode
	s *shaper
	// attrAt is when the kernel last received this node's attributes
	// (Unix nanoseconds), for the attribute cache getattr emulates.
	attrAt atomic.Int64
}

var (
	_ fs.NodeWrapChilder    = (*node)(nil)
	_ fs.NodeLookuper       = (*node)(nil)
	_ fs.NodeGetattrer      = (*node)(nil)
	_ fs.NodeStatxer        = (*node)(nil)
	_ fs.NodeSetattrer      = (*node)(nil)
	_ fs.NodeOpener         = (*node)(nil)
	_ fs.NodeCreater        = (*node)(nil)
	_ fs.NodeTmpfiler       = (*node)(nil)
	_ fs.NodeOpendirHandler = (*node)(nil)
	_ fs.NodeMkdirer        = (*node)(nil)
	_ fs.NodeRmdirer        = (*node)(nil)
	_ fs.NodeUnlinker       = (*node)(nil)
	_ fs.NodeRenamer        = (*node)(nil)
	_ fs.NodeSymlinker      = (*node)(nil)
	_ fs.NodeLinker         = (*node)(nil)
	_ fs.NodeMknoder        = (*node)(nil)
)

// WrapChild makes every node the loopback creates one of ours.
func (n *node) WrapChild(ctx context.Context, ops fs.InodeEmbedder) fs.InodeEmbedder {
	return &node{LoopbackNode: ops.(*fs.LoopbackNode), s: n.s}
}

// fresh records that the kernel just received the attributes of the
// node behind in, if it is one of ours.
func fresh(in *fs.Inode) {
	if n, ok := in.Operations().(*node); ok {
		n.attrAt.Store(time.Now().UnixNano())
	}
}

func (n *node) Lookup(ctx context.Context, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	if isCalibration(name) && n.IsRoot() {
		n.s.sleep.until(time.Now().Add(calibrationDelay))
		return nil, syscall.ENOENT
	}
	defer n.s.simple(opLookup, n.s.p.Metadata).wait()
	child, errno := n.LoopbackNode.Lookup(ctx, name, out)
	switch errno {
	case 0:
		fresh(child)
	case syscall.ENOENT:
		if n.s.p.Cache.Negative > 0 {
			n.s.negatives.add(n.EmbeddedInode(), name)
		}
	}
	return child, errno
}

// Getattr pays a round trip only when an NFS client's attribute cache
// would have expired: the kernel also asks after every write and read
// (size, times), which an NFS client answers from the attributes its
// replies carried.
func (n *node) Getattr(ctx context.Context, f fs.FileHandle, out *fuse.AttrOut) syscall.Errno {
	defer n.getattrDelay().wait()
	return n.LoopbackNode.Getattr(ctx, unwrap(f), out)
}

func (n *node) Statx(ctx context.Context, f fs.FileHandle, flags, mask uint32, out *fuse.StatxOut) syscall.Errno {
	defer n.getattrDelay().wait()
	return n.LoopbackNode.Statx(ctx, unwrap(f), flags, mask, out)
}

func (n *node) getattrDelay() reply {
	var l Latency
	if time.Since(time.Unix(0, n.attrAt.Load())) >= n.s.p.Cache.Attr.D() {
		l = n.s.p.Metadata
	}
	fresh(n.EmbeddedInode())
	return n.s.simple(opGetattr, l)
}

// Setattr pays for a change a program asked for. The kernel's writeback
// cache also sends the modification times it kept while writing; a
// network file system's server sets those itself, so they are free.
func (n *node) Setattr(ctx context.Context, f fs.FileHandle, in *fuse.SetAttrIn, out *fuse.AttrOut) syscall.Errno {
	var l Latency
	if in.Valid&^(fuse.FATTR_MTIME|fuse.FATTR_CTIME|fuse.FATTR_FH|fuse.FATTR_LOCKOWNER) != 0 {
		l = n.s.p.Namespace
	}
	defer n.s.simple(opSetattr, l).wait()
	fresh(n.EmbeddedInode())
	return n.LoopbackNode.Setattr(ctx, unwrap(f), in, out)
}

// readable opens write-only files for reading too: with the kernel's
// writeback cache, a partial write of a page not in the cache makes the
// kernel read the page through any handle of the file.
func readable(flags uint32) uint32 {
	if flags&syscall.O_ACCMODE == syscall.O_WRONLY {
		flags = flags&^syscall.O_ACCMODE | syscall.O_RDWR
	}
	return flags
}

// Open pays the close-to-open revalidation and keeps the kernel's page
// cache: nothing but this mount changes the backing files.
func (n *node) Open(ctx context.Context, flags uint32) (fs.FileHandle, uint32, syscall.Errno) {
	defer n.s.simple(opOpen, n.s.p.Open).wait()
	fh, fuseFlags, errno := n.LoopbackNode.Open(ctx, readable(flags))
	if errno != 0 {
		return nil, 0, errno
	}
	return n.s.newFile(fh, n.StableAttr().Ino), fuseFlags | fuse.FOPEN_KEEP_CACHE, 0
}

func (n *node) Create(ctx context.Context, name string, flags, mode uint32, out *fuse.EntryOut) (*fs.Inode, fs.FileHandle, uint32, syscall.Errno) {
	defer n.s.simple(opCreate, n.s.p.Namespace).wait()
	child, fh, fuseFlags, errno := n.LoopbackNode.Create(ctx, name, readable(flags), mode, out)
	if errno != 0 {
		return nil, nil, 0, errno
	}
	fresh(child)
	n.s.lazy.create(child.StableAttr().Ino)
	return child, n.s.newFile(fh, child.StableAttr().Ino), fuseFlags | fuse.FOPEN_KEEP_CACHE, 0
}

func (n *node) Tmpfile(ctx context.Context, flags, mode uint32, out *fuse.EntryOut) (*fs.Inode, fs.FileHandle, uint32, syscall.Errno) {
	defer n.s.simple(opCreate, n.s.p.Namespace).wait()
	child, fh, fuseFlags, errno := n.LoopbackNode.Tmpfile(ctx, readable(flags), mode, out)
	if errno != 0 {
		return nil, nil, 0, errno
	}
	n.s.lazy.create(child.StableAttr().Ino)
	return child, n.s.newFile(fh, child.StableAttr().Ino), fuseFlags, 0
}

// OpendirHandle pays the close-to-open revalidation as Open does: an NFS
// client revalidates a directory's attributes when it is opened too
// (nfs_lookup_verify_inode forces a GETATTR for regular files and
// directories alike unless the mount says nocto).
func (n *node) OpendirHandle(ctx context.Context, flags uint32) (fs.FileHandle, uint32, syscall.Errno) {
	defer n.s.simple(opOpendir, n.s.p.Open).wait()
	fh, fuseFlags, errno := n.LoopbackNode.OpendirHandle(ctx, flags)
	if errno != 0 {
		return nil, 0, errno
	}
	return &dir{stream: fh.(dirStream), n: n}, fuseFlags, 0
}

func (n *node) Mkdir(ctx context.Context, name string, mode uint32, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	defer n.s.simple(opMkdir, n.s.p.Namespace).wait()
	child, errno := n.LoopbackNode.Mkdir(ctx, name, mode, out)
	if errno == 0 {
		fresh(child)
	}
	return child, errno
}

func (n *node) Rmdir(ctx context.Context, name string) syscall.Errno {
	defer n.s.simple(opRmdir, n.s.p.Namespace).wait()
	return n.LoopbackNode.Rmdir(ctx, name)
}

func (n *node) Unlink(ctx context.Context, name string) syscall.Errno {
	defer n.s.simple(opUnlink, n.s.p.Namespace).wait()
	return n.LoopbackNode.Unlink(ctx, name)
}

func (n *node) Rename(ctx context.Context, name string, newParent fs.InodeEmbedder, newName string, flags uint32) syscall.Errno {
	defer n.s.simple(opRename, n.s.p.Namespace).wait()
	return n.LoopbackNode.Rename(ctx, name, newParent, newName, flags)
}

func (n *node) Symlink(ctx context.Context, target, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	defer n.s.simple(opSymlink, n.s.p.Namespace).wait()
	return n.LoopbackNode.Symlink(ctx, target, name, out)
}

func (n *node) Link(ctx context.Context, target fs.InodeEmbedder, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	defer n.s.simple(opLink, n.s.p.Namespace).wait()
	return n.LoopbackNode.Link(ctx, target, name, out)
}

func (n *node) Mknod(ctx context.Context, name string, mode, rdev uint32, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	defer n.s.simple(opMknod, n.s.p.Namespace).wait()
	return n.LoopbackNode.Mknod(ctx, name, mode, rdev, out)
}
