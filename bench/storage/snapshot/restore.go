package snapshot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Errors of a backup that cannot restore a home; Restore wraps them.
var (
	// ErrEmptyArchive: the source holds no bytes, or an archive of no
	// entries (what a failed backup job or a killed upload leaves).
	ErrEmptyArchive = errors.New("empty archive")
	// ErrTruncated: the archive ends without its end-of-archive blocks,
	// cut short at an entry boundary (an interrupted copy or upload).
	ErrTruncated = errors.New("archive cut short")
	// ErrTooLarge: the archive expands past the restore's byte limit.
	ErrTooLarge = errors.New("archive too large")
)

// RestoreOptions says whom the restored files belong to and how much a
// restore may write.
type RestoreOptions struct {
	// UID and GID own every restored entry when Restore runs as root (the
	// official Jenkins image runs as 1000:1000). A negative value keeps
	// the id the archive recorded. Without root, files belong to the
	// caller whatever these say.
	UID, GID int
	// MaxBytes bounds what the restore writes (declared sizes, in whole
	// blocks): 0 takes the default (see ExpansionRatio), negative means
	// no limit.
	MaxBytes int64
	// KeepPrivileges keeps setuid and setgid bits and root ownership as
	// archived. By default they are dropped: a JENKINS_HOME has no use for
	// them, and a root-owned file is one the controller cannot write. An
	// entry archived as root's then goes to the owner of the target (or,
	// when that is root too, to the official image's jenkins user).
	KeepPrivileges bool

	// ownerUID and ownerGID get what the archive gave to root when
	// privileges are dropped; Restore sets them from the target.
	ownerUID, ownerGID int
	// ownsTarget is set when the restore creates the target directory,
	// which then gets an owner like the directories it restores.
	ownsTarget bool
}

// readBuffer is how much of the source is read ahead; large enough that
// a network source is asked for big chunks.
const readBuffer = 1 << 20

// Restore streams the archive from src into dstDir: a new directory, or
// an existing empty one (a mount point, a prepared home). Nothing is
// downloaded to disk first: bytes go from the source through the
// decompressor straight into the files. The format is recognized from the
// stream's first bytes. Entries with absolute paths or ".." are refused,
// and no entry is written through a symlink that leads outside dstDir.
//
// A backup is input like any other. The restore writes into a stage
// directory (beside dstDir, or inside it when it exists) and moves the
// result into place only when the whole archive was read and found
// complete; an empty archive, one cut short (even at an entry boundary),
// one that expands past its byte limit (checked before each entry is
// written) or any other failure leaves dstDir as it was, and the error
// says so. Sparse files are restored sparse.
func Restore(ctx context.Context, src Source, dstDir string, opts RestoreOptions) (Stats, error) {
	start := time.Now()
	stats, err := restoreStaged(ctx, src, dstDir, opts, start)
	stats.TotalMS = ms(time.Since(start))
	stats.ExtractMS = stats.TotalMS - stats.FetchMS
	if err != nil {
		return stats, fmt.Errorf("restore %q into %q: %w", src, dstDir, err)
	}
	return stats, nil
}

func restoreStaged(ctx context.Context, src Source, dstDir string, opts RestoreOptions, start time.Time) (Stats, error) {
	st, err := newStage(dstDir)
	if err != nil {
		return Stats{}, err
	}
	opts.ownerUID, opts.ownerGID = fallbackOwner(st.owned())
	opts.ownsTarget = !st.inside
	stats, err := restoreInto(ctx, src, st.dir, opts, start)
	if err == nil {
		err = st.commit()
	}
	if err == nil {
		return stats, nil
	}
	if rerr := st.abort(); rerr != nil {
		return stats, fmt.Errorf("%w; the partial restore in %q could not be removed: %w", err, st.dir, rerr)
	}
	return stats, fmt.Errorf("%w (nothing was restored: the partial restore was removed)", err)
}

// restoreInto streams the archive into dir, the stage.
func restoreInto(ctx context.Context, src Source, dir string, opts RestoreOptions, start time.Time) (Stats, error) {
	rc, err := src.Open(ctx)
	if err != nil {
		return Stats{}, err
	}
	defer rc.Close()
	archiveBytes := archiveSize(rc)
	b, err := newBudget(opts.MaxBytes, archiveBytes, dir)
	if err != nil {
		return Stats{}, err
	}
	timed := &timedReader{r: rc, waited: time.Since(start)}
	stats, err := restoreStream(ctx, bufio.NewReaderSize(timed, readBuffer), dir, opts, b)
	stats.ArchiveBytes = timed.n
	stats.LimitBytes = b.limit
	stats.FetchMS = ms(timed.waited)
	return stats, err
}

func restoreStream(ctx context.Context, r *bufio.Reader, dstDir string, opts RestoreOptions, b *budget) (Stats, error) {
	if _, err := r.Peek(1); err == io.EOF {
		return Stats{}, fmt.Errorf("%w (0 bytes): no backup to restore", ErrEmptyArchive)
	}
	tarStream, format, closeFn, err := decompress(r)
	if err != nil {
		return Stats{Format: format}, err
	}
	defer closeFn()
	stats := Stats{Format: format}
	end := &endReader{r: tarStream}
	if err := extract(ctx, end, dstDir, opts, b, &stats); err != nil {
		return stats, err
	}
	if err := checkEnd(end, &stats); err != nil {
		return stats, err
	}
	// Reading to the end makes the decompressor check its checksum.
	if _, err := io.Copy(io.Discard, tarStream); err != nil {
		return stats, fmt.Errorf("read end of %s stream: %w", format, err)
	}
	return stats, nil
}

// checkEnd refuses an archive of no entries, and one that stops after an
// entry without its end-of-archive blocks.
func checkEnd(end *endReader, stats *Stats) error {
	if stats.Files+stats.Dirs+stats.Symlinks == 0 {
		return fmt.Errorf("%w: %s of %s holds no file or directory", ErrEmptyArchive, human(end.n), stats.Format)
	}
	complete, lone := end.terminated()
	if !complete {
		return fmt.Errorf("%w: it stops after %d entries (%s of tar) without the end-of-archive blocks; an interrupted backup or upload leaves this", ErrTruncated, stats.Files+stats.Dirs+stats.Symlinks, human(end.n))
	}
	if lone {
		stats.Warnings = append(stats.Warnings, "the archive ends with one zero block instead of two")
	}
	return nil
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
