package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// capTarget is how long the cap measurements aim to take; iopsTarget is
// longer because the page cache's own writeback (a few hundred
// milliseconds on a busy machine) would otherwise blur a small IOPS cap.
const (
	capTarget  = time.Second
	iopsTarget = 3 * time.Second
)

// capTable checks the caps and the lazy fetch of the profiles that have
// them, against the arithmetic of the bucket and the fetch latency.
func capTable(w io.Writer, scratch string, cfg config) error {
	fmt.Fprintln(w, "\n| profile | workload | expected | observed | ratio |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, name := range cfg.profiles {
		p, err := emufs.ByName(name)
		if err != nil {
			return err
		}
		if err := capRows(w, scratch, p); err != nil {
			return fmt.Errorf("profile %q: %w", name, err)
		}
	}
	return nil
}

func capRows(w io.Writer, scratch string, p emufs.Profile) error {
	switch {
	case p.Lazy.Enabled():
		return lazyRow(w, scratch, p)
	case p.Writes == emufs.WriteBuffered && (p.IOPS.Enabled() || p.Throughput.Enabled()):
		return bufferedRow(w, scratch, p)
	case p.Throughput.Enabled():
		return throughputRow(w, scratch, p)
	}
	return nil
}

// waitFor is how long a cap holds back units sent at once, idle since
// the mount: what exceeds the credits it saved (the CapWindow to start
// with, plus the baseline earned while idle, up to its maximum), at the
// baseline rate.
func waitFor(c emufs.Cap, units float64, idle time.Duration) time.Duration {
	if !c.Enabled() {
		return 0
	}
	rate := float64(c.BaselinePerS)
	window := rate * emufs.CapWindow.Seconds()
	saved := min(max(float64(c.MaxCredits), window), window+rate*idle.Seconds())
	return time.Duration(max(units-saved, 0) / rate * float64(time.Second))
}

// throughputRow writes about capTarget's worth of the rate through the
// mount; the latencies of the profile are off.
func throughputRow(w io.Writer, scratch string, p emufs.Profile) error {
	p = emufs.Profile{Name: p.Name, Writes: p.Writes, Throughput: p.Throughput, Cache: p.Cache}
	size := int64(float64(p.Throughput.BaselinePerS)*(capTarget+emufs.CapWindow).Seconds()) &^ (128<<10 - 1)
	took, err := writeThrough(scratch, p, size)
	if err != nil {
		return err
	}
	want := waitFor(p.Throughput, float64(size), 0)
	fmt.Fprintf(w, "| %s | write %d KiB at %d KiB/s | %s | %s | %.2f |\n", p.Name, size>>10, p.Throughput.BaselinePerS>>10, short(want), short(took), float64(took)/float64(want))
	none, err := emufs.ByName("none")
	if err != nil {
		return err
	}
	uncapped, err := writeThrough(scratch, none, size)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| none | the same write, uncapped: what FUSE itself allows | — | %s | — |\n", short(uncapped))
	return nil
}

func writeThrough(scratch string, p emufs.Profile, size int64) (time.Duration, error) {
	srv, mnt, err := mountFresh(scratch, p, func(string) error { return nil })
	if err != nil {
		return 0, err
	}
	defer srv.Unmount()
	return timed(func() error { return os.WriteFile(filepath.Join(mnt, "seq"), make([]byte, size), 0o644) })
}

// bufferedRow writes 128 KiB requests into the page cache and times the
// fsync that pays for them against the caps (its latency without jitter).
func bufferedRow(w io.Writer, scratch string, p emufs.Profile) error {
	const request = 128 << 10
	writes := capWrites(p, request)
	p = emufs.Profile{Name: p.Name, Writes: p.Writes, Throughput: p.Throughput, IOPS: p.IOPS, Fsync: emufs.Latency{Median: p.Fsync.Median}, Cache: p.Cache}
	srv, mnt, err := mountFresh(scratch, p, func(string) error { return nil })
	if err != nil {
		return err
	}
	defer srv.Unmount()
	mounted := time.Now()
	f, err := os.Create(filepath.Join(mnt, "seq"))
	if err != nil {
		return err
	}
	defer f.Close()
	for i := range writes {
		if _, err := f.WriteAt(make([]byte, request), int64(i)*request); err != nil {
			return err
		}
	}
	idle := time.Since(mounted)
	took, err := timed(f.Sync)
	if err != nil {
		return err
	}
	want := p.Fsync.Median.D() + max(waitFor(p.Throughput, float64(writes*request), idle), waitFor(p.IOPS, float64(writes+1), idle))
	fmt.Fprintf(w, "| %s | fsync of %d buffered 128 KiB writes | %s | %s | %.2f |\n", p.Name, writes, short(want), short(took), float64(took)/float64(want))
	return nil
}

// capWrites is how many requests of size bytes the tighter cap holds
// back for about its target.
func capWrites(p emufs.Profile, size int64) int64 {
	best := int64(1 << 62)
	if p.IOPS.Enabled() {
		best = min(best, int64(float64(p.IOPS.BaselinePerS)*(iopsTarget+emufs.CapWindow).Seconds()))
	}
	if p.Throughput.Enabled() {
		best = min(best, int64(float64(p.Throughput.BaselinePerS)*(capTarget+emufs.CapWindow).Seconds())/size)
	}
	return best
}

// lazyRow reads 4 KiB from distinct blocks of a restored file: each read
// fetches one block, then pays the read latency.
func lazyRow(w io.Writer, scratch string, p emufs.Profile) error {
	const blocks = 32
	p.Throughput, p.IOPS = emufs.Cap{}, emufs.Cap{}
	size := blocks * p.Lazy.ChunkBytes
	srv, mnt, err := mountFresh(scratch, p, func(backing string) error {
		return os.WriteFile(filepath.Join(backing, "restored"), make([]byte, size), 0o644)
	})
	if err != nil {
		return err
	}
	defer srv.Unmount()
	f, err := os.Open(filepath.Join(mnt, "restored"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_RANDOM); err != nil {
		return err
	}
	samples := make([]time.Duration, 0, blocks)
	for i := range int64(blocks) {
		d, err := timed(func() error { _, err := f.ReadAt(make([]byte, 4096), i*p.Lazy.ChunkBytes); return err })
		if err != nil {
			return err
		}
		samples = append(samples, d)
	}
	want := p.Lazy.Fetch.Median.D() + p.Read.Median.D()
	fmt.Fprintf(w, "| %s | first 4 KiB read of a %d KiB block (median of %d) | %s | %s | %.2f |\n",
		p.Name, p.Lazy.ChunkBytes>>10, blocks, short(want), short(median(samples)), float64(median(samples))/float64(want))
	return nil
}
