package snapshot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// stagePrefix names the directory a restore writes into before the
// result is moved into place.
const stagePrefix = ".jsbench-restore-"

// stage is where a restore writes, so that the target never holds half
// a backup: a cut or hostile archive fails, the stage is removed, and the
// target is as it was.
type stage struct {
	dir, target string
	// inside is set when the stage is a directory in the target (which
	// existed, empty): a mount point or a prepared home cannot be replaced,
	// so its entries are moved up into it at the end.
	inside bool
}

// lostFound is what mkfs.ext4 leaves at the root of a new volume (a
// fresh EBS volume's): a target holding only it counts as empty.
const lostFound = "lost+found"

// newStage prepares the stage of a restore into target: beside it when
// target does not exist (renamed into place at the end), inside it when
// it exists and is empty (lost+found aside). A target that holds anything
// else is refused.
func newStage(target string) (*stage, error) {
	entries, err := os.ReadDir(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(filepath.Clean(target))
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, fmt.Errorf("create parent of %q: %w", target, err)
		}
		dir, err := os.MkdirTemp(parent, stagePrefix+filepath.Base(target)+"-")
		if err != nil {
			return nil, fmt.Errorf("create restore directory beside %q: %w", target, err)
		}
		return &stage{dir: dir, target: target}, os.Chmod(dir, 0o755)
	case err != nil:
		return nil, fmt.Errorf("read target: %w", err)
	case len(entries) > 0 && !(len(entries) == 1 && entries[0].Name() == lostFound):
		hint := ""
		if strings.HasPrefix(entries[0].Name(), stagePrefix) {
			hint = " (" + entries[0].Name() + " is left from an interrupted restore)"
		}
		return nil, fmt.Errorf("target %q is not empty (%d entries%s): restore into a new or empty directory", target, len(entries), hint)
	}
	dir, err := os.MkdirTemp(target, stagePrefix)
	if err != nil {
		return nil, fmt.Errorf("create restore directory in %q: %w", target, err)
	}
	return &stage{dir: dir, target: target, inside: true}, nil
}

// commit moves the restored tree into place: a rename of the stage, or
// of each of its entries when the stage is inside the target.
func (s *stage) commit() error {
	if !s.inside {
		if err := os.Rename(s.dir, s.target); err != nil {
			return fmt.Errorf("move the restore into place: %w", err)
		}
		return nil
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("move the restore into place: %w", err)
	}
	for i, e := range entries {
		if err := os.Rename(filepath.Join(s.dir, e.Name()), filepath.Join(s.target, e.Name())); err != nil {
			s.undo(entries[:i])
			return fmt.Errorf("move the restore into place: %w", err)
		}
	}
	if err := os.Remove(s.dir); err != nil {
		return fmt.Errorf("remove restore directory: %w", err)
	}
	return nil
}

// undo moves entries already moved into the target back into the stage,
// so that abort removes them with the rest.
func (s *stage) undo(moved []os.DirEntry) {
	for _, e := range moved {
		_ = os.Rename(filepath.Join(s.target, e.Name()), filepath.Join(s.dir, e.Name()))
	}
}

// abort removes everything the restore wrote. Directories restored
// read-only are made writable first, or their content could not go.
func (s *stage) abort() error {
	_ = filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(path, 0o700)
		}
		return nil
	})
	return os.RemoveAll(s.dir)
}

// owned is the directory whose owner the restored tree takes: the target,
// or, when the restore creates it, the target's parent.
func (s *stage) owned() string {
	if s.inside {
		return s.target
	}
	return filepath.Dir(s.dir)
}
