package kube

import (
	"sync"
	"time"
)

// clockSamples estimates each node's clock against jsbench's from the
// renewals of the node's Lease: a renewal stamped at R by the node and
// received at T by jsbench shows an offset of at least R − T (the node's
// clock ahead of jsbench's), since the renewal took some time to arrive.
// The largest such value is the tightest bound; it is a lower bound, too
// small by the shortest delivery time seen. A renewal received at the
// informer's first list, possibly long after it was made, says nothing and
// is left out.
type clockSamples struct {
	mu     sync.Mutex
	listed map[string]bool
	best   map[string]time.Duration
	count  map[string]int
}

// maxDelivery is the longest a renewal may have taken to arrive to count
// as a sample: kubelets renew every 10 s, an older stamp is a listing.
const maxDelivery = 10 * time.Second

func (c *clockSamples) add(node string, renewed, received time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.best == nil {
		c.listed, c.best, c.count = map[string]bool{}, map[string]time.Duration{}, map[string]int{}
	}
	if !c.listed[node] {
		c.listed[node] = true // the first sight comes from the list
		return
	}
	d := renewed.Sub(received)
	if d < -maxDelivery {
		return
	}
	if n := c.count[node]; n == 0 || d > c.best[node] {
		c.best[node] = d
	}
	c.count[node]++
}

// offset is the node's clock minus jsbench's (a lower bound) and the
// number of renewals it rests on; ok is false without any.
func (c *clockSamples) offset(node string) (d time.Duration, samples int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.count[node]
	return c.best[node], n, n > 0
}
