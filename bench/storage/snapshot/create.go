package snapshot

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Stats describes one archive written or restored.
type Stats struct {
	// Format is the archive's compression.
	Format Format `json:"format"`
	// Files, Dirs and Symlinks count the entries below the home's root.
	Files    int `json:"files"`
	Dirs     int `json:"dirs"`
	Symlinks int `json:"symlinks"`
	// Bytes is the content of the regular files.
	Bytes int64 `json:"bytes"`
	// ArchiveBytes is the size of the archive as stored (compressed).
	ArchiveBytes int64 `json:"archive_bytes"`
	// FetchMS is the time Restore spent opening the source and waiting
	// for its bytes; ExtractMS the rest of TotalMS: decompressing and
	// writing. Zero for Create.
	FetchMS   float64 `json:"fetch_ms,omitempty"`
	ExtractMS float64 `json:"extract_ms,omitempty"`
	TotalMS   float64 `json:"total_ms,omitempty"`
	// LimitBytes is the most Restore would have written (its budget).
	LimitBytes int64 `json:"limit_bytes,omitempty"`
	// SparseFiles counts files restored with holes.
	SparseFiles int `json:"sparse_files,omitempty"`
	// DroppedPrivileges counts the privileges Restore dropped: each
	// entry's setuid/setgid bits count once and its root ownership once,
	// so one entry that had both counts twice.
	DroppedPrivileges int `json:"dropped_privileges,omitempty"`
	// Warnings are entries skipped or altered: sockets and devices are not
	// archived, a file that shrank while being read is padded.
	Warnings []string `json:"warnings,omitempty"`
	// Kept, set by a restore that keeps a home it finds (the restore init
	// container's rule), says why nothing was restored.
	Kept string `json:"kept,omitempty"`
}

// Create writes the tree below srcDir to w as a tar archive in format.
// Entries come in lexical order with their modes, modification times
// (nanoseconds, as PAX records), symlink targets and numeric owners;
// access times and user names are left out so that the same tree gives
// the same bytes. The root directory itself is not an entry.
func Create(w io.Writer, srcDir string, format Format) (Stats, error) {
	return CreateContext(context.Background(), w, srcDir, format)
}

// CreateContext is Create that stops between two entries when ctx is
// cancelled.
func CreateContext(ctx context.Context, w io.Writer, srcDir string, format Format) (Stats, error) {
	// A home is often a symlink to the real disk (/var/jenkins_home ->
	// /data/jenkins); the walk must start below it.
	root, err := filepath.EvalSymlinks(srcDir)
	if err != nil {
		return Stats{}, fmt.Errorf("archive %q: %w", srcDir, err)
	}
	counted := &countingWriter{w: w}
	zw, err := compress(counted, format)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Format: format}
	tw := tar.NewWriter(zw)
	walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %q: %w", path, err)
		}
		if path == root {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return addEntry(tw, root, path, d, &stats)
	})
	if walkErr != nil {
		return stats, fmt.Errorf("archive %q: %w", srcDir, walkErr)
	}
	if err := tw.Close(); err != nil {
		return stats, fmt.Errorf("finish tar stream: %w", err)
	}
	if err := zw.Close(); err != nil {
		return stats, fmt.Errorf("finish %s stream: %w", format, err)
	}
	stats.ArchiveBytes = counted.n
	return stats, nil
}

// CreateFile archives srcDir into the file path, in the format its name
// says. The archive is written next to path under a temporary name and
// renamed when complete, so that a backup job that dies leaves no
// truncated archive under the real name.
func CreateFile(path, srcDir string) (Stats, error) {
	return CreateFileContext(context.Background(), path, srcDir)
}

// CreateFileContext is CreateFile that stops, removing its temporary
// file, when ctx is cancelled.
func CreateFileContext(ctx context.Context, path, srcDir string) (Stats, error) {
	format, err := FormatFromName(path)
	if err != nil {
		return Stats{}, err
	}
	if inside(path, srcDir) {
		return Stats{}, fmt.Errorf("create archive %q: inside the home %q it archives", path, srcDir)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return Stats{}, fmt.Errorf("create archive: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	stats, err := CreateContext(ctx, tmp, srcDir, format)
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return stats, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return stats, fmt.Errorf("create archive: %w", err)
	}
	return stats, nil
}

// inside reports whether path lies below dir, symlinks resolved.
func inside(path, dir string) bool {
	absDir, err := filepath.Abs(dir)
	if err == nil {
		absDir, err = filepath.EvalSymlinks(absDir)
	}
	if err != nil {
		return false
	}
	absPath, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return false
	}
	if resolved, err := filepath.EvalSymlinks(absPath); err == nil {
		absPath = resolved
	}
	rel, err := filepath.Rel(absDir, absPath)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// addEntry writes one file, directory or symlink.
func addEntry(tw *tar.Writer, srcDir, path string, d fs.DirEntry, stats *Stats) error {
	rel, err := filepath.Rel(srcDir, path)
	if err != nil {
		return err
	}
	info, err := d.Info()
	if errors.Is(err, fs.ErrNotExist) {
		stats.Warnings = append(stats.Warnings, fmt.Sprintf("%s: vanished while archiving", rel))
		return nil
	}
	if err != nil {
		return fmt.Errorf("stat %q: %w", path, err)
	}
	hdr, err := header(path, rel, info)
	if err != nil || hdr == nil {
		if err == nil {
			stats.Warnings = append(stats.Warnings, fmt.Sprintf("%s: skipped %s", rel, kindName(info.Mode())))
		}
		return err
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("write header of %q: %w", rel, err)
	}
	switch hdr.Typeflag {
	case tar.TypeDir:
		stats.Dirs++
	case tar.TypeSymlink:
		stats.Symlinks++
	case tar.TypeReg:
		stats.Files++
		stats.Bytes += hdr.Size
		return copyContent(tw, path, rel, hdr.Size, stats)
	}
	return nil
}

// header builds the tar header of one entry, or nil for kinds a home
// should not hold (sockets, devices, pipes).
func header(path, rel string, info fs.FileInfo) (*tar.Header, error) {
	mode := info.Mode()
	if !mode.IsRegular() && !mode.IsDir() && mode&fs.ModeSymlink == 0 {
		return nil, nil
	}
	var link string
	if mode&fs.ModeSymlink != 0 {
		var err error
		if link, err = os.Readlink(path); err != nil {
			return nil, fmt.Errorf("read symlink %q: %w", path, err)
		}
	}
	hdr, err := tar.FileInfoHeader(info, link)
	if err != nil {
		return nil, fmt.Errorf("describe %q: %w", path, err)
	}
	hdr.Name = filepath.ToSlash(rel)
	if mode.IsDir() {
		hdr.Name += "/"
	}
	hdr.Uname, hdr.Gname = "", ""
	hdr.AccessTime, hdr.ChangeTime = time.Time{}, time.Time{}
	hdr.Format = tar.FormatPAX
	return hdr, nil
}

// copyContent copies exactly size bytes of the file: a file that grew
// since its header was written is cut, one that shrank is padded with
// zeros and reported, as GNU tar does for a live tree.
func copyContent(tw *tar.Writer, path, rel string, size int64, stats *Stats) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %q: %w", path, err)
	}
	defer f.Close()
	n, err := io.Copy(tw, io.LimitReader(f, size))
	if err != nil {
		return fmt.Errorf("archive %q: %w", path, err)
	}
	if n < size {
		stats.Warnings = append(stats.Warnings, fmt.Sprintf("%s: shrank by %d bytes while archiving; padded with zeros", rel, size-n))
		if _, err := io.CopyN(tw, zeros{}, size-n); err != nil {
			return fmt.Errorf("pad %q: %w", path, err)
		}
	}
	return nil
}

func kindName(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
