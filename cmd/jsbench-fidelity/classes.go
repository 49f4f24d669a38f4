package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/jsbench/jsbench/bench/storage/emufs"
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
	{"write 4 KiB (to the page cache)", "write", func(p emufs.Profile) emufs.Latency { return p.Write }, measureWrite},
	{"namespace (unlink)", "unlink", func(p emufs.Profile) emufs.Latency { return p.Namespace }, measureUnlink},
	{"flush (close after write)", "flush", func(p emufs.Profile) emufs.Latency { return p.Flush }, measureFlush},
	{"fsync", "fsync", func(p emufs.Profile) emufs.Latency { return p.Fsync }, measureFsync},
}

// classTable measures every class of every profile, with the profile's
// caps and lazy fetches off (capTable measures those). The none profile
// goes first: its medians are the FUSE layer's own cost per class. The
// ratio is the observed median over the injected one, FUSE included:
// emufs takes the round trip it calibrated at mount off each delay
// (printed after the table with each mount's data path).
func classTable(w io.Writer, scratch string, cfg config) error {
	fmt.Fprintln(w, "| profile | class | injected median | observed median | observed p90 | ratio | requests per sample |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	names := append([]string{"none"}, slices.DeleteFunc(slices.Clone(cfg.profiles), func(n string) bool { return n == "none" })...)
	var mounts []string
	for _, name := range names {
		p, err := emufs.ByName(name)
		if err != nil {
			return err
		}
		p.Throughput, p.IOPS, p.Lazy = emufs.Cap{}, emufs.Cap{}, emufs.Lazy{}
		mount, err := profileRows(w, scratch, p, cfg.samples)
		if err != nil {
			return fmt.Errorf("profile %q: %w", name, err)
		}
		mounts = append(mounts, mount)
	}
	fmt.Fprintln(w, "\n| profile (caps and lazy fetches off) | data path | round trip taken off each delay |\n|---|---|---|")
	for _, m := range mounts {
		fmt.Fprintln(w, m)
	}
	return nil
}

// profileRows prints one row per class and returns the mount's row of
// the data-path table.
func profileRows(w io.Writer, scratch string, p emufs.Profile, n int) (string, error) {
	srv, mnt, err := mountFresh(scratch, p, func(backing string) error { return fixtures(backing, n) })
	if err != nil {
		return "", err
	}
	defer srv.Unmount()
	for _, c := range classes {
		before := srv.Stats().Ops[c.op].Count
		samples := make([]time.Duration, 0, n)
		for j := range n {
			d, err := c.measure(mnt, j)
			if err != nil {
				return "", fmt.Errorf("measure %s: %w", c.name, err)
			}
			samples = append(samples, d)
		}
		perSample := float64(srv.Stats().Ops[c.op].Count-before) / float64(n)
		row(w, p.Name, c.name, c.latency(p).Median.D(), samples, perSample)
	}
	return fmt.Sprintf("| %s | %s | %s |", p.Name, srv.DataPath(), short(srv.Compensation())), nil
}

// row prints a class's figures.
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
