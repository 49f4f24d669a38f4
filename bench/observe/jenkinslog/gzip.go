package jenkinslog

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Defaults of the limit on what a gzip-compressed log may unpack to. A
// rotated jenkins.log.gz is input like any other: 7 MB of gzip can hold
// 2 GiB of one repeated line. The limit is UnpackRatio times the
// compressed bytes read so far, at least MinUnpackLimit, the rule of
// bench/storage/snapshot's restore budget: Jenkins logs compress 10–30
// times with gzip (chosen: 100 leaves room for logs of one stack trace
// repeated).
const (
	UnpackRatio    = 100
	MinUnpackLimit = 1 << 30
)

// ErrUnpackLimit means a compressed log unpacked past its limit.
var ErrUnpackLimit = errors.New("log unpacks past its limit")

// ParseMaybeGzip is Parse of a log that may be gzip-compressed, as
// logrotate leaves jenkins.log.1.gz: r is unpacked when it starts with
// gzip's magic bytes, whatever the file is called, within
// Options.MaxUnpackedBytes (the error wraps ErrUnpackLimit and names the
// limit and its rule).
func ParseMaybeGzip(r io.Reader, opts Options) (Result, error) {
	packed := &countingReader{r: r}
	br := bufio.NewReader(packed)
	if magic, _ := br.Peek(2); len(magic) != 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return Parse(br, opts)
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return Result{}, fmt.Errorf("unpack log: %w", err)
	}
	defer zr.Close()
	return Parse(&unpackLimit{r: zr, packed: packed, max: opts.MaxUnpackedBytes}, opts)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// unpackLimit fails a read that takes the unpacked bytes past the limit.
type unpackLimit struct {
	r      io.Reader
	packed *countingReader
	max    int64
	n      int64
}

func (u *unpackLimit) Read(b []byte) (int, error) {
	n, err := u.r.Read(b)
	u.n += int64(n)
	if limit, rule := u.limit(); u.n > limit {
		return n, fmt.Errorf("%w of %s (%s)", ErrUnpackLimit, humanBytes(limit), rule)
	}
	return n, err
}

// limit is the limit now and the rule that set it.
func (u *unpackLimit) limit() (int64, string) {
	switch {
	case u.max > 0:
		return u.max, "the limit given"
	case u.max < 0:
		return 1<<63 - 1, "no limit"
	}
	packed := u.packed.n
	if packed > (1<<63-1)/UnpackRatio {
		return 1<<63 - 1, "no limit"
	}
	if packed*UnpackRatio > MinUnpackLimit {
		return packed * UnpackRatio, fmt.Sprintf("%d times the %s of gzip read", UnpackRatio, humanBytes(packed))
	}
	return MinUnpackLimit, fmt.Sprintf("%d times the gzip read, at least %s", UnpackRatio, humanBytes(MinUnpackLimit))
}

// humanBytes formats a byte count for people.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
