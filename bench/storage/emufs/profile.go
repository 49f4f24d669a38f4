package emufs

import (
	"errors"
	"fmt"
	"time"
)

// Profile describes how an emulated storage delays each class of
// operation. The zero value injects nothing. Scenario files and JSON
// spell durations as "410us", "1.75ms", "30s".
type Profile struct {
	// Name identifies the profile in results ("nfs-lan").
	Name string `yaml:"name" json:"name"`
	// Description says what storage the profile stands for.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`

	// Metadata is the cost of a lookup or getattr that misses the
	// kernel's entry and attribute caches (an NFS GETATTR/LOOKUP).
	Metadata Latency `yaml:"metadata" json:"metadata"`
	// Open is paid by every open of an existing file: NFS close-to-open
	// consistency revalidates the attributes even when they are cached.
	Open Latency `yaml:"open" json:"open"`
	// Readdir is paid once per round trip of a directory listing.
	Readdir Latency `yaml:"readdir" json:"readdir"`
	// ReaddirBatch is how many entries one readdir round trip returns;
	// 0 lists a whole directory in one.
	ReaddirBatch int `yaml:"readdir_batch,omitempty" json:"readdir_batch,omitempty"`
	// Read is paid by every read that reaches the file system, that is
	// every read of data not in the kernel's page cache.
	Read Latency `yaml:"read" json:"read"`
	// Write is paid by every write request (up to 128 KiB each).
	Write Latency `yaml:"write" json:"write"`
	// Namespace is paid by create, mkdir, rmdir, unlink, rename,
	// symlink, link and setattr: synchronous metadata updates.
	Namespace Latency `yaml:"namespace" json:"namespace"`
	// Flush is paid when a file that was written is closed (NFS flushes
	// and commits on close).
	Flush Latency `yaml:"flush" json:"flush"`
	// Fsync is paid by fsync and fdatasync.
	Fsync Latency `yaml:"fsync" json:"fsync"`

	// Writes says when written data counts against the caps.
	Writes WriteMode `yaml:"writes,omitempty" json:"writes,omitempty"`
	// Throughput caps bytes read and written per second.
	Throughput Cap `yaml:"throughput,omitempty" json:"throughput,omitempty"`
	// IOPS caps read, write and fsync requests per second.
	IOPS Cap `yaml:"iops,omitempty" json:"iops,omitempty"`

	// Cache sets how long the kernel may trust what it looked up.
	Cache Cache `yaml:"cache" json:"cache"`
	// Lazy makes the first touch of each block of a restored file pay a
	// fetch, as an EBS volume restored from a snapshot does.
	Lazy Lazy `yaml:"lazy,omitempty" json:"lazy,omitempty"`
}

// Latency is a lognormal delay: half of the samples fall below Median,
// and Sigma (the standard deviation of the delay's logarithm) spreads
// them; Sigma 0 makes every delay exactly Median.
type Latency struct {
	Median Duration `yaml:"median" json:"median"`
	Sigma  float64  `yaml:"sigma,omitempty" json:"sigma,omitempty"`
}

// WriteMode says whether writes reach the device at once or later.
type WriteMode string

const (
	// WriteThrough charges every write request against the caps as it
	// arrives, as a network file system sends it to the server.
	WriteThrough WriteMode = "through"
	// WriteBuffered lets writes land in the page cache: they count
	// against the caps only when an fsync flushes them (block storage).
	WriteBuffered WriteMode = "buffered"
)

// Cap is a rate limit with burst credits, the shape of EFS Bursting
// throughput and gp2 IOPS credits: credits accrue at BaselinePerS up to
// MaxCredits, each unit spends one, and while credits last the rate may
// reach BurstPerS. A zero BaselinePerS means no cap.
type Cap struct {
	BaselinePerS int64 `yaml:"baseline_per_s" json:"baseline_per_s"`
	BurstPerS    int64 `yaml:"burst_per_s,omitempty" json:"burst_per_s,omitempty"`
	Credits      int64 `yaml:"credits,omitempty" json:"credits,omitempty"`
	MaxCredits   int64 `yaml:"max_credits,omitempty" json:"max_credits,omitempty"`
}

// Cache holds the kernel cache timeouts, FUSE's counterpart of NFS's
// actimeo family.
type Cache struct {
	// Entry is how long a name found by lookup stays valid.
	Entry Duration `yaml:"entry" json:"entry"`
	// Attr is how long attributes stay valid.
	Attr Duration `yaml:"attr" json:"attr"`
	// Negative is how long a name found missing stays missing.
	Negative Duration `yaml:"negative" json:"negative"`
}

// Lazy describes blocks fetched on first touch. A zero ChunkBytes turns
// it off.
type Lazy struct {
	ChunkBytes int64   `yaml:"chunk_bytes" json:"chunk_bytes"`
	Fetch      Latency `yaml:"fetch" json:"fetch"`
}

// Enabled reports whether the cap limits anything.
func (c Cap) Enabled() bool { return c.BaselinePerS > 0 }

// Enabled reports whether blocks are fetched lazily.
func (l Lazy) Enabled() bool { return l.ChunkBytes > 0 }

// FieldError is one problem Validate found in a profile.
type FieldError struct {
	// Field is the field's path as a scenario spells it ("iops.credits").
	Field   string
	Message string
}

// Error reads "field: message".
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate returns every problem of the profile joined, each a
// *FieldError.
func (p Profile) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if p.Name == "" {
		bad("name", "want a name")
	}
	for _, l := range p.latencies() {
		checkLatency(l.field, l.Latency, bad)
	}
	if p.ReaddirBatch < 0 {
		bad("readdir_batch", "%d is negative", p.ReaddirBatch)
	}
	if p.Writes != "" && p.Writes != WriteThrough && p.Writes != WriteBuffered {
		bad("writes", "%q is neither %q nor %q", p.Writes, WriteThrough, WriteBuffered)
	}
	checkCap("throughput", p.Throughput, bad)
	checkCap("iops", p.IOPS, bad)
	checkCache(p.Cache, bad)
	if p.Lazy.ChunkBytes < 0 || p.Lazy.ChunkBytes%4096 != 0 {
		bad("lazy.chunk_bytes", "%d is not a non-negative multiple of 4096", p.Lazy.ChunkBytes)
	}
	return errors.Join(errs...)
}

type namedLatency struct {
	field string
	Latency
}

// latencies lists every latency of the profile with its field path.
func (p Profile) latencies() []namedLatency {
	return []namedLatency{
		{"metadata", p.Metadata}, {"open", p.Open}, {"readdir", p.Readdir},
		{"read", p.Read}, {"write", p.Write}, {"namespace", p.Namespace},
		{"flush", p.Flush}, {"fsync", p.Fsync}, {"lazy.fetch", p.Lazy.Fetch},
	}
}

func checkLatency(field string, l Latency, bad func(string, string, ...any)) {
	if l.Median < 0 {
		bad(field+".median", "%v is negative", time.Duration(l.Median))
	}
	if l.Sigma < 0 || l.Sigma > 3 {
		bad(field+".sigma", "%g is outside 0 to 3", l.Sigma)
	}
}

func checkCap(field string, c Cap, bad func(string, string, ...any)) {
	switch {
	case c.BaselinePerS < 0 || c.BurstPerS < 0 || c.Credits < 0 || c.MaxCredits < 0:
		bad(field, "values must not be negative")
	case !c.Enabled() && (c.BurstPerS > 0 || c.Credits > 0 || c.MaxCredits > 0):
		bad(field+".baseline_per_s", "want a baseline rate when burst or credits are set")
	case c.BurstPerS > 0 && c.BurstPerS < c.BaselinePerS:
		bad(field+".burst_per_s", "%d is below the baseline %d", c.BurstPerS, c.BaselinePerS)
	case c.MaxCredits > 0 && c.Credits > c.MaxCredits:
		bad(field+".credits", "%d exceeds max_credits %d", c.Credits, c.MaxCredits)
	}
}

func checkCache(c Cache, bad func(string, string, ...any)) {
	fields := []string{"cache.entry", "cache.attr", "cache.negative"}
	for i, d := range []Duration{c.Entry, c.Attr, c.Negative} {
		if d < 0 {
			bad(fields[i], "%v is negative", time.Duration(d))
		}
	}
}
