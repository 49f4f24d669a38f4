package csidriver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// copyTree copies the directory src to dst (which must not exist) with
// modes, owners and modification times, and returns the bytes of file
// data copied. A file is a reflink where the file system has them
// (btrfs, XFS): a snapshot then costs no copy of the data, as EBS's
// incremental snapshots copy only changed blocks; elsewhere (ext4) its
// data is copied.
func copyTree(src, dst string) (int64, error) {
	var total int64
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			err = os.Mkdir(to, info.Mode().Perm())
		case d.Type()&fs.ModeSymlink != 0:
			var target string
			if target, err = os.Readlink(path); err == nil {
				err = os.Symlink(target, to)
			}
		case d.Type().IsRegular():
			var n int64
			n, err = copyFile(path, to, info.Mode().Perm())
			total += n
		default:
			return nil // sockets, fifos, devices: not in a home
		}
		if err != nil {
			return fmt.Errorf("copy %q: %w", path, err)
		}
		return keepAttrs(to, info)
	})
	if err != nil {
		return total, err
	}
	// Directories' times last: creating their entries changed them.
	return total, filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		return keepTimes(filepath.Join(dst, rel), info)
	})
}

func copyFile(from, to string, perm fs.FileMode) (int64, error) {
	in, err := os.Open(from)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
	if err != nil {
		return 0, err
	}
	st, _ := in.Stat()
	if err := unix.IoctlFileClone(int(out.Fd()), int(in.Fd())); err == nil {
		return st.Size(), out.Close()
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// keepAttrs gives to the owner, mode and times of info.
func keepAttrs(to string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := os.Lchown(to, int(st.Uid), int(st.Gid)); err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	if err := os.Chmod(to, info.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSetuid|fs.ModeSticky)); err != nil {
		return err
	}
	return keepTimes(to, info)
}

func keepTimes(to string, info fs.FileInfo) error {
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	err := os.Chtimes(to, info.ModTime(), info.ModTime())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
