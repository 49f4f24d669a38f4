package home

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/lifecycle/cancel"
)

// keptModeBits are the permission bits a copy keeps.
const keptModeBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// copyTree copies src into dst keeping modes, modification times and
// symbolic links (as links). Times matter: Jenkins decides from them
// whether to extract the WAR and explode plugins again.
func copyTree(ctx context.Context, src, dst string) (Stats, error) {
	var stats Stats
	var dirs []string // set modes and times after their contents
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir() && rel == ".":
			return nil // dst is the prepared home: its mode and owner stay
		case d.IsDir():
			dirs = append(dirs, rel)
			return os.MkdirAll(target, 0o700)
		case d.Type()&fs.ModeSymlink != 0:
			stats.Files++
			return copySymlink(path, target)
		case d.Type().IsRegular():
			n, err := copyFile(ctx, path, target)
			stats.Files++
			stats.Bytes += n
			return err
		default:
			return fmt.Errorf("copy %q: unsupported file type %v", path, d.Type())
		}
	})
	if err != nil {
		return stats, fmt.Errorf("copy home: %w", err)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := copyAttributes(filepath.Join(src, dirs[i]), filepath.Join(dst, dirs[i])); err != nil {
			return stats, fmt.Errorf("copy home: %w", err)
		}
	}
	return stats, nil
}

func copySymlink(src, dst string) error {
	link, err := os.Readlink(src)
	if err != nil {
		return err
	}
	return os.Symlink(link, dst)
}

func copyFile(ctx context.Context, src, dst string) (n int64, err error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, err
	}
	n, err = io.Copy(out, cancel.Reader(ctx, in))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	return n, copyAttributes(src, dst)
}

// copyAttributes gives dst the mode and modification time of src.
func copyAttributes(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if err := os.Chmod(dst, info.Mode()&keptModeBits); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}
