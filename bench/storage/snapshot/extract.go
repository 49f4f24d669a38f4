package snapshot

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/lifecycle/cancel"
)

// ErrUnsafePath is returned for an archive entry that would land outside
// the destination (an absolute path, or one climbing out with "..").
var ErrUnsafePath = errors.New("entry escapes the destination")

// extractor writes the entries of one archive below root.
type extractor struct {
	root   *os.Root
	opts   RestoreOptions
	asRoot bool
	budget *budget
	buf    []byte
	stats  *Stats
	// dirs lists directory entries, whose modes and times are set last,
	// once their content is written.
	dirs []*tar.Header
	// made holds directories known to exist, so that a file's parents
	// are created once, not checked for every file.
	made map[string]bool
	// cur is the directory the last entry went to, opened as a root of
	// its own: operations on a base name in it cost one system call
	// instead of one per path component. Archives list a directory's
	// files together, so it rarely changes.
	cur     *os.Root
	curName string
}

// extract writes every entry of the tar stream r below dstDir. All
// writes go through an os.Root, which refuses to follow a symlink out of
// dstDir: an archive cannot plant "link -> /etc" and then write
// "link/passwd".
func extract(ctx context.Context, end *endReader, dstDir string, opts RestoreOptions, b *budget, stats *Stats) error {
	root, err := os.OpenRoot(dstDir)
	if err != nil {
		return fmt.Errorf("open destination: %w", err)
	}
	defer root.Close()
	x := &extractor{root: root, opts: opts, asRoot: os.Geteuid() == 0, budget: b,
		buf: make([]byte, 256<<10), stats: stats, made: map[string]bool{".": true}, cur: root, curName: "."}
	defer x.closeCur()
	if err := x.ownTarget(); err != nil {
		return err
	}
	tr := tar.NewReader(end)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			err := x.finishDirs()
			x.warnDropped()
			return err
		}
		if err != nil {
			return fmt.Errorf("read archive: %w", err)
		}
		if err := x.entry(hdr, cancel.Reader(ctx, tr)); err != nil {
			return err
		}
		end.entryDone()
	}
}

// cleanName turns an entry name into a path relative to the destination,
// or refuses it. "" means the destination itself.
func cleanName(name string) (string, error) {
	if strings.HasPrefix(name, "/") {
		return "", fmt.Errorf("%q: %w", name, ErrUnsafePath)
	}
	clean := path.Clean(name)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("%q: %w", name, ErrUnsafePath)
	}
	if clean == "." {
		return "", nil
	}
	return clean, nil
}

func (x *extractor) entry(hdr *tar.Header, content io.Reader) error {
	name, err := cleanName(hdr.Name)
	if err != nil {
		return err
	}
	if name == "" && hdr.Typeflag == tar.TypeDir && x.opts.ownsTarget {
		return x.targetEntry(hdr)
	}
	if name == "" || hdr.Typeflag == tar.TypeXGlobalHeader {
		return nil
	}
	if !isFileType(hdr.Typeflag) && !isTreeType(hdr.Typeflag) {
		x.stats.Warnings = append(x.stats.Warnings, fmt.Sprintf("%s: skipped entry of type %q", name, hdr.Typeflag))
		// Read past its content, so that the end of the archive is seen.
		if _, err := io.Copy(io.Discard, content); err != nil {
			return fmt.Errorf("read %q: %w", name, err)
		}
		return nil
	}
	if err := x.budget.charge(name, hdr); err != nil {
		return err
	}
	dir, err := x.enter(path.Dir(name), hdr)
	if err != nil {
		return fmt.Errorf("create parent of %q: %w", name, err)
	}
	base := path.Base(name)
	switch hdr.Typeflag {
	case tar.TypeDir:
		return x.dir(dir, base, name, hdr)
	case tar.TypeSymlink:
		return x.symlink(dir, base, name, hdr)
	case tar.TypeLink:
		return x.hardlink(name, hdr)
	}
	return x.file(dir, base, name, hdr, content)
}

// enter returns the directory dir (relative to the destination) opened
// as a root, creating it first if no entry did (see implied).
func (x *extractor) enter(dir string, hdr *tar.Header) (*os.Root, error) {
	if dir == x.curName {
		return x.cur, nil
	}
	if !x.made[dir] {
		if err := x.implied(dir, hdr); err != nil {
			return nil, err
		}
	}
	sub, err := x.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	x.closeCur()
	x.cur, x.curName = sub, dir
	return sub, nil
}

// implied creates the directories of dir that no entry listed (backups
// made by other tools often list files only), giving each to the owner
// of hdr, the entry that needs them: a Jenkins running as 1000 must be
// able to write in jobs/a when only jobs/a/config.xml was archived.
func (x *extractor) implied(dir string, hdr *tar.Header) error {
	for i := 0; i <= len(dir); i++ {
		if i < len(dir) && dir[i] != '/' {
			continue
		}
		p := dir[:i]
		if x.made[p] {
			continue
		}
		err := x.root.Mkdir(p, 0o755)
		switch {
		case errors.Is(err, fs.ErrExist):
			if info, serr := x.root.Stat(p); serr != nil || !info.IsDir() {
				return fmt.Errorf("%q exists and is not a directory", p)
			}
		case err != nil:
			return err
		default:
			uid, gid, _ := x.owner(hdr)
			if err := x.chownAs(p, uid, gid, func(uid, gid int) error { return x.root.Chown(p, uid, gid) }); err != nil {
				return err
			}
		}
		x.made[p] = true
	}
	return nil
}

// ownTarget gives the target directory, when the restore creates it, to
// the owner of the home: the --uid/--gid given, else the target's
// parent's owner (or the jenkins user when that is root).
func (x *extractor) ownTarget() error {
	if !x.opts.ownsTarget {
		return nil
	}
	uid, gid := x.opts.UID, x.opts.GID
	if uid < 0 {
		uid = x.opts.ownerUID
	}
	if gid < 0 {
		gid = x.opts.ownerGID
	}
	return x.chownAs(".", uid, gid, func(uid, gid int) error { return x.root.Chown(".", uid, gid) })
}

// targetEntry applies the archive's entry for its top directory to the
// target the restore creates: its owner now, its mode and times last.
func (x *extractor) targetEntry(hdr *tar.Header) error {
	x.dirs = append(x.dirs, hdr)
	return x.chown(".", hdr, func(uid, gid int) error { return x.root.Chown(".", uid, gid) })
}

// forget drops what is known about name before an entry replaces it:
// an empty directory may become a file or a symlink.
func (x *extractor) forget(name string) {
	if !x.made[name] {
		return
	}
	delete(x.made, name)
	if x.curName == name || strings.HasPrefix(x.curName, name+"/") {
		x.closeCur()
	}
}

func (x *extractor) closeCur() {
	if x.cur != x.root {
		x.cur.Close()
	}
	x.cur, x.curName = x.root, "."
}

func (x *extractor) dir(parent *os.Root, base, name string, hdr *tar.Header) error {
	// Owner-writable until finishDirs, so that a read-only directory can
	// still receive its content.
	err := parent.Mkdir(base, 0o700)
	if errors.Is(err, fs.ErrExist) {
		err = nil
		if info, statErr := parent.Lstat(base); statErr != nil || !info.IsDir() {
			err = fmt.Errorf("%q exists and is not a directory", name)
		}
	}
	if err != nil {
		return fmt.Errorf("create directory %q: %w", name, err)
	}
	x.made[name] = true
	x.stats.Dirs++
	x.dirs = append(x.dirs, hdr)
	return x.chown(name, hdr, func(uid, gid int) error { return parent.Chown(base, uid, gid) })
}

func (x *extractor) file(dir *os.Root, base, name string, hdr *tar.Header, content io.Reader) error {
	x.forget(name)
	f, err := create(dir, base)
	if err != nil {
		return fmt.Errorf("create %q: %w", name, err)
	}
	var n int64
	if isSparse(hdr) {
		n, err = copySparse(f, content, x.buf)
		x.stats.SparseFiles++
	} else {
		n, err = io.CopyBuffer(f, content, x.buf)
	}
	if err == nil {
		err = x.chown(name, hdr, f.Chown)
	}
	if err == nil {
		err = f.Chmod(x.mode(hdr))
	}
	if err == nil {
		err = fileTimes(f, hdr.ModTime)
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("write %q: %w", name, err)
	}
	x.stats.Files++
	x.stats.Bytes += n
	return nil
}

// fileTimes sets the times of an open file through its descriptor,
// sparing the path lookups of Root.Chtimes.
func fileTimes(f *os.File, mtime time.Time) error {
	ts := unix.NsecToTimespec(mtime.UnixNano())
	return unix.UtimesNanoAt(int(f.Fd()), "", []unix.Timespec{{Nsec: unix.UTIME_OMIT}, ts}, unix.AT_EMPTY_PATH)
}

// create makes a new file, replacing what a previous entry (or an
// earlier restore) left under the name: a file is never written through
// an existing symlink.
func create(dir *os.Root, base string) (*os.File, error) {
	const flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	f, err := dir.OpenFile(base, flags, 0o600)
	if !errors.Is(err, fs.ErrExist) {
		return f, err
	}
	if err := dir.Remove(base); err != nil {
		return nil, err
	}
	return dir.OpenFile(base, flags, 0o600)
}

func (x *extractor) symlink(dir *os.Root, base, name string, hdr *tar.Header) error {
	x.forget(name)
	if err := remove(dir, base); err != nil {
		return err
	}
	// The target is stored as it is: Jenkins' own links (lastSuccessful,
	// lastStable) are relative, and a link is harmless until followed,
	// which Restore never does.
	if err := dir.Symlink(hdr.Linkname, base); err != nil {
		return fmt.Errorf("create symlink %q: %w", name, err)
	}
	x.stats.Symlinks++
	if err := x.chown(name, hdr, func(uid, gid int) error { return dir.Lchown(base, uid, gid) }); err != nil {
		return err
	}
	if err := symlinkTimes(dir, base, hdr.ModTime); err != nil {
		return fmt.Errorf("set times of symlink %q: %w", name, err)
	}
	return nil
}

// symlinkTimes sets a symlink's own times, which os.Root cannot: its
// Chtimes follows the link. The directory's descriptor keeps the call
// inside the destination.
func symlinkTimes(dir *os.Root, base string, mtime time.Time) error {
	d, err := dir.Open(".")
	if err != nil {
		return err
	}
	defer d.Close()
	ts := unix.NsecToTimespec(mtime.UnixNano())
	return unix.UtimesNanoAt(int(d.Fd()), base, []unix.Timespec{ts, ts}, unix.AT_SYMLINK_NOFOLLOW)
}

func (x *extractor) hardlink(name string, hdr *tar.Header) error {
	target, err := cleanName(hdr.Linkname)
	if err != nil || target == "" {
		return fmt.Errorf("hard link %q to %q: %w", name, hdr.Linkname, ErrUnsafePath)
	}
	x.forget(name)
	if err := remove(x.root, name); err != nil {
		return err
	}
	if err := x.root.Link(target, name); err != nil {
		return fmt.Errorf("create hard link %q: %w", name, err)
	}
	x.stats.Files++
	return nil
}

// remove clears the way for a new entry, as create does.
func remove(dir *os.Root, name string) error {
	err := dir.Remove(name)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fmt.Errorf("replace %q: %w", name, err)
}

// chown gives the entry to its owner (see owner), when running as root.
func (x *extractor) chown(name string, hdr *tar.Header, chown func(uid, gid int) error) error {
	uid, gid, dropped := x.owner(hdr)
	if dropped && x.asRoot {
		x.stats.DroppedPrivileges++
	}
	return x.chownAs(name, uid, gid, chown)
}

// owner is who an entry goes to: the configured owner, else the one the
// archive recorded, and, when privileges are dropped, the fallback owner
// instead of root (dropped is then true).
func (x *extractor) owner(hdr *tar.Header) (uid, gid int, dropped bool) {
	uid, gid = x.opts.UID, x.opts.GID
	if uid < 0 {
		uid = hdr.Uid
	}
	if gid < 0 {
		gid = hdr.Gid
	}
	if !x.opts.KeepPrivileges && (uid == 0 || gid == 0) {
		dropped = true
		if uid == 0 {
			uid = x.opts.ownerUID
		}
		if gid == 0 {
			gid = x.opts.ownerGID
		}
	}
	return uid, gid, dropped
}

// chownAs calls chown with uid and gid when running as root.
func (x *extractor) chownAs(name string, uid, gid int, chown func(uid, gid int) error) error {
	if !x.asRoot {
		return nil
	}
	if err := chown(uid, gid); err != nil {
		return fmt.Errorf("give %q to %d:%d: %w", name, uid, gid, err)
	}
	return nil
}

// finishDirs sets directory modes and times, deepest first, after their
// content is written (writing a file changes its directory's mtime).
func (x *extractor) finishDirs() error {
	for i := len(x.dirs) - 1; i >= 0; i-- {
		hdr := x.dirs[i]
		name, _ := cleanName(hdr.Name)
		if name == "" {
			name = "."
		}
		if err := x.root.Chmod(name, x.mode(hdr)); err != nil {
			return fmt.Errorf("set mode of %q: %w", name, err)
		}
		if err := setTimes(x.root, name, name, hdr); err != nil {
			return err
		}
	}
	return nil
}

func setTimes(dir *os.Root, base, name string, hdr *tar.Header) error {
	if err := dir.Chtimes(base, time.Time{}, hdr.ModTime); err != nil {
		return fmt.Errorf("set times of %q: %w", name, err)
	}
	return nil
}

// mode keeps the permission bits and the sticky bit, and setuid and
// setgid only when privileges are kept.
func (x *extractor) mode(hdr *tar.Header) fs.FileMode {
	m := hdr.FileInfo().Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if !x.opts.KeepPrivileges && m&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
		m &^= fs.ModeSetuid | fs.ModeSetgid
		x.stats.DroppedPrivileges++
	}
	return m
}
