package volume

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// HostChecker is a Volume that checks, before the first run, what it
// needs from this host, so that a scenario that cannot work is refused
// when it loads instead of failing every run: its directories are not
// system directories (jsbench creates and removes a home in them for
// every run), and they sit on the file system its kind measures. Each
// Problem names the option it is about.
type HostChecker interface {
	CheckHost() []Problem
}

// systemDirs are where jsbench never creates and removes per-run homes,
// in both forms a merged /usr gives them (/bin is a symlink to /usr/bin
// on Debian since 12, Fedora, Arch…): a directory is checked as written
// and as resolved.
var systemDirs = []string{"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
	"/proc", "/root", "/run", "/sbin", "/sys", "/usr", "/var", "/var/cache", "/var/lib", "/var/log",
	"/var/mail", "/var/spool", "/var/run", "/var/lock",
	"/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libx32", "/usr/libexec",
	"/usr/include", "/usr/share", "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib"}

// pseudoFileSystems have no storage behind them: a home there, or copied
// from there, is no JENKINS_HOME (/proc/self recurses without end).
var pseudoFileSystems = []string{"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs",
	"tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs",
	"binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs", "selinuxfs"}

// memoryFileSystems keep their files in memory: the tmpfs kind's.
var memoryFileSystems = []string{"tmpfs", "ramfs"}

// dirFacts is what the host says about a directory named in a scenario.
type dirFacts struct {
	// abs is the directory made absolute and clean, as written;
	// resolved is abs with the symlinks of the part that exists followed.
	abs      string
	resolved string
	exists   bool
	isDir    bool
	// mount holds resolved (or its nearest existing parent).
	mount   mountinfo.Mount
	mounted bool
}

// inspectDir resolves dir as a run would use it.
func inspectDir(dir string) (dirFacts, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dirFacts{}, err
	}
	f := dirFacts{abs: abs, resolved: resolveExisting(abs)}
	if info, err := os.Stat(f.resolved); err == nil {
		f.exists, f.isDir = true, info.IsDir()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return dirFacts{}, err
	}
	mounts, err := mountinfo.Read()
	if err != nil {
		return dirFacts{}, err
	}
	f.mount, f.mounted = mountinfo.Holding(mounts, f.resolved)
	return f, nil
}

// resolveExisting follows the symlinks of the longest part of path that
// exists and keeps the rest as written.
func resolveExisting(path string) string {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		return resolved
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path
	}
	return filepath.Join(resolveExisting(parent), filepath.Base(path))
}

func (f dirFacts) fstype() string { return f.mount.FSType }

// describe names the directory as resolved, and the symlink that leads
// there: "/bin, a symlink to /usr/bin".
func (f dirFacts) describe() string {
	if f.abs != f.resolved {
		return fmt.Sprintf("%s, a symlink to %s", f.abs, f.resolved)
	}
	return f.resolved
}

// where says where a directory is, for messages: "on ext4 (/dev/vda at /)".
func (f dirFacts) where() string {
	return fmt.Sprintf("on %s (%s mounted at %s)", f.fstype(), f.mount.Source, f.mount.Point)
}

// workDirProblem checks a directory in which jsbench creates and removes
// a home per run; "" when it may.
func workDirProblem(dir string) (dirFacts, string) {
	f, err := inspectDir(dir)
	if err != nil {
		return f, fmt.Sprintf("inspect %q: %v", dir, err)
	}
	switch {
	case slices.Contains(systemDirs, f.abs) || slices.Contains(systemDirs, f.resolved):
		return f, fmt.Sprintf("%q is %s, a system directory; jsbench creates and removes a home in it for every run: name a directory of your own, such as /var/tmp/jsbench", dir, f.describe())
	case f.mounted && slices.Contains(pseudoFileSystems, f.fstype()):
		return f, fmt.Sprintf("%q is %s: a pseudo file system, no storage: name a directory on the storage to measure", dir, f.where())
	case f.exists && !f.isDir:
		return f, fmt.Sprintf("%q is not a directory", dir)
	}
	return f, ""
}

// CheckHomeSource checks the directory a `home: {kind: dir}` is copied
// from; "" when it can be. It must exist, and a pseudo file system
// (/proc/self) or the whole root is no home.
func CheckHomeSource(dir string) string {
	f, err := inspectDir(dir)
	switch {
	case err != nil:
		return fmt.Sprintf("inspect %q: %v", dir, err)
	case !f.exists:
		return fmt.Sprintf("%q does not exist; name the JENKINS_HOME to copy", dir)
	case !f.isDir:
		return fmt.Sprintf("%q is not a directory; name the JENKINS_HOME to copy", dir)
	case f.resolved == "/":
		return fmt.Sprintf("%q is the root directory, not a JENKINS_HOME", dir)
	case f.mounted && slices.Contains(pseudoFileSystems, f.fstype()):
		return fmt.Sprintf("%q is %s: a pseudo file system, no JENKINS_HOME (its files are generated and can be endless)", dir, f.where())
	}
	return ""
}

func (v *localVolume) CheckHost() []Problem {
	if v.parent == "" {
		return nil
	}
	f, msg := workDirProblem(v.parent)
	switch {
	case msg != "":
	case slices.Contains(memoryFileSystems, f.fstype()):
		msg = fmt.Sprintf("%q is %s, memory rather than local disk: use kind: tmpfs to measure it, or name a directory on a disk", v.parent, f.where())
	case networkFS(f.fstype()) || strings.HasPrefix(f.fstype(), "fuse."):
		msg = fmt.Sprintf("%q is %s, not local disk: use kind: path to measure a mounted storage", v.parent, f.where())
	}
	return problemIf("dir", v.parent, msg)
}

func (v *tmpfsVolume) CheckHost() []Problem {
	parent := v.parent
	if parent == "" {
		if os.Geteuid() == 0 {
			return nil // jsbench mounts a tmpfs of its own per run
		}
		parent = fallbackTmpfsDir
	}
	f, msg := workDirProblem(parent)
	if msg == "" && !slices.Contains(memoryFileSystems, f.fstype()) {
		msg = fmt.Sprintf("%q is %s, not tmpfs: name a directory on a tmpfs mount such as /dev/shm, or leave dir out and run as root (jsbench then mounts its own)", parent, f.where())
	}
	return problemIf("dir", parent, msg)
}

func (v *pathVolume) CheckHost() []Problem {
	f, msg := workDirProblem(v.dir)
	switch {
	case msg != "":
	case !f.exists:
		msg = fmt.Sprintf("%q does not exist: mount the storage there first", v.dir)
	case len(v.fstypes) > 0 && !slices.Contains(v.fstypes, f.fstype()):
		msg = fmt.Sprintf("%q is %s, want %s: is the storage mounted?", v.dir, f.where(), strings.Join(v.fstypes, " or "))
	}
	return problemIf("dir", v.dir, msg)
}

func (v *emulatedVolume) CheckHost() []Problem {
	if v.parent == "" {
		return nil
	}
	_, msg := workDirProblem(v.parent)
	return problemIf("dir", v.parent, msg)
}

// CheckHost checks a file source (it must hold an archive: an empty file
// is no backup) and the target. Network sources are checked when read.
func (v *snapshotVolume) CheckHost() []Problem {
	var problems []Problem
	if file, ok := v.source.(interface{ LocalPath() string }); ok {
		info, err := os.Stat(file.LocalPath())
		switch {
		case err != nil:
			problems = problemIf("source", file.LocalPath(), fmt.Sprintf("%v", err))
		case info.IsDir():
			problems = problemIf("source", file.LocalPath(), fmt.Sprintf("%q is a directory; name an archive (create one with jsbench snapshot create)", file.LocalPath()))
		case info.Size() == 0:
			problems = problemIf("source", file.LocalPath(), fmt.Sprintf("%q is empty (0 bytes): no backup to restore", file.LocalPath()))
		}
	}
	if target, ok := v.target.(HostChecker); ok {
		for _, p := range target.CheckHost() {
			p.Field = "target." + p.Field
			problems = append(problems, p)
		}
	}
	return problems
}

func problemIf(field, value, msg string) []Problem {
	if msg == "" {
		return nil
	}
	return []Problem{{Field: field, Value: value, Message: msg}}
}
