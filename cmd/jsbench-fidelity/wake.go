package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// wakeTable times the FUSE round trip (a lookup of a name never seen,
// through the none profile) with the CPUs let halt and kept awake each
// way cfg.awake lists, interleaved in rounds so that the host's load
// weighs on every mode alike.
func wakeTable(w io.Writer, scratch string, cfg config) error {
	srv, mnt, err := mountFresh(scratch, emufs.Profile{Name: "none"}, func(string) error { return nil })
	if err != nil {
		return err
	}
	defer srv.Unmount()
	samples := map[string][]time.Duration{}
	sent := 0
	const rounds = 10
	for range rounds {
		for _, mode := range cfg.awake {
			release, err := keepAwake(mode)
			if err != nil {
				return err
			}
			time.Sleep(20 * time.Millisecond) // let the loops settle
			for range cfg.samples / rounds {
				start := time.Now()
				os.Lstat(filepath.Join(mnt, "absent-"+strconv.Itoa(sent)))
				samples[mode] = append(samples[mode], time.Since(start))
				sent++
				time.Sleep(2 * time.Millisecond) // idle between requests, as a start's waits are
			}
			release()
		}
	}
	fmt.Fprintln(w, "\n| CPUs | FUSE round trip (lookup, none), median | p90 |\n|---|---|---|")
	printed := map[string]bool{}
	for _, mode := range cfg.awake { // a mode listed twice was sampled twice as often, and is printed once
		if printed[mode] {
			continue
		}
		printed[mode] = true
		s := sortedCopy(samples[mode])
		fmt.Fprintf(w, "| %s | %s | %s |\n", mode, short(s[len(s)/2]), short(s[len(s)*9/10]))
	}
	return nil
}

func sortedCopy(d []time.Duration) []time.Duration {
	s := append([]time.Duration(nil), d...)
	slices.Sort(s)
	return s
}
