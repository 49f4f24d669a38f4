package simulator

import (
	"errors"
	"io/fs"
	"path/filepath"
)

// loadDescriptors reads the descriptor settings at the top of the home
// (<class>.xml) and the user index, as extensions load their state.
func (c *controller) loadDescriptors() error {
	files, err := filepath.Glob(filepath.Join(c.cfg.Home, "*.xml"))
	if err != nil {
		return err
	}
	files = append(files, filepath.Join(c.cfg.Home, "users", "users.xml"))
	for _, f := range files {
		if base := filepath.Base(f); base == "config.xml" || base == "queue.xml" {
			continue
		}
		if _, err := readXML(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// loadGlobalConfig is "Loading global config": config.xml, then the
// agents under nodes/. A fresh home has neither.
func (c *controller) loadGlobalConfig() error {
	if _, err := readXML(filepath.Join(c.cfg.Home, "config.xml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	nodes, err := subdirs(filepath.Join(c.cfg.Home, "nodes"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, node := range nodes {
		if _, err := readXML(filepath.Join(node, "config.xml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
