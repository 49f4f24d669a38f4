package home

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// tree writes files under a root and counts them. Every file and
// directory first checks ctx, so that a home of millions of files stops
// at once on Ctrl-C.
type tree struct {
	ctx   context.Context
	root  string
	stats Stats
	// made holds the directories known to exist, to spare a stat per file.
	made map[string]bool
}

// file writes data to rel, creating its directory.
func (t *tree) file(rel string, data []byte) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	path := filepath.Join(t.root, rel)
	if err := t.mkdirAll(filepath.Dir(path)); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	t.count(int64(len(data)))
	return nil
}

// text writes s to rel.
func (t *tree) text(rel, s string) error { return t.file(rel, []byte(s)) }

// stream writes rel from what fill writes, buffered, for files too large
// to build in memory.
func (t *tree) stream(rel string, fill func(w io.Writer) error) (err error) {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	path := filepath.Join(t.root, rel)
	if err := t.mkdirAll(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create file: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close file: %w", cerr)
		}
	}()
	counted := &countingWriter{w: f}
	buffered := bufio.NewWriterSize(counted, 256<<10)
	if err := fill(buffered); err != nil {
		return err
	}
	if err := buffered.Flush(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	t.count(counted.n)
	return nil
}

// dir creates rel, empty.
func (t *tree) dir(rel string) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	return t.mkdirAll(filepath.Join(t.root, rel))
}

func (t *tree) mkdirAll(dir string) error {
	if t.made[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	if t.made == nil {
		t.made = map[string]bool{}
	}
	t.made[dir] = true
	return nil
}

func (t *tree) count(bytes int64) {
	t.stats.Files++
	t.stats.Bytes += bytes
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
