package snapshot

import (
	"archive/tar"
	"fmt"
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// Defaults of the restore budget, the most a restore may write. A backup
// arrives from a bucket and is input like any other: a 3.5 KB archive can
// declare a 100 GB file. Every entry's declared size, rounded up to whole
// blocks (a directory or a link is one block), is charged before the
// entry is written, and the restore stops when the total passes the
// budget. The default budget is ExpansionRatio times the archive's size,
// at least MinBudgetBytes, and never more than the target's free space
// less its reserve.
const (
	// ExpansionRatio bounds what an archive may expand to by default. A
	// JENKINS_HOME of XML and build logs compresses 5–20 times with gzip
	// or zstd; a generated home, whose plugins are zip archives already,
	// about 1.1 times (chosen: 100 leaves room for homes of logs).
	ExpansionRatio = 100
	// MinBudgetBytes is the smallest default budget, for small archives
	// (chosen: a new home, with its war extracted, holds about 100 MB).
	MinBudgetBytes = 1 << 30
	// blockBytes is what the smallest entry costs on disk.
	blockBytes = 4 << 10
	// reserveFraction and maxReserveBytes keep part of the target's file
	// system free: 5 % of it, at most 1 GiB (chosen: other writers on a
	// shared disk need room too).
	reserveFraction = 20
	maxReserveBytes = 1 << 30
)

// budget counts what a restore writes against its limit.
type budget struct {
	limit   int64
	charged int64
	// rule says how the limit was set, for the error that names it.
	rule string
}

// newBudget sets the limit: opts.MaxBytes when positive, none when
// negative, else the default rule from the archive's size (negative when
// unknown) and the free space of the file system holding dir.
func newBudget(maxBytes, archiveBytes int64, dir string) (*budget, error) {
	switch {
	case maxBytes > 0:
		return &budget{limit: maxBytes, rule: "set by --max-bytes / max_bytes"}, nil
	case maxBytes < 0:
		return &budget{limit: 1<<63 - 1, rule: "no limit"}, nil
	}
	free, reserve, err := room(dir)
	if err != nil {
		return nil, err
	}
	b := &budget{limit: free - reserve, rule: fmt.Sprintf("the %s free on the target less a %s reserve", human(free), human(reserve))}
	if archiveBytes >= 0 {
		byRatio := max(archiveBytes*ExpansionRatio, MinBudgetBytes)
		if byRatio < b.limit {
			b.limit = byRatio
			b.rule = fmt.Sprintf("%d× the archive's %s, at least %s", ExpansionRatio, human(archiveBytes), human(MinBudgetBytes))
		}
	}
	b.limit = max(b.limit, 0)
	return b, nil
}

// room is the free space an unprivileged writer has on dir's file
// system, and the part of it to leave free.
func room(dir string) (free, reserve int64, err error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, 0, fmt.Errorf("free space of %q: %w", dir, err)
	}
	size := int64(st.Blocks) * st.Bsize
	return int64(st.Bavail) * st.Bsize, min(size/reserveFraction, maxReserveBytes), nil
}

// charge counts an entry before it is written and refuses it when it
// would take the restore past its limit.
func (b *budget) charge(name string, hdr *tar.Header) error {
	cost := int64(blockBytes)
	if isFileType(hdr.Typeflag) && hdr.Size > 0 {
		cost = hdr.Size
		if r := cost % blockBytes; r != 0 && cost < 1<<62 {
			cost += blockBytes - r
		}
	}
	if cost > b.limit-b.charged {
		what := "a " + map[bool]string{true: "directory", false: "link"}[hdr.Typeflag == tar.TypeDir]
		if isFileType(hdr.Typeflag) {
			what = "declared " + human(hdr.Size)
		}
		return fmt.Errorf("%w: %q (%s) would take the restore past its limit of %s (%s); if the archive is trusted, raise the limit with --max-bytes (max_bytes: on a snapshot volume)",
			ErrTooLarge, name, what, human(b.limit), b.rule)
	}
	b.charged += cost
	return nil
}

// archiveSize is the size of the archive the source serves, or -1 when
// the source does not say (an HTTP answer without Content-Length).
func archiveSize(r io.Reader) int64 {
	switch s := r.(type) {
	case interface{ Size() int64 }:
		return s.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if info, err := s.Stat(); err == nil && info.Mode().IsRegular() {
			return info.Size()
		}
	}
	return -1
}

// sized is a source's stream with the size the source announced.
type sized struct {
	io.ReadCloser
	size int64
}

func (s sized) Size() int64 { return s.size }

// human formats a byte count for people.
func human(n int64) string {
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
