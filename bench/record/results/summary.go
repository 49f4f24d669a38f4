package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// SummaryFileName is the summary `jsbench run` writes next to FileName:
// statistics per scenario × volume × phase, not runs.
const SummaryFileName = "results.json"

// notSummary refuses the summary file where runs are wanted, saying what
// to pass instead. The summary is one indented JSON object whose first
// field is "summaries", so its first line alone ("{") is no record: read
// as results.jsonl it would fail with "unexpected end of JSON input".
func notSummary(file string, head []byte) error {
	if !isSummary(head) {
		return nil
	}
	want := filepath.Join(filepath.Dir(file), FileName)
	if _, err := os.Stat(want); err == nil {
		return fmt.Errorf("%s is the summary `jsbench run` writes, not its runs: pass %s (or its directory, %s) instead", file, want, filepath.Dir(file))
	}
	return fmt.Errorf("%s is the summary `jsbench run` writes, not its runs: pass the %s written beside it", file, FileName)
}

// summaryPeekBytes is how much of a file is looked at to tell the summary.
const summaryPeekBytes = 4 << 10

// isSummary reads the first JSON tokens of head: an object whose first
// key is "summaries".
func isSummary(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	key, err := dec.Token()
	return err == nil && key == "summaries"
}
