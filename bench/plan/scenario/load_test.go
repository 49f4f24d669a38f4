package scenario

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scenariosDir is the project's scenarios folder, seen from this package.
const scenariosDir = "../../../scenarios"

// TestScenarioFiles parses every file under scenarios/, examples
// included, so that none of them rots.
func TestScenarioFiles(t *testing.T) {
	var files []string
	err := filepath.WalkDir(scenariosDir, func(path string, d fs.DirEntry, err error) error {
		if ext := filepath.Ext(path); err == nil && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d scenario files under %s, want the default and the examples", len(files), scenariosDir)
	}
	for _, file := range files {
		if _, err := Load(file, testRuntimes); err != nil {
			t.Errorf("Load(%s):\n%v", file, err)
		}
	}
}

// TestDefaultScenario checks that the suite of scenarios/*.yaml loads as
// a whole and that `make bench` compares the storage options the product
// is about: local disk, memory, emulated NFS, EFS and EBS, and a snapshot
// restored before the start.
func TestDefaultScenario(t *testing.T) {
	all, err := LoadDir(scenariosDir, testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range all {
		if s.Subject.Kind != "sim" {
			t.Errorf("%s: make bench runs with the simulated controller only, got %q", s.File, s.Subject.Kind)
		}
		for _, v := range s.Volumes {
			seen[v.Kind+":"+v.Config.Params()["profile"]] = true
		}
	}
	for _, want := range []string{"local:", "tmpfs:", "emulated:nfs-lan", "emulated:efs-general-purpose", "emulated:ebs-gp3", "snapshot:"} {
		if !seen[want] {
			t.Errorf("no scenario in %s has a %s volume; seen %v", scenariosDir, want, seen)
		}
	}
}

func TestLoadDir(t *testing.T) {
	const good = "version: 1\nname: %s\nsubject: {kind: sim}\nvolumes: [{name: local, kind: local}]\n"
	dir := t.TempDir()
	write(t, dir, "b.yml", strings.Replace(good, "%s", "b", 1))
	write(t, dir, "a.yaml", strings.Replace(good, "%s", "a", 1))
	write(t, dir, "notes.txt", "not a scenario")
	if err := os.Mkdir(filepath.Join(dir, "examples.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	all, err := LoadDir(dir, testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Name != "a" || all[1].Name != "b" || all[1].File != filepath.Join(dir, "b.yml") {
		t.Errorf("LoadDir = %v, want a.yaml then b.yml", all)
	}
}

func TestLoadDirProblems(t *testing.T) {
	const good = "version: 1\nname: same\nsubject: {kind: sim}\nvolumes: [{name: local, kind: local}]\n"
	dir := t.TempDir()
	write(t, dir, "1.yaml", good)
	write(t, dir, "2.yaml", good)
	write(t, dir, "3.yaml", good+"runs: 0\n")
	_, err := LoadDir(dir, testRuntimes)
	want := filepath.Join(dir, "2.yaml") + `: name: duplicate scenario name "same"; also in ` + filepath.Join(dir, "1.yaml") + "\n" +
		filepath.Join(dir, "3.yaml") + ":5:7: runs: want at least 1, got 0"
	var perr *Error
	if !errors.As(err, &perr) || err.Error() != want {
		t.Errorf("LoadDir error =\n%v\nwant\n%s", err, want)
	}
}

func TestLoadDirWithoutScenarios(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadDir(dir, testRuntimes); err == nil || !strings.Contains(err.Error(), "no *.yaml or *.yml file") {
		t.Errorf("LoadDir(empty) error = %v", err)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing"), testRuntimes); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadDir(missing) error = %v, want fs.ErrNotExist", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml"), testRuntimes); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) error = %v, want fs.ErrNotExist", err)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadmeExamples parses every YAML example of scenarios/README.md. An
// example followed by a text block must be refused with exactly that
// text; the others must parse.
func TestReadmeExamples(t *testing.T) {
	readme := filepath.Join(scenariosDir, "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	blocks := fencedBlocks(string(data))
	examples := 0
	for i, b := range blocks {
		if b.lang != "yaml" {
			continue
		}
		examples++
		_, err := Parse("scenarios/example.yaml", []byte(b.text), testRuntimes)
		if i+1 < len(blocks) && blocks[i+1].lang == "text" {
			if want := strings.TrimSuffix(blocks[i+1].text, "\n"); err == nil || err.Error() != want {
				t.Errorf("%s, example %d: error =\n%v\nwant\n%s", readme, examples, err, want)
			}
		} else if err != nil {
			t.Errorf("%s, example %d:\n%v", readme, examples, err)
		}
	}
	if examples == 0 {
		t.Fatalf("%s has no yaml examples", readme)
	}
}

type block struct{ lang, text string }

// fencedBlocks returns the ``` blocks of a Markdown text, in order.
func fencedBlocks(markdown string) []block {
	var blocks []block
	var current *block
	for _, line := range strings.SplitAfter(markdown, "\n") {
		fence := strings.HasPrefix(line, "```")
		switch {
		case fence && current == nil:
			current = &block{lang: strings.TrimSpace(strings.TrimPrefix(line, "```"))}
		case fence:
			blocks = append(blocks, *current)
			current = nil
		case current != nil:
			current.text += line
		}
	}
	return blocks
}
