package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// run is one probe in progress.
type run struct {
	ctx         context.Context
	dir         string
	plan        plan
	phaseBudget time.Duration
	report      Report
	err         error
	files       []string
}

// all measures each phase in turn; later phases use the files the first
// one created.
func (r *run) all() {
	if err := os.Mkdir(r.filesDir(), 0o755); err != nil {
		r.err = fmt.Errorf("create probe files directory: %w", err)
		return
	}
	for _, phase := range []func(){r.create, r.stat, r.statMiss, r.openRead, r.readdir, r.fsync, r.sequential, r.unlink} {
		if r.err != nil || r.ctx.Err() != nil {
			return
		}
		phase()
	}
}

func (r *run) filesDir() string { return filepath.Join(r.dir, "files") }

func (r *run) warnf(format string, args ...any) {
	r.report.Warnings = append(r.report.Warnings, fmt.Sprintf(format, args...))
}

// sample runs measure n times and records the durations it returns. It
// stops early when ctx is cancelled or the phase's budget is spent.
func (r *run) sample(op string, n int, measure func(i int) (time.Duration, error)) {
	samples := make([]time.Duration, 0, n)
	start := time.Now()
	for i := range n {
		if r.ctx.Err() != nil {
			break
		}
		if r.phaseBudget > 0 && time.Since(start) > r.phaseBudget {
			r.warnf("%s: budget spent after %d of %d operations", op, i, n)
			break
		}
		d, err := measure(i)
		if err != nil {
			r.err = fmt.Errorf("probe %s: %w", op, err)
			break
		}
		samples = append(samples, d)
	}
	r.report.Ops = append(r.report.Ops, summarize(op, samples))
}

// timed measures fn.
func timed(fn func() error) (time.Duration, error) {
	start := time.Now()
	err := fn()
	return time.Since(start), err
}

// create writes small files the way an archive is extracted: create,
// write, close.
func (r *run) create() {
	content := make([]byte, r.plan.fileBytes)
	r.sample("create", r.plan.files, func(i int) (time.Duration, error) {
		path := filepath.Join(r.filesDir(), fmt.Sprintf("file-%04d.xml", i))
		d, err := timed(func() error { return writeNew(path, content) })
		if err == nil {
			r.files = append(r.files, path)
		}
		return d, err
	})
}

func writeNew(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stat looks at files just created, as Jenkins checks what it extracted.
func (r *run) stat() {
	r.sample("stat", len(r.files), func(i int) (time.Duration, error) {
		return timed(func() error { _, err := os.Stat(r.files[i]); return err })
	})
}

// statMiss looks up names that do not exist: no cache can answer the
// first lookup of a name, so on a network file system each is a round
// trip.
func (r *run) statMiss() {
	r.sample("stat_miss", r.plan.misses, func(i int) (time.Duration, error) {
		path := filepath.Join(r.filesDir(), fmt.Sprintf("missing-%04d", i))
		return timed(func() error {
			_, err := os.Stat(path)
			switch {
			case err == nil:
				return fmt.Errorf("stat %q: exists, want not found", path)
			case !errors.Is(err, fs.ErrNotExist):
				return fmt.Errorf("stat %q: %w", path, err)
			}
			return nil
		})
	})
}

// openRead opens, reads and closes each small file.
func (r *run) openRead() {
	buf := make([]byte, 64<<10)
	r.sample("open_read", len(r.files), func(i int) (time.Duration, error) {
		return timed(func() error { return readAll(r.files[i], buf) })
	})
}

func readAll(path string, buf []byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		_, err := f.Read(buf)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readdir lists the directory of small files, names only.
func (r *run) readdir() {
	r.sample("readdir", r.plan.listings, func(int) (time.Duration, error) {
		return timed(func() error {
			d, err := os.Open(r.filesDir())
			if err != nil {
				return err
			}
			defer d.Close()
			_, err = d.Readdirnames(-1)
			return err
		})
	})
}

// unlink removes the small files, as an extraction that starts over
// deletes the old webroot.
func (r *run) unlink() {
	r.sample("unlink", len(r.files), func(i int) (time.Duration, error) {
		return timed(func() error { return os.Remove(r.files[i]) })
	})
}
