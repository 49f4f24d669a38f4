package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Names inside a history directory.
const (
	PointerFile = "baseline"
	MetaFile    = "meta.json"
	// SchemaV1 names the version of Meta.
	SchemaV1 = "jsbench.history/v1"
)

// Meta describes an accepted entry.
type Meta struct {
	Schema   string    `json:"schema"`
	Date     time.Time `json:"date"`
	Label    string    `json:"label"`
	Commit   string    `json:"commit,omitempty"`
	Version  string    `json:"version,omitempty"`
	Source   string    `json:"source,omitempty"`
	Records  int       `json:"records"`
	Subjects []string  `json:"subjects,omitempty"`
	Env      Env       `json:"environment"`
}

// Env describes the machine that accepted the entry, which in the nightly
// job is the one that measured it.
type Env struct {
	GOOS     string `json:"goos,omitempty"`
	GOARCH   string `json:"goarch,omitempty"`
	NumCPU   int    `json:"num_cpu,omitempty"`
	Hostname string `json:"hostname,omitempty"`
	Kernel   string `json:"kernel,omitempty"`
}

// Accept copies the results at resultsPath (a results.jsonl or a
// directory holding one) into a new entry of dir named after meta's date
// and label, writes its meta.json and points the baseline at it. The
// results must be readable; Records, Subjects, Source and Schema of meta
// are filled in. It returns the entry's name.
func Accept(dir, resultsPath string, meta Meta) (string, error) {
	file, err := results.Locate(resultsPath)
	if err != nil {
		return "", err
	}
	records, _, err := results.Load(file)
	if err != nil {
		return "", fmt.Errorf("accept baseline: %w", err)
	}
	if len(records) == 0 {
		return "", fmt.Errorf("accept baseline: %q holds no runs", file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("accept baseline: %w", err)
	}
	meta.Schema, meta.Source, meta.Records, meta.Subjects = SchemaV1, file, len(records), subjects(records)
	name, err := newEntry(dir, meta)
	if err != nil {
		return "", err
	}
	entry := filepath.Join(dir, name)
	if err := os.WriteFile(filepath.Join(entry, results.FileName), data, 0o644); err != nil {
		return "", fmt.Errorf("accept baseline: %w", err)
	}
	if err := writeMeta(entry, meta); err != nil {
		return "", err
	}
	return name, Point(dir, name)
}

// newEntry creates the entry directory, <date>-<label>, adding -2, -3 …
// when the name is taken.
func newEntry(dir string, meta Meta) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create history: %w", err)
	}
	base := meta.Date.UTC().Format("2006-01-02") + "-" + cleanLabel(meta.Label)
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		err := os.Mkdir(filepath.Join(dir, name), 0o755)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("create history entry: %w", err)
		}
	}
	return "", fmt.Errorf("create history entry: %q taken 999 times", base)
}

// cleanLabel keeps a label usable as part of a directory name.
func cleanLabel(label string) string {
	if label == "" {
		return "accepted"
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			return r
		}
		return '-'
	}, label)
}

func writeMeta(entry string, meta Meta) error {
	data, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("encode meta: %w", err)
	}
	if err := os.WriteFile(filepath.Join(entry, MetaFile), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write meta: %w", err)
	}
	return nil
}

func subjects(records []results.Record) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range records {
		label := r.Subject.Name
		if r.Subject.JenkinsVersion != "" {
			label += " (Jenkins " + r.Subject.JenkinsVersion + ")"
		}
		if !seen[label] {
			seen[label] = true
			out = append(out, label)
		}
	}
	return out
}
