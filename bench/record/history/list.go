package history

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Entry is one entry of a history directory, read back.
type Entry struct {
	// Name is the entry's directory name, <date>-<label>.
	Name string
	// Meta is the entry's meta.json; HasMeta is false when it has none.
	Meta    Meta
	HasMeta bool
	Records []results.Record
	// Warnings are results.Load's, prefixed with the file.
	Warnings []string
}

// List reads every entry of dir (each subdirectory holding a
// results.jsonl), oldest first: by meta.json's date, then by name, whose
// date prefix orders entries without one.
func List(dir string) ([]Entry, error) {
	dirents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list history: %w", err)
	}
	var entries []Entry
	for _, d := range dirents {
		path := filepath.Join(dir, d.Name())
		if !d.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(path, results.FileName)); err != nil {
			continue
		}
		e, err := readEntry(path)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.HasMeta && b.HasMeta && !a.Meta.Date.Equal(b.Meta.Date) {
			return a.Meta.Date.Before(b.Meta.Date)
		}
		return a.Name < b.Name
	})
	return entries, nil
}

func readEntry(path string) (Entry, error) {
	e := Entry{Name: filepath.Base(path)}
	var err error
	if e.Meta, e.HasMeta, err = LoadMeta(path); err != nil {
		return Entry{}, fmt.Errorf("list history: %w", err)
	}
	if e.Records, e.Warnings, err = results.Load(path); err != nil {
		return Entry{}, fmt.Errorf("list history: %w", err)
	}
	return e, nil
}
