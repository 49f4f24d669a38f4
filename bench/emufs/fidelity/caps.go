package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/emufs"
)

// capTarget is how long the cap measurements aim to take.
const capTarget = time.Second

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

// waitFor is how long a cap holds back units sent at once: what exceeds
// the CapWindow it saved, at the baseline rate.
func waitFor(c emufs.Cap, units float64) time.Duration {
	if !c.Enabled() {
		return 0
	}
	rate := float64(c.BaselinePerS)
	over := units - rate*emufs.CapWindow.Seconds()
	return time.Duration(max(over, 0) / rate * float64(time.Second))
}

// throughputRow writes about capTarget's worth of the rate through the
// mount; the latencies of the profile are off.
func throughputRow(w io.Writer, scratch string, p emufs.Profile) error {
	p = emufs.Profile{Name: p.Name, Writes: p.Writes, Throughput: p.Throughput, Cache: p.Cache}
	size := int64(float64(p.Throughput.BaselinePerS)*(capTarget+emufs.CapWindow).Seconds()) &^ (128<<10 - 1)
	srv, mnt, err := mountFresh(scratch, p, func(string) error { return nil })
	if err != nil {
		return err
	}
	defer srv.Unmount()
	took, err := timed(func() error { return os.WriteFile(filepath.Join(mnt, "seq"), make([]byte, size), 0o644) })
	if err != nil {
		return err
	}
	want := waitFor(p.Throughput, float64(size))
	fmt.Fprintf(w, "| %s | write %d KiB at %d KiB/s | %s | %s | %.2f |\n", p.Name, size>>10, p.Throughput.BaselinePerS>>10, short(want), short(took), float64(took)/float64(want))
	return nil
}

// bufferedRow writes 128 KiB requests into the page cache and times the
// fsync that pays for them against the caps.
func bufferedRow(w io.Writer, scratch string, p emufs.Profile) error {
	const request = 128 << 10
	writes := capWrites(p, request)
	p = emufs.Profile{Name: p.Name, Writes: p.Writes, Throughput: p.Throughput, IOPS: p.IOPS, Cache: p.Cache}
	srv, mnt, err := mountFresh(scratch, p, func(string) error { return nil })
	if err != nil {
		return err
	}
	defer srv.Unmount()
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
	took, err := timed(f.Sync)
	if err != nil {
		return err
	}
	want := max(waitFor(p.Throughput, float64(writes*request)), waitFor(p.IOPS, float64(writes+1)))
	fmt.Fprintf(w, "| %s | fsync of %d buffered 128 KiB writes | %s | %s | %.2f |\n", p.Name, writes, short(want), short(took), float64(took)/float64(want))
	return nil
}

// capWrites is how many requests of size bytes the tighter cap holds
// back for about capTarget.
func capWrites(p emufs.Profile, size int64) int64 {
	window := capTarget + emufs.CapWindow
	best := int64(1 << 62)
	if p.IOPS.Enabled() {
		best = min(best, int64(float64(p.IOPS.BaselinePerS)*window.Seconds()))
	}
	if p.Throughput.Enabled() {
		best = min(best, int64(float64(p.Throughput.BaselinePerS)*window.Seconds())/size)
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
