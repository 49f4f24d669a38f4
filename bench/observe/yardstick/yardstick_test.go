package yardstick

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/record/results"
)

func TestRunMeasuresBothParts(t *testing.T) {
	dir := t.TempDir()
	ref, err := Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if ref.CPUMS <= 0 || ref.FileMS <= 0 || ref.Workers != runtime.NumCPU() {
		t.Errorf("figures %+v: want both parts timed, one worker per CPU", ref)
	}
	if ref.CPUSharePct <= 0 || ref.CPUSharePct > 100 {
		t.Errorf("CPU share %.1f%% outside (0, 100]", ref.CPUSharePct)
	}
	if ref.SettleMS < 0 {
		t.Errorf("settle %g ms", ref.SettleMS)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the workload left %d entries in %s", len(entries), dir)
	}
}

// TestBusyHostIsSeen runs the workload while three busy processes per
// CPU spin: its workers can then get at most a quarter of the CPU time
// they ask for, and bench/analyze/noise must call the run busy.
func TestBusyHostIsSeen(t *testing.T) {
	var hogs []*exec.Cmd
	defer func() {
		for _, h := range hogs {
			h.Process.Kill()
			h.Wait()
		}
	}()
	for range 3 * runtime.NumCPU() {
		h := exec.Command("sh", "-c", "while :; do :; done")
		if err := h.Start(); err != nil {
			t.Fatal(err)
		}
		hogs = append(hogs, h)
	}
	ref, err := Run(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rec := results.Record{Scenario: "s", Volume: results.Volume{Name: "local"}, Iteration: 1,
		Host: &results.Host{ReferenceBefore: &ref}}
	a := noise.Assess([]results.Record{rec})
	if len(a.Runs) != 1 || !a.Runs[0].Busy {
		t.Errorf("reference workload %+v under %d hogs not judged busy: %+v", ref, len(hogs), a.Runs)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, t.TempDir()); err == nil {
		t.Error("Run with a cancelled context succeeded")
	}
}

// TestSettleWithoutDirectory: a directory that cannot be opened leaves
// nothing to settle, and Settle does not wait.
func TestSettleWithoutDirectory(t *testing.T) {
	if got := Settle(filepath.Join(t.TempDir(), "missing"), SettleWait); got != 0 {
		t.Errorf("Settle of a missing directory took %v, want 0", got)
	}
}
