package results

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileName is the name of the results file inside a results directory.
const FileName = "results.jsonl"

// Load reads the records at path: a results.jsonl file, or a directory
// holding one. It returns ReadJSONL's warnings prefixed with the file. The
// summary results.json is refused with the name of the file to pass.
func Load(path string) ([]Record, []string, error) {
	file, err := Locate(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, fmt.Errorf("open results: %w", err)
	}
	defer f.Close()
	// Peeked rather than read, so that a pipe (<(zcat …)) works too.
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(summaryPeekBytes)
	if err := notSummary(file, head); err != nil {
		return nil, nil, err
	}
	records, warnings, err := ReadJSONL(br)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	for i, w := range warnings {
		warnings[i] = file + ": " + w
	}
	return records, warnings, nil
}

// Locate resolves path to the results file it names: path itself when it
// is a file, path/results.jsonl when it is a directory.
func Locate(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("locate results %q: %w", path, err)
	}
	if !info.IsDir() {
		return path, nil
	}
	file := filepath.Join(path, FileName)
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("locate results: directory %q holds no %s", path, FileName)
	} else if err != nil {
		return "", fmt.Errorf("locate results %q: %w", file, err)
	}
	return file, nil
}
