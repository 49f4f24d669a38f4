package simulator

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

// Composition of the synthetic WAR, after a recent LTS (../shared/calibration.md,
// "WAR and JENKINS_HOME composition").
const (
	// DefaultWarEntries is about 1,000 entries in a 2.4xx WAR.
	DefaultWarEntries = 1000
	// DefaultWarSizeMB is 2.541.3's WAR: 96.3 MB (10^6 bytes).
	DefaultWarSizeMB = 96.3
	// detachedShare, staticShare and miscShare are the bundled plugins (48),
	// static web files (674) and the rest that is neither a jar nor one of
	// those (executable classes, descriptors: 20, derived) per 1,000 entries.
	detachedShare = 48.0 / 1000
	staticShare   = 674.0 / 1000
	miscShare     = 20.0 / 1000
	// detachedBytes, libBytes and winstoneBytes split the bytes that are
	// not small files: 43 MB of .hpi, 52 MB of WEB-INF/lib jars and 4.5 MB
	// of winstone.jar in a 101 MB WAR.
	detachedBytes = 43.0
	libBytes      = 52.0
	winstoneBytes = 4.5
	// staticMedianBytes is the median static web file: 636 bytes.
	staticMedianBytes = 636
	// warSeed fixes the WAR's bytes: the same binary always makes the
	// same WAR.
	warSeed = 2541
)

// warDate dates every entry (the 2.541.2 release seen in fixture 02).
var warDate = time.Date(2026, time.February, 25, 0, 0, 0, 0, time.UTC)

// syntheticWarFiles are the file entries of the WAR make-war writes for
// entries and size, each writing its uncompressed bytes.
func syntheticWarFiles(entries int, size int64) ([]warFile, error) {
	layout, err := warLayout(entries, size)
	if err != nil {
		return nil, err
	}
	src := synth.New(warSeed, "war-content")
	files := make([]warFile, len(layout))
	for i, e := range layout {
		files[i] = warFile{name: e.Name, write: func(w io.Writer) error { return synth.WriteContent(w, src, e) }}
	}
	return files, nil
}

// WriteWar writes a synthetic jenkins.war of entries files and about size
// bytes to path (next to it first, then renamed into place, so that an
// interrupted run never leaves a truncated WAR behind) and returns its
// size. The same numbers always make the same bytes.
func WriteWar(path string, entries int, size int64) (int64, error) {
	layout, err := warLayout(entries, size)
	if err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jenkins-war-*")
	if err != nil {
		return 0, fmt.Errorf("create war: %w", err)
	}
	defer os.Remove(tmp.Name())
	buffered := bufio.NewWriterSize(tmp, 1<<20)
	werr := synth.WriteZip(buffered, synth.New(warSeed, "war-content"), warDate, layout)
	if werr == nil {
		werr = buffered.Flush()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return 0, fmt.Errorf("write war %q: %w", path, werr)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, fmt.Errorf("write war %q: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("write war %q: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("write war %q: %w", path, err)
	}
	return info.Size(), nil
}
