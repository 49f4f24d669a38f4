package runner

import (
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// opCounter takes the operation counts of a counted volume's home before
// the start, so that since gives what the subject alone did: the storage
// probe and the home's population came before.
type opCounter struct {
	counted volume.Counted
	home    volume.Prepared
	before  map[string]volume.OpCount
}

func countOps(v scenario.Volume, h volume.Prepared) *opCounter {
	c, ok := v.Config.(volume.Counted)
	if !ok {
		return nil
	}
	before, ok := c.OpStats(h)
	if !ok {
		return nil
	}
	return &opCounter{counted: c, home: h, before: before}
}

// since returns the operations made since countOps, nil for volumes that
// count none.
func (o *opCounter) since() map[string]results.OpCount {
	if o == nil {
		return nil
	}
	after, ok := o.counted.OpStats(o.home)
	if !ok {
		return nil
	}
	out := map[string]results.OpCount{}
	for name, a := range after {
		b := o.before[name]
		if n := a.Count - b.Count; n > 0 {
			out[name] = results.OpCount{Count: n, InjectedMS: ms(a.Injected - b.Injected)}
		}
	}
	return out
}
