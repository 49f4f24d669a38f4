// Package workdir owns the scratch directories jsbench creates on the
// host: one per suite, below a root, each marked with the process that
// owns it. A later start sweeps the directories (and the mounts inside
// them) of processes that no longer run, so a killed jsbench leaves
// nothing behind for longer than until the next start.
package workdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
)

// ownerFile names the file in each suite directory that records the
// owning process as "pid starttime".
const ownerFile = ".jsbench-owner"

// DefaultRoot is where suite directories go unless told otherwise: the
// system temporary directory, which is on local disk on the systems
// jsbench targets.
func DefaultRoot() string { return filepath.Join(os.TempDir(), "jsbench-work") }

// Create makes root/name, owned by the calling process.
func Create(root, name string) (string, error) {
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create work directory: %w", err)
	}
	owner, err := selfIdentity()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(owner), 0o644); err != nil {
		return "", fmt.Errorf("mark work directory: %w", err)
	}
	return dir, nil
}

// Remove detaches every mount below dir, then removes it.
func Remove(dir string) error {
	if err := detachMountsBelow(dir); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove work directory: %w", err)
	}
	return nil
}

// SweepMounts detaches the mounts inside the suite directories below root
// whose owning process is gone, deepest first, and names them. A session
// runs it before SweepDirs, after the containers that may still use the
// mounts (bench/measure/suite/sweep.go).
func SweepMounts(root string) ([]string, error) {
	dirs, err := orphans(root)
	var detached []string
	var errs []error
	for _, dir := range dirs {
		points, err := unmountBelow(dir)
		detached = append(detached, points...)
		errs = append(errs, err)
	}
	return detached, errors.Join(append(errs, err)...)
}

// SweepDirs removes the suite directories below root whose owning
// process is gone (detaching what is still mounted inside), and names them.
func SweepDirs(root string) ([]string, error) {
	dirs, err := orphans(root)
	var removed []string
	var errs []error
	for _, dir := range dirs {
		if err := Remove(dir); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, dir)
	}
	return removed, errors.Join(append(errs, err)...)
}

// orphans lists the suite directories below root whose owning process is
// gone.
func orphans(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sweep work directories: %w", err)
	}
	var dirs []string
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if e.IsDir() && !ownerAlive(dir) {
			dirs = append(dirs, dir)
		}
	}
	return dirs, nil
}

// ownerAlive reports whether the process recorded in dir still runs. A
// directory without a readable owner counts as alive: it is not ours to
// remove.
func ownerAlive(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if err != nil {
		return true
	}
	pid, err := strconv.Atoi(strings.Fields(string(data) + " x")[0])
	if err != nil {
		return true
	}
	current, err := identity(pid)
	return err == nil && current == strings.TrimSpace(string(data))
}

func selfIdentity() (string, error) {
	id, err := identity(os.Getpid())
	if err != nil {
		return "", fmt.Errorf("identify this process: %w", err)
	}
	return id, nil
}

// identity is "pid starttime": the start time tells a reused pid from
// the original process.
func identity(pid int) (string, error) {
	start, err := owner.ProcessStart(pid)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d %s", pid, start), nil
}
