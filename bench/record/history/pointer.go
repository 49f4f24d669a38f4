package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Point makes entry the baseline of dir. The pointer file is replaced by
// a rename, so a reader sees the old or the new name, never half of one.
func Point(dir, entry string) error {
	if _, err := os.Stat(filepath.Join(dir, entry)); err != nil {
		return fmt.Errorf("point baseline: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".baseline-*")
	if err != nil {
		return fmt.Errorf("point baseline: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(entry + "\n"); err != nil {
		tmp.Close()
		return fmt.Errorf("point baseline: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("point baseline: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, PointerFile)); err != nil {
		return fmt.Errorf("point baseline: %w", err)
	}
	return nil
}

// Baseline returns the directory of dir's accepted entry.
func Baseline(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, PointerFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read baseline: history %q has no baseline yet (jsbench baseline accept RESULTS --dir %s)", dir, dir)
	}
	if err != nil {
		return "", fmt.Errorf("read baseline: %w", err)
	}
	name := strings.TrimSpace(string(data))
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("read baseline: %s names %q, not an entry", filepath.Join(dir, PointerFile), name)
	}
	entry := filepath.Join(dir, name)
	if _, err := os.Stat(entry); err != nil {
		return "", fmt.Errorf("read baseline: %w", err)
	}
	return entry, nil
}

// Resolve turns a baseline argument into results to load: a history
// directory (one with a baseline pointer) becomes its accepted entry;
// anything else is returned as given.
func Resolve(path string) (string, error) {
	if _, err := os.Stat(filepath.Join(path, PointerFile)); err == nil {
		return Baseline(path)
	}
	return path, nil
}

// LoadMeta reads the meta.json of an entry directory. ok is false when
// there is none.
func LoadMeta(entry string) (meta Meta, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(entry, MetaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return Meta{}, false, nil
	}
	if err != nil {
		return Meta{}, false, fmt.Errorf("read meta: %w", err)
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return Meta{}, false, fmt.Errorf("read meta %q: %w", entry, err)
	}
	if meta.Schema != SchemaV1 {
		return Meta{}, false, fmt.Errorf("read meta %q: unknown schema %q (want %q)", entry, meta.Schema, SchemaV1)
	}
	return meta, true, nil
}
