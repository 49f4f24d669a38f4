package scenario

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// MaxFileBytes is the largest scenario file Load reads. A scenario is a
// few KiB (the largest in scenarios/ is 5.5 KiB); a home of many jobs is
// asked for with counts (`home: {jobs: …}`), not written out. A 150 MB
// file once took 760 MB to check.
const MaxFileBytes = 1 << 20

// Load reads and checks the scenario file at path against runtimes. A
// file larger than MaxFileBytes is refused before it is parsed.
func Load(path string, runtimes []subject.RuntimeSpec) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w", err)
	}
	if len(data) > MaxFileBytes {
		size := "more"
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			size = fmt.Sprintf("%.1f MiB", float64(info.Size())/(1<<20))
		}
		return nil, &Error{Problems: []Problem{{File: path, Message: fmt.Sprintf(
			"the file holds %s, above the limit of %d KiB for a scenario file (scenarios are a few KiB; ask for a large home with counts such as home: {jobs: 5000}): is this a scenario?", size, MaxFileBytes>>10)}}}
	}
	return Parse(path, data, runtimes)
}

// LoadDir loads every *.yaml and *.yml file directly in dir, in name
// order. The problems of all files come together in one *Error, with
// scenario names used by two files among them.
func LoadDir(dir string, runtimes []subject.RuntimeSpec) ([]*Scenario, error) {
	paths, err := scenarioFiles(dir)
	if err != nil {
		return nil, err
	}
	var scenarios []*Scenario
	var problems []Problem
	unlisted := 0
	byName := map[string]string{}
	for _, path := range paths {
		s, err := Load(path, runtimes)
		var perr *Error
		switch {
		case errors.As(err, &perr):
			problems = append(problems, perr.Problems...)
			unlisted += perr.Unlisted
			continue
		case err != nil:
			return nil, err
		}
		if first, dup := byName[s.Name]; dup {
			problems = append(problems, Problem{File: path, Field: "name", Value: s.Name,
				Message: fmt.Sprintf("duplicate scenario name %q; also in %s", s.Name, first)})
		} else {
			byName[s.Name] = path
		}
		scenarios = append(scenarios, s)
	}
	if len(problems) > 0 {
		return nil, &Error{Problems: problems, Unlisted: unlisted}
	}
	return scenarios, nil
}

// scenarioFiles lists the scenario files directly in dir, sorted.
func scenarioFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list scenarios: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("list scenarios: no *.yaml or *.yml file in %q", dir)
	}
	return paths, nil
}
