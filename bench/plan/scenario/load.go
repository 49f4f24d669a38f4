package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Load reads and checks the scenario file at path against runtimes.
func Load(path string, runtimes []subject.RuntimeSpec) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w", err)
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
	byName := map[string]string{}
	for _, path := range paths {
		s, err := Load(path, runtimes)
		var perr *Error
		switch {
		case errors.As(err, &perr):
			problems = append(problems, perr.Problems...)
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
		return nil, &Error{Problems: problems}
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
