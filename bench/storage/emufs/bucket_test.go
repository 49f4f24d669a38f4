package emufs

import (
	"testing"
	"time"
)

// Every case below starts with the tolerance of CapWindow (0.1 s) of the
// baseline: 10 units at 100 units/s.
func TestBucketReserve(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	type step struct {
		at   time.Duration
		n    float64
		want time.Duration
	}
	tests := []struct {
		name  string
		cap   Cap
		steps []step
	}{
		{
			// 5 units fit in the 10 saved; 50 more overdraw by 45: 0.45 s
			// at 100/s; 10 more overdraw by 55: 0.55 s.
			name:  "baseline only",
			cap:   Cap{BaselinePerS: 100},
			steps: []step{{0, 5, 0}, {0, 50, 450 * time.Millisecond}, {0, 10, 550 * time.Millisecond}},
		},
		{
			// 100 units overdraw by 90: 0.9 s. Idle until 3 s saves up only
			// the 10 of the window again: the next 100 wait 0.9 s too.
			name:  "idle time is saved only up to the window",
			cap:   Cap{BaselinePerS: 100},
			steps: []step{{0, 100, 900 * time.Millisecond}, {3 * time.Second, 100, 3900 * time.Millisecond}},
		},
		{
			// 1,000 credits spend at the burst rate of 1,000/s: 500 units
			// pace the next request by 0.5 s. The third (100 units)
			// overdraws by 100, earned back at 100/s by 1 s. At 1 s the
			// fourth overdraws by 1 (0.01 s) but waits for the third's
			// pacing, until 1.1 s.
			name: "burst on credits, then baseline",
			cap:  Cap{BaselinePerS: 100, BurstPerS: 1000, Credits: 1000, MaxCredits: 1000},
			steps: []step{{0, 500, 0}, {0, 500, 500 * time.Millisecond}, {0, 100, time.Second},
				{time.Second, 1, 1100 * time.Millisecond}},
		},
		{
			// 10 s idle earn 1,000 credits, kept up to the 500 maximum:
			// 500 units pass at once, the next unit overdraws by 1 but
			// waits for the pacing of 500 units at 3,000/s (1/6 s).
			name:  "credits accrue while idle up to the maximum",
			cap:   Cap{BaselinePerS: 100, BurstPerS: 3000, MaxCredits: 500},
			steps: []step{{10 * time.Second, 500, 10 * time.Second}, {10 * time.Second, 1, 10*time.Second + time.Second/6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBucket(tt.cap, t0)
			for i, s := range tt.steps {
				got := b.reserve(s.n, at(s.at))
				if diff := got.Sub(at(s.want)); diff < -time.Microsecond || diff > time.Microsecond {
					t.Errorf("step %d: reserve(%g) at %v ready at %v, want %v", i, s.n, s.at, got.Sub(t0), s.want)
				}
			}
		})
	}
}

// A long stream settles at the baseline rate: 1,000 requests of 10 units
// at 1,000 units/s, each sent when the previous may proceed, move 10,000
// units of which the window (100) was saved: (10,000 - 100) / 1,000 = 9.9 s.
func TestBucketStreamSettlesAtBaseline(t *testing.T) {
	t0 := time.Unix(0, 0)
	b := newBucket(Cap{BaselinePerS: 1000}, t0)
	now := t0
	for range 1000 {
		now = b.reserve(10, now)
	}
	if got, want := now.Sub(t0), 9900*time.Millisecond; got < want-time.Millisecond || got > want+time.Millisecond {
		t.Errorf("stream took %v, want %v", got, want)
	}
}

func TestDisabledBucketNeverWaits(t *testing.T) {
	now := time.Now()
	b := newBucket(Cap{}, now)
	if got := b.reserve(1e9, now); !got.Equal(now) {
		t.Errorf("disabled cap delayed to %v", got.Sub(now))
	}
}
