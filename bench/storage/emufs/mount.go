package emufs

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"
)

// FsName is the source and subtype of every emufs mount, as
// /proc/self/mountinfo shows them (fstype "fuse.jsbench-emufs"); Sweep
// finds leftovers by it.
const FsName = "jsbench-emufs"

// maxWrite is the largest read or write request the kernel sends: the
// Linux default of 32 pages.
const maxWrite = 128 * 1024

// detachWait bounds how long Unmount waits for the last user of a busy
// mount it had to detach.
const detachWait = 10 * time.Second

// Server is one mounted emulated file system.
type Server struct {
	mountPoint string
	backingDir string
	fuse       *fuse.Server
	shaper     *shaper
	root       *node
	calibrator *calibrator

	mu        sync.Mutex
	unmounted bool
	err       error
}

// Option changes how Mount mounts.
type Option func(*mountConfig)

type mountConfig struct {
	seed       uint64
	allowOther bool
}

// WithSeed seeds the jitter, so that runs with the same seed draw the
// same delays for the same sequence of requests. The default seed is 1.
func WithSeed(seed uint64) Option { return func(c *mountConfig) { c.seed = seed } }

// WithAllowOther lets users other than the mounting one (a container
// running as uid 1000) use the mount. Files they create are theirs in
// the backing directory too. Permissions are not enforced: checking them
// would cost the kernel a getattr of the parent before every create,
// which no network file system client pays.
func WithAllowOther() Option { return func(c *mountConfig) { c.allowOther = true } }

// Mount mounts at mountPoint a file system that shows backingDir and
// delays every operation as p says. Call Unmount when done.
func Mount(mountPoint, backingDir string, p Profile, opts ...Option) (*Server, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("check profile %q: %w", p.Name, err)
	}
	cfg := mountConfig{seed: 1}
	for _, o := range opts {
		o(&cfg)
	}
	backingDir, err := filepath.Abs(backingDir)
	if err != nil {
		return nil, fmt.Errorf("resolve backing directory %q: %w", backingDir, err)
	}
	s := &Server{mountPoint: mountPoint, backingDir: backingDir, shaper: newShaper(p, cfg.seed)}
	if err := s.mount(p, cfg); err != nil {
		return nil, err
	}
	return s, nil
}

// mount mounts with the data path the profile allows. A passthrough
// mount the kernel would not honour (an older kernel, a backing
// directory on a stacked file system) is mounted again with the
// writeback cache.
func (s *Server) mount(p Profile, cfg mountConfig) error {
	s.shaper.dataPath = dataPath(p)
	if err := s.mountWith(p, cfg); err != nil {
		return err
	}
	if s.shaper.dataPath == DataPassthrough && !s.passesThrough() {
		if err := s.fuse.Unmount(); err != nil {
			return fmt.Errorf("unmount %q to mount it again without passthrough: %w", s.mountPoint, err)
		}
		s.shaper.dataPath = DataWriteback
		if err := s.mountWith(p, cfg); err != nil {
			return err
		}
	}
	s.calibrate()
	return nil
}

func (s *Server) mountWith(p Profile, cfg mountConfig) error {
	loopback, err := fs.NewLoopbackRoot(s.backingDir)
	if err != nil {
		return fmt.Errorf("open backing directory %q: %w", s.backingDir, err)
	}
	ln := loopback.(*fs.LoopbackNode)
	s.root = &node{LoopbackNode: ln, s: s.shaper}
	ln.RootData.RootNode = s.root
	server, err := fs.Mount(s.mountPoint, s.root, fuseOptions(p, cfg, s.shaper.dataPath))
	if err != nil {
		return fmt.Errorf("mount %q over %q: %w", s.mountPoint, s.backingDir, err)
	}
	s.fuse = server
	return nil
}

// fuseOptions mounts without fusermount (root) and lets the kernel skip
// every request it can: the emulation should add delays, not requests.
// The data path (see DataPath) decides whether data requests come at
// all; no xattrs spares a security.capability query per write;
// explicit cache control keeps pages when attributes change, as only
// this mount writes the backing files.
func fuseOptions(p Profile, cfg mountConfig, data DataPath) *fs.Options {
	entry, attr, negative := p.Cache.Entry.D(), p.Cache.Attr.D(), p.Cache.Negative.D()
	extra, disabled := data.capabilities()
	return &fs.Options{
		MountOptions: fuse.MountOptions{
			AllowOther:               cfg.allowOther,
			DirectMount:              true,
			DirectMountFlags:         syscall.MS_NOSUID | syscall.MS_NODEV | syscall.MS_NOATIME,
			FsName:                   FsName,
			Name:                     FsName,
			MaxWrite:                 maxWrite,
			DisableXAttrs:            true,
			ExplicitDataCacheControl: true,
			ExtraCapabilities:        extra,
			DisabledCapabilities:     disabled,
		},
		EntryTimeout:    &entry,
		AttrTimeout:     &attr,
		NegativeTimeout: &negative,
	}
}

// MountPoint returns where the file system is mounted.
func (s *Server) MountPoint() string { return s.mountPoint }

// DataPath returns how file data moves through this mount.
func (s *Server) DataPath() DataPath { return s.shaper.dataPath }

// Profile returns the profile the file system emulates.
func (s *Server) Profile() Profile { return s.shaper.p }

// Stats returns what the file system served and injected so far.
func (s *Server) Stats() Stats { return s.shaper.stats.snapshot() }

// MarkRestored makes every file count as restored from a snapshot, also
// those created through the mount so far: with a lazy profile, each of
// their blocks is fetched again on first touch, and the kernel forgets
// their cached pages. Files written straight into the backing directory
// count as restored without it; call it after populating the volume
// through the mount.
func (s *Server) MarkRestored() {
	if s.shaper.lazy == nil {
		return
	}
	s.shaper.lazy.restore()
	dropPages(s.root.EmbeddedInode())
}

// dropPages asks the kernel to forget the cached pages of every file it
// knows under n.
func dropPages(n *fs.Inode) {
	for _, child := range n.Children() {
		if child.IsDir() {
			dropPages(child)
		} else {
			child.NotifyContent(0, 0)
		}
	}
}

// Unmount unmounts the file system and waits for its serve loop to end.
// A mount still in use is detached instead: it disappears from the
// namespace and ends when its last user lets go. Calling Unmount again
// returns the first call's result.
func (s *Server) Unmount() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unmounted {
		return s.err
	}
	s.unmounted = true
	s.stopCalibration()
	if err := s.fuse.Unmount(); err != nil {
		s.err = s.detach(err)
	}
	return s.err
}

// detach lazily unmounts a busy mount and waits a while for it to end.
func (s *Server) detach(cause error) error {
	if err := syscall.Unmount(s.mountPoint, syscall.MNT_DETACH); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("unmount %q: %w (detach: %w)", s.mountPoint, cause, err)
	}
	done := make(chan struct{})
	go func() { s.fuse.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(detachWait):
		return fmt.Errorf("unmount %q: detached, but still in use after %v: %w", s.mountPoint, detachWait, cause)
	}
}
