// Package probe measures, on any directory, the file operations Jenkins's
// startup is made of: creating and reading small files, stat, listing a
// large directory, fsync, and sequential throughput. It sits beside the
// volume stage: the runner probes each prepared volume (a quick probe with
// every run) so that a report can show what the storage was like, and
// `jsbench probe DIR` runs it by hand.
package probe

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Options say how much to measure.
type Options struct {
	// Quick measures fewer samples and a smaller sequential file: well
	// under 2 s on a local disk.
	Quick bool
	// Budget, if positive, bounds each of the eight phases to Budget/8;
	// a phase that runs out keeps the samples it has and says so in the
	// report's warnings. Slow storage needs it: 1,000 creates at 200 ms
	// take more than 3 minutes.
	Budget time.Duration
}

// plan is how many operations a probe makes.
type plan struct {
	files     int   // small files created, stat'ed, read and listed
	fileBytes int   // size of each small file
	misses    int   // stats of names that do not exist
	listings  int   // listings of the directory of small files
	fsyncs    int   // fsyncs of a freshly written block
	seqBytes  int64 // size of the sequential file
}

// The full plan lists a directory of 1,000 entries, the size of a
// jenkins.war's extracted webroot (../shared/calibration.md); small files
// are 2 KiB, between the war's median static file (636 B) and a job's
// config.xml (2–20 KiB).
var (
	fullPlan  = plan{files: 1000, fileBytes: 2 << 10, misses: 1000, listings: 20, fsyncs: 50, seqBytes: 64 << 20}
	quickPlan = plan{files: 200, fileBytes: 2 << 10, misses: 200, listings: 5, fsyncs: 10, seqBytes: 8 << 20}
)

// phases is how many parts share the budget: seven measured sets of
// operations and the sequential transfer.
const phases = 8

// Report is what a probe measured. Latencies are in milliseconds, raw
// samples in microseconds.
type Report struct {
	Dir             string     `json:"dir"`
	Quick           bool       `json:"quick"`
	FileBytes       int        `json:"file_bytes"`
	Ops             []OpResult `json:"ops"`
	SeqBytes        int64      `json:"seq_bytes"`
	SeqWriteMiBPerS float64    `json:"seq_write_mib_per_s"`
	SeqReadMiBPerS  float64    `json:"seq_read_mib_per_s"`
	ElapsedMS       float64    `json:"elapsed_ms"`
	Warnings        []string   `json:"warnings,omitempty"`
}

// OpResult summarizes the latencies of one kind of operation.
type OpResult struct {
	Op        string  `json:"op"`
	Count     int     `json:"count"`
	MeanMS    float64 `json:"mean_ms"`
	P50MS     float64 `json:"p50_ms"`
	P90MS     float64 `json:"p90_ms"`
	P99MS     float64 `json:"p99_ms"`
	MaxMS     float64 `json:"max_ms"`
	SamplesUS []int64 `json:"samples_us"`
}

// Run probes dir in a scratch directory it creates inside it and removes
// afterwards. It stops early, with what it has, when ctx is cancelled.
func Run(ctx context.Context, dir string, opts Options) (Report, error) {
	p := fullPlan
	if opts.Quick {
		p = quickPlan
	}
	scratch, err := os.MkdirTemp(dir, ".jsbench-probe-")
	if err != nil {
		return Report{}, fmt.Errorf("create probe directory in %q: %w", dir, err)
	}
	start := time.Now()
	r := &run{ctx: ctx, dir: scratch, plan: p}
	if opts.Budget > 0 {
		r.phaseBudget = max(opts.Budget/phases, 1)
	}
	r.all()
	r.report.Dir, r.report.Quick, r.report.FileBytes = dir, opts.Quick, p.fileBytes
	r.report.ElapsedMS = ms(time.Since(start))
	if err := os.RemoveAll(scratch); err != nil && r.err == nil {
		r.err = fmt.Errorf("remove probe directory %q: %w", scratch, err)
	}
	if r.err == nil {
		r.err = ctx.Err()
	}
	return r.report, r.err
}
