package emufs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCompensatedDelay checks the arithmetic: a 100 µs compensation
// comes off a 410 µs delay, three of them are capped at half the delay,
// and a delay never waits less than half of itself.
func TestCompensatedDelay(t *testing.T) {
	s := &shaper{}
	s.compensation.Store(int64(100 * time.Microsecond))
	tests := []struct {
		total time.Duration
		trips int
		want  time.Duration
	}{
		{410 * time.Microsecond, 1, 310 * time.Microsecond},
		{410 * time.Microsecond, 0, 310 * time.Microsecond},
		{410 * time.Microsecond, 3, 205 * time.Microsecond},
		{120 * time.Microsecond, 1, 60 * time.Microsecond},
		{2 * time.Millisecond, 3, 1700 * time.Microsecond},
	}
	for _, tt := range tests {
		if got := s.compensated(tt.total, tt.trips); got != tt.want {
			t.Errorf("compensated(%v, %d) = %v, want %v", tt.total, tt.trips, got, tt.want)
		}
	}
}

// TestCalibrationOnlyWhereThereIsADelay: a profile with latencies learns
// a round trip at mount; one without calibrates nothing. The calibration
// lookups are not counted and leave nothing in the backing directory.
func TestCalibrationOnlyWhereThereIsADelay(t *testing.T) {
	srv, _, backing := mountT(t, Profile{Name: "delayed", Metadata: fixed(time.Millisecond)})
	if srv.Compensation() <= 0 {
		t.Errorf("compensation %v after calibrating a delayed profile, want a positive round trip", srv.Compensation())
	}
	if n := srv.Stats().Ops["lookup"].Count; n != 0 {
		t.Errorf("%d lookups counted before any use: the calibration's must not count", n)
	}
	if entries, _ := os.ReadDir(backing); len(entries) != 0 {
		t.Errorf("backing directory holds %d entries", len(entries))
	}
	none, mnt, _ := mountT(t, Profile{Name: "none"})
	if _, err := os.Stat(filepath.Join(mnt, calibrationPrefix+"x")); !os.IsNotExist(err) {
		t.Errorf("stat of a calibration name: %v", err)
	}
	if none.Compensation() != 0 {
		t.Errorf("compensation %v on a profile without latencies", none.Compensation())
	}
}
