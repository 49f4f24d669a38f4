package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/emufs"
)

// class is one operation class and a syscall that costs exactly one
// request of it; setup (untimed) runs first for each sample.
type class struct {
	name    string
	op      string // the Stats key of the request it maps to
	latency func(emufs.Profile) emufs.Latency
	measure func(mnt string, i int) (time.Duration, error)
}

var classes = []class{
	{"metadata (stat, cold)", "lookup", func(p emufs.Profile) emufs.Latency { return p.Metadata }, measureLookup},
	{"open", "open", func(p emufs.Profile) emufs.Latency { return p.Open }, measureOpen},
	{"readdir (10 entries)", "readdir", func(p emufs.Profile) emufs.Latency { return p.Readdir }, measureReaddir},
	{"read 4 KiB (uncached)", "read", func(p emufs.Profile) emufs.Latency { return p.Read }, measureRead},
	{"write 4 KiB", "write", func(p emufs.Profile) emufs.Latency { return p.Write }, measureWrite},
	{"namespace (unlink)", "unlink", func(p emufs.Profile) emufs.Latency { return p.Namespace }, measureUnlink},
	{"flush (close after write)", "flush", func(p emufs.Profile) emufs.Latency { return p.Flush }, measureFlush},
	{"fsync", "fsync", func(p emufs.Profile) emufs.Latency { return p.Fsync }, measureFsync},
}

// classTable measures every class of every profile, with the profile's
// caps and lazy fetches off (capTable measures those).
func classTable(w io.Writer, scratch string, cfg config) error {
	fmt.Fprintln(w, "| profile | class | injected median | observed median | observed p90 | ratio | requests per sample |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, name := range cfg.profiles {
		p, err := emufs.ByName(name)
		if err != nil {
			return err
		}
		p.Throughput, p.IOPS, p.Lazy = emufs.Cap{}, emufs.Cap{}, emufs.Lazy{}
		if err := profileRows(w, scratch, p, cfg.samples); err != nil {
			return fmt.Errorf("profile %q: %w", name, err)
		}
	}
	return nil
}

func profileRows(w io.Writer, scratch string, p emufs.Profile, n int) error {
	srv, mnt, err := mountFresh(scratch, p, func(backing string) error { return fixtures(backing, n) })
	if err != nil {
		return err
	}
	defer srv.Unmount()
	for _, c := range classes {
		before := srv.Stats().Ops[c.op].Count
		samples := make([]time.Duration, 0, n)
		for i := range n {
			d, err := c.measure(mnt, i)
			if err != nil {
				return fmt.Errorf("measure %s: %w", c.name, err)
			}
			samples = append(samples, d)
		}
		perSample := float64(srv.Stats().Ops[c.op].Count-before) / float64(n)
		row(w, p.Name, c.name, c.latency(p).Median.D(), samples, perSample)
	}
	return nil
}

func row(w io.Writer, profile, class string, injected time.Duration, samples []time.Duration, perSample float64) {
	slices.Sort(samples)
	median, p90 := samples[len(samples)/2], samples[len(samples)*9/10]
	ratio := "—"
	if injected > 0 {
		ratio = fmt.Sprintf("%.2f", float64(median)/float64(injected))
	}
	fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %.2f |\n", profile, class, short(injected), short(median), short(p90), ratio, perSample)
}

func short(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	default:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
}

// fixtures creates, behind the mount's back, the files each class needs
// n of: nothing of them is in the kernel's caches.
func fixtures(backing string, n int) error {
	page := make([]byte, 4096)
	for _, dir := range []string{"meta", "open", "read", "unlink", "list", "flush"} {
		if err := os.Mkdir(filepath.Join(backing, dir), 0o755); err != nil {
			return err
		}
	}
	for i := range n {
		for _, dir := range []string{"meta", "open", "read", "unlink"} {
			if err := os.WriteFile(filepath.Join(backing, dir, fmt.Sprint(i)), page, 0o644); err != nil {
				return err
			}
		}
	}
	for i := range 8 {
		if err := os.WriteFile(filepath.Join(backing, "list", fmt.Sprint(i)), nil, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(backing, "data"), page, 0o644)
}

func timed(fn func() error) (time.Duration, error) {
	start := time.Now()
	err := fn()
	return time.Since(start), err
}

func measureLookup(mnt string, i int) (time.Duration, error) {
	return timed(func() error { _, err := os.Stat(filepath.Join(mnt, "meta", fmt.Sprint(i))); return err })
}

// measureOpen opens a file already looked up, so only OPEN is sent.
func measureOpen(mnt string, i int) (time.Duration, error) {
	path := filepath.Join(mnt, "open", fmt.Sprint(i))
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	var f *os.File
	d, err := timed(func() (err error) { f, err = os.Open(path); return err })
	if err == nil {
		f.Close()
	}
	return d, err
}

// measureReaddir lists a directory of 8 files (10 entries with . and ..).
func measureReaddir(mnt string, _ int) (time.Duration, error) {
	return timed(func() error {
		d, err := os.Open(filepath.Join(mnt, "list"))
		if err != nil {
			return err
		}
		defer d.Close()
		_, err = d.Readdirnames(-1)
		return err
	})
}

func measureRead(mnt string, i int) (time.Duration, error) {
	f, err := os.Open(filepath.Join(mnt, "read", fmt.Sprint(i)))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return 0, err
	}
	buf := make([]byte, 4096)
	return timed(func() error { _, err := f.ReadAt(buf, 0); return err })
}

func measureWrite(mnt string, i int) (time.Duration, error) {
	f, err := os.OpenFile(filepath.Join(mnt, "data"), os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	page := make([]byte, 4096)
	return timed(func() error { _, err := f.WriteAt(page, int64(i)*4096); return err })
}

func measureUnlink(mnt string, i int) (time.Duration, error) {
	path := filepath.Join(mnt, "unlink", fmt.Sprint(i))
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	return timed(func() error { return os.Remove(path) })
}

func measureFlush(mnt string, i int) (time.Duration, error) {
	f, err := os.Create(filepath.Join(mnt, "flush", fmt.Sprint(i)))
	if err != nil {
		return 0, err
	}
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		f.Close()
		return 0, err
	}
	return timed(f.Close)
}

func measureFsync(mnt string, i int) (time.Duration, error) {
	f, err := os.OpenFile(filepath.Join(mnt, "data"), os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, 4096), int64(i)*4096); err != nil {
		return 0, err
	}
	return timed(f.Sync)
}
