package simulator

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// timestampTolerance is how far the webroot's .timestamp may be from the
// WAR's modification time for Winstone to skip extraction: 1 s
// (../shared/calibration.md; jenkinsci/winstone HostConfiguration.getWebRoot).
const timestampTolerance = time.Second

// copyBuffer is Winstone's extraction buffer: 8 KiB.
const copyBuffer = 8 << 10

// containerError is a failure that stops Winstone itself: the process
// logs "Container startup failed" and exits, as Winstone's Launcher does.
type containerError struct {
	err       error
	exception string
}

func (e *containerError) Error() string { return e.err.Error() }
func (e *containerError) Unwrap() error { return e.err }

// extractWar does what Winstone does with --warfile and --webroot: unless
// webroot/.timestamp is within a second of the WAR's modification time,
// delete the webroot and extract every file entry again (plain writes, no
// fsync, as Java's FileOutputStream), then date .timestamp like the WAR.
func (c *controller) extractWar(ctx context.Context) error {
	war, err := os.Stat(c.cfg.War)
	if err == nil && !war.Mode().IsRegular() {
		err = fmt.Errorf("%q is not a file", c.cfg.War)
	}
	if err != nil {
		return &containerError{err: fmt.Errorf("open war: %w", err),
			exception: fmt.Sprintf("winstone.WinstoneException: The warfile supplied is unavailable or invalid (%s)\n\tat %s\n", c.cfg.War, frame("Winstone.getWebRoot"))}
	}
	stamp := filepath.Join(c.cfg.Webroot, ".timestamp")
	if info, err := os.Stat(stamp); err == nil && absDuration(info.ModTime().Sub(war.ModTime())) <= timestampTolerance {
		return nil
	}
	c.deleteRecursive(c.cfg.Webroot)
	if err := os.MkdirAll(c.cfg.Webroot, 0o755); err != nil {
		c.log.logError(threadMain, levelWarning, "winstone.Logger#logInternal", "Failed to recreate dirs "+c.cfg.Webroot, nioException(err, "Winstone.getWebRoot"))
	}
	if err := c.extractEntries(ctx, war.ModTime()); err != nil {
		return err
	}
	if err := touch(stamp, war.ModTime()); err != nil {
		c.log.log(threadMain, levelWarning, "winstone.Logger#logInternal", "Failed to set timestamp %s", stamp)
	}
	return nil
}

func (c *controller) extractEntries(ctx context.Context, warTime time.Time) error {
	files, closeWar, err := c.warFiles()
	if err != nil {
		return &containerError{err: fmt.Errorf("read war: %w", err), exception: ioException(err, "Winstone.getWebRoot")}
	}
	defer closeWar()
	for _, f := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		out := filepath.Join(c.cfg.Webroot, filepath.FromSlash(f.name))
		if info, err := os.Stat(out); err == nil && info.ModTime().After(warTime) {
			continue // newer than the WAR: Winstone keeps it
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			c.log.log(threadMain, levelWarning, "winstone.Logger#logInternal", "Failed to create dirs %s", filepath.Dir(out))
		}
		if err := writeFile(out, f.write); err != nil {
			return &containerError{err: fmt.Errorf("extract %q: %w", f.name, err), exception: ioException(err, "Winstone.getWebRoot")}
		}
	}
	return nil
}

// warFile is one file entry of the WAR and how to write its bytes.
type warFile struct {
	name  string
	write func(w io.Writer) error
}

// warFiles are the WAR's file entries in order: the --war archive's, or
// with --war-entries/--war-mb a synthetic WAR's, generated as make-war
// generates it (the same numbers give the same files) so that scenarios
// can vary the extraction without another image.
func (c *controller) warFiles() ([]warFile, func(), error) {
	if c.cfg.WarEntries > 0 {
		files, err := syntheticWarFiles(c.cfg.WarEntries, int64(c.cfg.WarMB*1e6))
		return files, func() {}, err
	}
	r, err := zip.OpenReader(c.cfg.War)
	if err != nil {
		return nil, nil, err
	}
	buf := make([]byte, copyBuffer)
	var files []warFile
	for _, f := range r.File {
		if !f.FileInfo().IsDir() {
			files = append(files, warFile{name: f.Name, write: func(w io.Writer) error { return copyEntry(w, f, buf) }})
		}
	}
	return files, func() { r.Close() }, nil
}

func copyEntry(w io.Writer, f *zip.File, buf []byte) error {
	in, err := f.Open()
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.CopyBuffer(w, in, buf)
	return err
}

// writeFile creates out and fills it in pieces of copyBuffer bytes, as
// Java's stream copy writes: plain writes, no fsync.
func writeFile(out string, fill func(w io.Writer) error) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	err = fill(&chunkWriter{w: f})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// chunkWriter passes writes on in pieces of at most copyBuffer bytes and
// hides *os.File's ReadFrom, so that every copy writes as Java's does.
type chunkWriter struct{ w io.Writer }

func (c *chunkWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n, err := c.w.Write(p[:min(len(p), copyBuffer)])
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// deleteRecursive removes dir and everything in it, depth first, warning
// about what it cannot delete and going on, as Winstone does.
func (c *controller) deleteRecursive(dir string) {
	if children, err := os.ReadDir(dir); err == nil {
		for _, child := range children {
			c.deleteRecursive(filepath.Join(dir, child.Name()))
		}
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		c.log.logError(threadMain, levelWarning, "winstone.Logger#logInternal", "Failed to delete dirs "+dir, nioException(err, "Winstone.deleteRecursive"))
	}
}

// touch creates path if needed and sets its modification time, as
// Java's File.setLastModified after a create.
func touch(path string, t time.Time) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Chtimes(path, t, t)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
