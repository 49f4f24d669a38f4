package yardstick

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/jsbench/jsbench/bench/observe/host"
	"github.com/jsbench/jsbench/bench/record/results"
)

// The fixed work. On a quiet 2-core VM the whole takes 145 ms at the
// median, and 406 ms with two busy processes per CPU (`make
// noise-check`, 2026-12-02, 36 runs each).
const (
	// cpuRounds is how many times each worker hashes cpuBlock.
	cpuRounds = 2560
	cpuBlock  = 64 << 10
	// files of fileBytes each are created, stat'ed, read, listed and
	// removed.
	files     = 200
	fileBytes = 4 << 10
)

// Run runs the reference workload once, its files in a new directory
// under dir (on local disk), and returns its figures. It first lets the
// file system of dir settle (Settle), so that what a run just wrote and
// removed there is not written back while the workload is timed.
func Run(ctx context.Context, dir string) (results.Reference, error) {
	if err := ctx.Err(); err != nil {
		return results.Reference{}, err
	}
	settled := Settle(dir, SettleWait)
	ref, err := cpuPart()
	if err != nil {
		return results.Reference{}, err
	}
	ref.SettleMS = ms(settled)
	took, err := filePart(dir)
	if err != nil {
		return results.Reference{}, err
	}
	ref.FileMS = ms(took)
	return ref, nil
}

// cpuPart hashes on every CPU and reads the host around it: how much of
// the CPU time its workers asked for they got, and what stole the rest.
func cpuPart() (results.Reference, error) {
	workers := runtime.NumCPU()
	before, _, err := host.Take()
	if err != nil {
		return results.Reference{}, fmt.Errorf("reference workload: %w", err)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hashRounds()
		}()
	}
	wg.Wait()
	after, _, err := host.Take()
	if err != nil {
		return results.Reference{}, fmt.Errorf("reference workload: %w", err)
	}
	return figures(before, after, workers), nil
}

// hashRounds is one worker's share of the CPU part.
func hashRounds() {
	block := make([]byte, cpuBlock)
	sum := sha256.Sum256(block)
	for range cpuRounds {
		copy(block, sum[:])
		sum = sha256.Sum256(block)
	}
}

// figures turns the host's counters around the CPU part into its figures.
func figures(before, after host.Snapshot, workers int) results.Reference {
	wall := after.At.Sub(before.At)
	ref := results.Reference{CPUMS: ms(wall), Workers: workers}
	if wall > 0 {
		got := float64(after.HarnessNS - before.HarnessNS)
		ref.CPUSharePct = min(100, 100*got/(float64(wall)*float64(workers)))
	}
	if total := after.Stat.CPU.Total() - before.Stat.CPU.Total(); total > 0 && after.Stat.CPU.Total() > before.Stat.CPU.Total() {
		ref.StealPct = 100 * float64(after.Stat.CPU.Steal-before.Stat.CPU.Steal) / float64(total)
	}
	if before.PSI != nil && after.PSI != nil && wall > 0 {
		p := 100 * float64(after.PSI["cpu"].Some-before.PSI["cpu"].Some) / float64(wall.Microseconds())
		p = min(p, 100)
		ref.CPUPressurePct = &p
	}
	return ref
}

// filePart creates, stats, reads, lists and removes the files.
func filePart(dir string) (time.Duration, error) {
	work, err := os.MkdirTemp(dir, "yardstick-")
	if err != nil {
		return 0, fmt.Errorf("reference workload: %w", err)
	}
	defer os.RemoveAll(work)
	content := make([]byte, fileBytes)
	buf := make([]byte, fileBytes)
	start := time.Now()
	for i := range files {
		if err := os.WriteFile(filepath.Join(work, fmt.Sprintf("f%03d.xml", i)), content, 0o644); err != nil {
			return 0, fmt.Errorf("reference workload: %w", err)
		}
	}
	entries, err := os.ReadDir(work)
	if err != nil {
		return 0, fmt.Errorf("reference workload: %w", err)
	}
	for _, e := range entries {
		if err := readBack(filepath.Join(work, e.Name()), buf); err != nil {
			return 0, err
		}
	}
	for _, e := range entries {
		if err := os.Remove(filepath.Join(work, e.Name())); err != nil {
			return 0, fmt.Errorf("reference workload: %w", err)
		}
	}
	return time.Since(start), nil
}

func readBack(path string, buf []byte) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("reference workload: %w", err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reference workload: %w", err)
	}
	defer f.Close()
	if _, err := f.Read(buf); err != nil {
		return fmt.Errorf("reference workload: read %q: %w", path, err)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
