package simulator

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pluginArchive is one plugins/<name>.jpi (or .hpi) and what inspecting
// it found.
type pluginArchive struct {
	path     string
	modTime  time.Time
	dir      string // where it is exploded: plugins/<name>/
	manifest map[string]string
}

// listPlugins is the "Loading plugins" task: create plugins/ if needed,
// list it and stat every archive.
func (c *controller) listPlugins() ([]*pluginArchive, error) {
	dir := filepath.Join(c.cfg.Home, "plugins")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var plugins []*pluginArchive
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".jpi" && ext != ".hpi" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		if info.Mode().IsRegular() {
			plugins = append(plugins, &pluginArchive{path: path, modTime: info.ModTime(), dir: strings.TrimSuffix(path, ext)})
		}
	}
	return plugins, nil
}

// inspectTasks are Jenkins's "Inspecting plugin" tasks: explode the
// archive unless already done, then read its manifest.
func (c *controller) inspectTasks(plugins []*pluginArchive) []task {
	tasks := make([]task, len(plugins))
	for i, p := range plugins {
		tasks[i] = task{name: "Inspecting plugin " + p.path, step: "ClassicPluginStrategy.explode", run: p.inspect}
	}
	return tasks
}

func (p *pluginArchive) inspect() error {
	_, _ = os.Stat(p.path + ".disabled") // Jenkins checks whether the plugin was disabled
	if err := explode(p.path, p.modTime, p.dir); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(p.dir, "META-INF", "MANIFEST.MF"))
	if err != nil {
		return err
	}
	p.manifest = parseManifest(data)
	return nil
}

// explode is ClassicPluginStrategy.explode: nothing to do when
// .timestamp2 carries the archive's modification time to the millisecond;
// otherwise delete the directory and unzip everything but WEB-INF/classes
// (Ant's Expand, which dates each file as its entry), then date
// .timestamp2 like the archive.
func explode(archive string, modTime time.Time, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stamp := filepath.Join(dir, ".timestamp2")
	if info, err := os.Stat(stamp); err == nil && info.ModTime().UnixMilli() == modTime.UnixMilli() {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	r, err := zip.OpenReader(archive)
	if err != nil {
		return fmt.Errorf("expand %s: %w", archive, err)
	}
	defer r.Close()
	buf := make([]byte, copyBuffer)
	for _, f := range r.File {
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "WEB-INF/classes/") {
			continue
		}
		if err := expandEntry(f, filepath.Join(dir, filepath.FromSlash(f.Name)), buf); err != nil {
			return err
		}
	}
	return touch(stamp, modTime)
}

func expandEntry(f *zip.File, out string, buf []byte) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := writeFile(out, func(w io.Writer) error { return copyEntry(w, f, buf) }); err != nil {
		return err
	}
	return os.Chtimes(out, f.Modified, f.Modified)
}

// startTasks are Jenkins's "Loading plugin" tasks. Loading a plugin opens
// its class path; the simulated controller reads every jar of
// WEB-INF/lib whole, the I/O that class loading and extension indexing
// spread over the start.
func (c *controller) startTasks(plugins []*pluginArchive) []task {
	var tasks []task
	for _, p := range plugins {
		if p.manifest == nil {
			continue // inspecting it failed
		}
		name := fmt.Sprintf("Loading plugin %s v%s (%s)", p.manifest["Long-Name"], p.manifest["Plugin-Version"], p.manifest["Short-Name"])
		tasks = append(tasks, task{name: name, step: "ClassicPluginStrategy.load", run: func() error {
			burn(c.cfg.CPUPerPlugin)
			return readJars(filepath.Join(p.dir, "WEB-INF", "lib"))
		}})
	}
	return tasks
}

func readJars(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	buf := make([]byte, 64<<10)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".jar" {
			continue
		}
		if err := readAll(filepath.Join(dir, e.Name()), buf); err != nil {
			return err
		}
	}
	return nil
}

// readAll reads path to the end and drops the bytes.
func readAll(path string, buf []byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.CopyBuffer(io.Discard, onlyReader{f}, buf)
	return err
}

// onlyReader hides *os.File's WriterTo so that reads use the buffer.
type onlyReader struct{ io.Reader }
