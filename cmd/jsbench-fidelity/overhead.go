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

// The workload mimics the simulated controller's start: extract a war's
// worth of small files (about 1,000 entries of mostly sub-KiB files, per
// ../shared/calibration.md), read them back, list every directory.
const (
	workloadDirs  = 20
	workloadFiles = 50
	workloadBytes = 1024
)

var phaseNames = []string{"extract 1,000 files", "read them back", "list 20 directories", "all"}

// overheadTable runs the workload on the native directory and through
// the none profile, alternating, and compares the medians per phase.
func overheadTable(w io.Writer, scratch string, cfg config) error {
	none, err := emufs.ByName("none")
	if err != nil {
		return err
	}
	native := make([][]time.Duration, len(phaseNames))
	fuse := make([][]time.Duration, len(phaseNames))
	for round := range cfg.rounds {
		dir, err := os.MkdirTemp(scratch, "native-")
		if err != nil {
			return err
		}
		if err := collect(native, dir); err != nil {
			return err
		}
		srv, mnt, err := mountFresh(scratch, none, func(string) error { return nil })
		if err != nil {
			return err
		}
		err = collect(fuse, mnt)
		if uerr := srv.Unmount(); err == nil {
			err = uerr
		}
		if err != nil {
			return fmt.Errorf("round %d: %w", round, err)
		}
	}
	fmt.Fprintf(w, "\n| workload phase (median of %d rounds) | native | FUSE, none profile | ratio |\n|---|---|---|---|\n", cfg.rounds)
	for i, name := range phaseNames {
		n, f := median(native[i]), median(fuse[i])
		fmt.Fprintf(w, "| %s | %s | %s | %.2f× |\n", name, short(n), short(f), float64(f)/float64(n))
	}
	return nil
}

func collect(into [][]time.Duration, dir string) error {
	times, err := workload(dir)
	if err != nil {
		return err
	}
	var all time.Duration
	for i, d := range times {
		into[i] = append(into[i], d)
		all += d
	}
	into[len(times)] = append(into[len(times)], all)
	return nil
}

func workload(root string) ([]time.Duration, error) {
	content := make([]byte, workloadBytes)
	buf := make([]byte, 64<<10)
	var paths []string
	extract, err := timed(func() error {
		for d := range workloadDirs {
			dir := filepath.Join(root, "war", fmt.Sprint(d))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for f := range workloadFiles {
				path := filepath.Join(dir, fmt.Sprintf("f%02d.html", f))
				if err := os.WriteFile(path, content, 0o644); err != nil {
					return err
				}
				paths = append(paths, path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	read, err := timed(func() error { return readAll(paths, buf) })
	if err != nil {
		return nil, err
	}
	list, err := timed(func() error { return listAll(filepath.Join(root, "war")) })
	return []time.Duration{extract, read, list}, err
}

func readAll(paths []string, buf []byte) error {
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		_, err = f.Read(buf)
		f.Close()
		if err != nil && err != io.EOF {
			return err
		}
	}
	return nil
}

func listAll(war string) error {
	for d := range workloadDirs {
		dir, err := os.Open(filepath.Join(war, fmt.Sprint(d)))
		if err != nil {
			return err
		}
		_, err = dir.Readdirnames(-1)
		dir.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func median(samples []time.Duration) time.Duration {
	s := slices.Clone(samples)
	slices.Sort(s)
	return s[len(s)/2]
}
