package main

import (
	"fmt"
	"os"

	"github.com/jsbench/jsbench/bench/record/results"
)

// loadRuns reads the runs at path (a results.jsonl or a directory holding
// one) as role says ("baseline", "new results", "results"). A file with no
// run in it is refused: there is nothing to report or judge, and an empty
// file is what a session killed before its first run ended leaves behind.
func loadRuns(path, role string) ([]results.Record, []string, error) {
	records, warnings, err := results.Load(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", role, err)
	}
	if len(records) == 0 {
		return nil, nil, noRuns(path, role)
	}
	return records, warnings, nil
}

func noRuns(path, role string) error {
	file, err := results.Locate(path)
	if err != nil {
		file = path
	}
	if info, err := os.Stat(file); err == nil && info.Size() == 0 {
		return fmt.Errorf("read %s: %s is empty (0 bytes), as a session killed before its first run ended leaves it: pass the results of a session that measured something", role, file)
	}
	return fmt.Errorf("read %s: %s holds no complete run", role, file)
}
