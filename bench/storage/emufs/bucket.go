package emufs

import (
	"sync"
	"time"
)

// CapWindow is the burst every cap tolerates: a cap starts with, and can
// always save up, CapWindow of its baseline, so that a lone request is
// not delayed while a stream is held to the rate. EBS and EFS meter per
// second; a tenth of that keeps the tolerance small (modelling choice).
const CapWindow = 100 * time.Millisecond

// bucket enforces a Cap by reservation: each request takes its units at
// once and learns when it may proceed, so concurrent requests queue in
// arrival order without holding a lock while they wait.
type bucket struct {
	mu       sync.Mutex
	cap      Cap
	capacity float64
	// credits may go negative: the debt is paid back at the baseline rate.
	credits float64
	updated time.Time
	// next is when burst pacing lets the next request start.
	next time.Time
}

// newBucket returns nil for a disabled cap; a nil bucket never waits.
func newBucket(c Cap, now time.Time) *bucket {
	if !c.Enabled() {
		return nil
	}
	window := float64(c.BaselinePerS) * CapWindow.Seconds()
	return &bucket{
		cap:      c,
		capacity: max(float64(c.MaxCredits), window),
		credits:  max(float64(c.Credits), window),
		updated:  now,
		next:     now,
	}
}

// reserve takes n units at now and returns when the request may proceed:
// once the credits it overdrew are earned back at the baseline rate, and,
// with a burst rate, once the requests before it have been paced.
func (b *bucket) reserve(n float64, now time.Time) time.Time {
	if b == nil || n <= 0 {
		return now
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(now)
	b.credits -= n
	ready := now
	if b.credits < 0 {
		ready = now.Add(seconds(-b.credits / float64(b.cap.BaselinePerS)))
	}
	if burst := b.cap.BurstPerS; burst > 0 {
		start := later(now, b.next)
		b.next = start.Add(seconds(n / float64(burst)))
		ready = later(ready, start)
	}
	return ready
}

func (b *bucket) refill(now time.Time) {
	if elapsed := now.Sub(b.updated); elapsed > 0 {
		b.credits = min(b.capacity, b.credits+elapsed.Seconds()*float64(b.cap.BaselinePerS))
		b.updated = now
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
