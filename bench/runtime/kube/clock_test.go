package kube

import (
	"testing"
	"time"
)

func TestClockSamples(t *testing.T) {
	var c clockSamples
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// The node runs 250 ms ahead; renewals take 5 to 40 ms to arrive.
	c.add("n", t0.Add(-time.Hour), t0) // the list: an old renewal
	for _, delivery := range []time.Duration{40, 5, 12} {
		renewed := t0.Add(10 * time.Second)
		c.add("n", renewed.Add(250*time.Millisecond), renewed.Add(delivery*time.Millisecond))
	}
	d, n, ok := c.offset("n")
	if !ok || n != 3 || d != 245*time.Millisecond {
		t.Errorf("offset %v from %d samples (%v), want 245ms (250 less the quickest delivery) from 3", d, n, ok)
	}
	if _, _, ok := c.offset("other"); ok {
		t.Error("an unseen node has an offset")
	}
}
