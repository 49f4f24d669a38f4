package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileName is the name of the results file inside a results directory.
const FileName = "results.jsonl"

// Load reads the records at path: a results.jsonl file, or a directory
// holding one. It returns ReadJSONL's warnings prefixed with the file.
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
	records, warnings, err := ReadJSONL(f)
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
