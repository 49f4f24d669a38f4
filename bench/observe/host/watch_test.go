package host

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestWatchSplitsTheCPU watches a real busy child process for half a
// second: its CPU time must be counted as the subject's, and every
// share must lie between 0 and 100 % of the machine.
func TestWatchSplitsTheCPU(t *testing.T) {
	busy := exec.Command("sh", "-c", "while :; do :; done")
	if err := busy.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { busy.Process.Kill(); busy.Wait() }()
	w := Watch(busy.Process.Pid)
	time.Sleep(500 * time.Millisecond)
	d, warnings := w.Stop()
	if d == nil {
		t.Fatalf("no figures; warnings %q", warnings)
	}
	if d.SubjectPct == nil || d.OthersPct == nil {
		t.Fatalf("subject's CPU not read: %+v, warnings %q", d, warnings)
	}
	// One spinning shell uses up to one CPU of the machine.
	if *d.SubjectPct <= 0 || *d.SubjectPct > 100.0/float64(runtime.NumCPU())+5 {
		t.Errorf("subject used %.1f%% of %d CPUs, want a share of one CPU", *d.SubjectPct, runtime.NumCPU())
	}
	for name, v := range map[string]float64{"busy": d.BusyPct, "steal": d.StealPct, "iowait": d.IOWaitPct, "others": *d.OthersPct, "harness": d.HarnessPct} {
		if v < 0 || v > 100 {
			t.Errorf("%s %.1f%% outside 0–100", name, v)
		}
	}
	if d.WallMS <= 0 || d.RunQueueMax < 0 {
		t.Errorf("wall %v ms, run queue max %d", d.WallMS, d.RunQueueMax)
	}
	_, psiErr := os.Stat("/proc/pressure/cpu")
	if (d.PSI == nil) != (psiErr != nil) && !strings.Contains(strings.Join(warnings, " "), "no PSI") {
		t.Errorf("PSI %+v with /proc/pressure error %v and warnings %q", d.PSI, psiErr, warnings)
	}
}

// TestWatchWithoutSubject says that the subject's share is unknown.
func TestWatchWithoutSubject(t *testing.T) {
	d, warnings := Watch(0).Stop()
	if d == nil || d.SubjectPct != nil || d.OthersPct != nil {
		t.Fatalf("figures %+v: want no subject or others share", d)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), "subject's process unknown") {
		t.Errorf("warnings %q do not say the subject is unknown", warnings)
	}
}
