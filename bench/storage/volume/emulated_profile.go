package volume

import (
	"errors"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// customProfile reads a profile mapping: an optional shipped profile to
// start from (base, default none) and the fields to change, spelled as
// emufs.Profile's YAML tags. Every problem is reported through opts.
func customProfile(volumeName string, opts *Options) emufs.Profile {
	baseName := opts.String("base", "none")
	p, err := emufs.ByName(baseName)
	if err != nil {
		opts.Problemf("base", baseName, "unknown profile; known profiles: %s", strings.Join(emufs.Names(), ", "))
	}
	p.Name = opts.String("name", volumeName)
	p.Description = opts.String("description", "custom profile based on "+baseName)
	for _, l := range []struct {
		key string
		to  *emufs.Latency
	}{
		{"metadata", &p.Metadata}, {"open", &p.Open}, {"readdir", &p.Readdir}, {"read", &p.Read},
		{"write", &p.Write}, {"namespace", &p.Namespace}, {"flush", &p.Flush}, {"fsync", &p.Fsync},
	} {
		latencyOption(opts, l.key, l.to)
	}
	p.ReaddirBatch = opts.Int("readdir_batch", p.ReaddirBatch)
	p.Writes = emufs.WriteMode(opts.String("writes", string(p.Writes)))
	capOption(opts, "throughput", &p.Throughput)
	capOption(opts, "iops", &p.IOPS)
	cacheOption(opts, &p.Cache)
	lazyOption(opts, &p.Lazy)
	reportProfileProblems(opts, p.Validate())
	return p
}

func latencyOption(opts *Options, key string, l *emufs.Latency) {
	sub := opts.Sub(key)
	if sub == nil {
		return
	}
	l.Median = emufs.Duration(sub.Duration("median", l.Median.D()))
	l.Sigma = floatOption(sub, "sigma", l.Sigma)
}

func capOption(opts *Options, key string, c *emufs.Cap) {
	sub := opts.Sub(key)
	if sub == nil {
		return
	}
	c.BaselinePerS = int64(sub.Int("baseline_per_s", int(c.BaselinePerS)))
	c.BurstPerS = int64(sub.Int("burst_per_s", int(c.BurstPerS)))
	c.Credits = int64(sub.Int("credits", int(c.Credits)))
	c.MaxCredits = int64(sub.Int("max_credits", int(c.MaxCredits)))
}

func cacheOption(opts *Options, c *emufs.Cache) {
	sub := opts.Sub("cache")
	if sub == nil {
		return
	}
	duration := func(key string, d *emufs.Duration) {
		*d = emufs.Duration(sub.Duration(key, time.Duration(*d)))
	}
	duration("entry", &c.Entry)
	duration("attr", &c.Attr)
	duration("negative", &c.Negative)
}

func lazyOption(opts *Options, l *emufs.Lazy) {
	sub := opts.Sub("lazy")
	if sub == nil {
		return
	}
	l.ChunkBytes = int64(sub.Int("chunk_bytes", int(l.ChunkBytes)))
	latencyOption(sub, "fetch", &l.Fetch)
}

// floatOption reads a number; Options has no reader for fractions.
func floatOption(o *Options, key string, def float64) float64 {
	v, ok := o.take(key)
	if !ok {
		return def
	}
	switch n := v.(type) {
	case float64:
		return n
	case int:
		return float64(n)
	}
	o.Problemf(key, v, "want a number")
	return def
}

// reportProfileProblems turns the profile's validation errors into
// problems of the options they came from.
func reportProfileProblems(opts *Options, err error) {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return
	}
	for _, e := range joined.Unwrap() {
		var fe *emufs.FieldError
		if errors.As(e, &fe) {
			opts.Problemf(fe.Field, "", "%s", fe.Message)
		}
	}
}
