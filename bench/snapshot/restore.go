package snapshot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"
)

// RestoreOptions says whom the restored files belong to.
type RestoreOptions struct {
	// UID and GID own every restored entry when Restore runs as root (the
	// official Jenkins image runs as 1000:1000). A negative value keeps
	// the id the archive recorded. Without root, files belong to the
	// caller whatever these say.
	UID, GID int
}

// readBuffer is how much of the source is read ahead; large enough that
// a network source is asked for big chunks.
const readBuffer = 1 << 20

// Restore streams the archive from src into dstDir, which must exist
// (usually a fresh, empty home). Nothing is downloaded to disk first:
// bytes go from the source through the decompressor straight into the
// files. The format is recognized from the stream's first bytes. Entries
// with absolute paths or ".." are refused, and no entry is written
// through a symlink that leads outside dstDir.
func Restore(ctx context.Context, src Source, dstDir string, opts RestoreOptions) (Stats, error) {
	start := time.Now()
	rc, err := src.Open(ctx)
	if err != nil {
		return Stats{}, err
	}
	defer rc.Close()
	timed := &timedReader{r: rc, waited: time.Since(start)}
	stats, err := restoreStream(ctx, bufio.NewReaderSize(timed, readBuffer), dstDir, opts)
	stats.ArchiveBytes = timed.n
	stats.TotalMS = ms(time.Since(start))
	stats.FetchMS = ms(timed.waited)
	stats.ExtractMS = stats.TotalMS - stats.FetchMS
	if err != nil {
		return stats, fmt.Errorf("restore %q into %q: %w", src, dstDir, err)
	}
	return stats, nil
}

func restoreStream(ctx context.Context, r *bufio.Reader, dstDir string, opts RestoreOptions) (Stats, error) {
	tarStream, format, closeFn, err := decompress(r)
	if err != nil {
		return Stats{Format: format}, err
	}
	defer closeFn()
	stats := Stats{Format: format}
	if err := extract(ctx, tarStream, dstDir, opts, &stats); err != nil {
		return stats, err
	}
	// Reading to the end makes the decompressor check its checksum.
	if _, err := io.Copy(io.Discard, tarStream); err != nil {
		return stats, fmt.Errorf("read end of %s stream: %w", format, err)
	}
	return stats, nil
}

// timedReader counts the bytes read and the time spent waiting for them.
type timedReader struct {
	r      io.Reader
	n      int64
	waited time.Duration
}

func (t *timedReader) Read(p []byte) (int, error) {
	start := time.Now()
	n, err := t.r.Read(p)
	t.waited += time.Since(start)
	t.n += int64(n)
	return n, err
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
