package simulator

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// itemTasks lists jobs/ ("Listing up jobs") and returns one "Loading item"
// task per top-level item. The reactor runs those in parallel; an item
// that is a folder loads its children one after another (JENKINS-72994,
// ../shared/calibration.md). Item failures are logged and the boot goes on.
func (c *controller) itemTasks() ([]task, error) {
	dir := filepath.Join(c.cfg.Home, "jobs")
	items, err := subdirs(dir)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		c.log.logError(threadReactor, levelSevere, "jenkins.InitReactorRunner$1#onTaskFailed", "Failed Listing up jobs", nioException(err, "Jenkins.loadTasks"))
		return nil, &taskError{task: "Listing up jobs", step: "Jenkins.loadTasks", thread: threadReactor, err: err}
	}
	tasks := make([]task, len(items))
	for i, item := range items {
		tasks[i] = task{name: "Loading item " + filepath.Base(item), step: "Items.load", run: func() error { return c.loadItem(item) }}
	}
	return tasks, nil
}

// subdirs lists the directories in dir as File.listFiles with a directory
// filter does: a listing, then one stat per entry.
func subdirs(dir string) ([]string, error) {
	names, err := readNames(dir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, name := range names {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			dirs = append(dirs, path)
		}
	}
	return dirs, nil
}

func readNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

// loadItem reads an item's config.xml; a folder then loads its children
// in turn, a job its build bookkeeping.
func (c *controller) loadItem(dir string) error {
	root, err := readXML(filepath.Join(dir, "config.xml"))
	if err != nil {
		return err
	}
	burn(c.cfg.CPUPerJob)
	if !isFolder(root) {
		return loadJob(dir)
	}
	children, err := subdirs(filepath.Join(dir, "jobs"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, child := range children {
		if err := c.loadItem(child); err != nil {
			return err
		}
	}
	return nil
}

// isFolder tells items that hold items (folders, multibranch projects,
// organization folders) from jobs, by their config.xml's root element.
func isFolder(root string) bool {
	return strings.HasSuffix(root, "Folder") || strings.HasSuffix(root, "MultiBranchProject")
}

// loadJob does what Job.onLoad does with the disk (../shared/calibration.md, "Per
// job at startup"): read nextBuildNumber, check builds/legacyIds (and
// migrate when it is missing), list builds/. Build records themselves
// load lazily.
func loadJob(dir string) error {
	if data, err := os.ReadFile(filepath.Join(dir, "nextBuildNumber")); err == nil {
		if _, err := strconv.Atoi(strings.TrimSpace(string(data))); err != nil {
			return fmt.Errorf("read nextBuildNumber in %q: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	builds := filepath.Join(dir, "builds")
	if info, err := os.Stat(builds); err != nil || !info.IsDir() {
		return nil
	}
	if err := migrateIDs(builds); err != nil {
		return err
	}
	_, err := readNames(builds)
	return err
}

// migrateIDs is RunIdMigrator: a builds/ without legacyIds has not been
// migrated to numbered build directories; scan it, then record that it
// was done.
func migrateIDs(builds string) error {
	legacy := filepath.Join(builds, "legacyIds")
	_, err := os.ReadFile(legacy)
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if _, err := readNames(builds); err != nil {
		return err
	}
	return os.WriteFile(legacy, nil, 0o644)
}

// readXML reads and parses an XML file through, as XStream does, and
// returns its root element's name.
func readXML(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	d := xml.NewDecoder(bytes.NewReader(asXML10(data)))
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) && root != "" {
			return root, nil
		}
		if err != nil {
			return "", fmt.Errorf("parse %q: %w", path, err)
		}
		if start, ok := tok.(xml.StartElement); ok && root == "" {
			root = start.Name.Local
		}
	}
}

// asXML10 relabels Jenkins's XML 1.1 declaration as 1.0, the only version
// encoding/xml reads; what Jenkins writes is the same in both.
func asXML10(data []byte) []byte {
	const v11, v10 = "<?xml version='1.1'", "<?xml version='1.0'"
	if !bytes.HasPrefix(data, []byte(v11)) {
		return data
	}
	return append([]byte(v10), data[len(v11):]...)
}
