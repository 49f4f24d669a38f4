package probe

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// Nearest rank on the ten samples 1..10 ms: p50 is the 5th (5 ms), p90
// the 9th (9 ms), p99 the 10th (ceil(9.9) = 10 → 10 ms); mean 5.5 ms.
func TestSummarize(t *testing.T) {
	var samples []time.Duration
	for i := 10; i >= 1; i-- {
		samples = append(samples, time.Duration(i)*time.Millisecond)
	}
	got := summarize("stat", samples)
	if got.Count != 10 || got.P50MS != 5 || got.P90MS != 9 || got.P99MS != 10 || got.MaxMS != 10 || got.MeanMS != 5.5 {
		t.Errorf("summarize = %+v", got)
	}
	if got.SamplesUS[0] != 10_000 {
		t.Errorf("raw samples not kept in order, in µs: %v", got.SamplesUS)
	}
	if empty := summarize("fsync", nil); empty.Count != 0 || empty.P50MS != 0 {
		t.Errorf("summarize(nil) = %+v", empty)
	}
}

func TestRunQuickOnLocalDir(t *testing.T) {
	dir := t.TempDir()
	report, err := Run(context.Background(), dir, Options{Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"create": 200, "stat": 200, "stat_miss": 200, "open_read": 200, "readdir": 5, "fsync": 10, "unlink": 200}
	for _, op := range report.Ops {
		if op.Count != want[op.Op] {
			t.Errorf("%s: %d samples, want %d", op.Op, op.Count, want[op.Op])
		}
		delete(want, op.Op)
	}
	if len(want) > 0 {
		t.Errorf("missing ops: %v", want)
	}
	if report.SeqBytes != 8<<20 || report.SeqWriteMiBPerS <= 0 || report.SeqReadMiBPerS <= 0 {
		t.Errorf("sequential: %d bytes, write %.0f MiB/s, read %.0f MiB/s", report.SeqBytes, report.SeqWriteMiBPerS, report.SeqReadMiBPerS)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("probe left %d entries behind", len(entries))
	}
}

func TestRunBudgetStopsEarlyWithWarning(t *testing.T) {
	report, err := Run(context.Background(), t.TempDir(), Options{Quick: true, Budget: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Warnings) == 0 || !strings.Contains(report.Warnings[0], "budget spent") {
		t.Errorf("warnings = %q, want budget warnings", report.Warnings)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, t.TempDir(), Options{Quick: true}); err == nil {
		t.Error("Run with a cancelled context returned no error")
	}
}

func TestRunMissingDir(t *testing.T) {
	_, err := Run(context.Background(), "/nonexistent/jsbench", Options{Quick: true})
	if err == nil || !strings.Contains(err.Error(), `"/nonexistent/jsbench"`) {
		t.Errorf("Run on a missing directory: %v", err)
	}
}
