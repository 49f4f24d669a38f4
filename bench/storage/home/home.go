// Package home fills a fresh JENKINS_HOME before a start: empty, generated
// (jobs, builds, plugins and system files that look like a real home at
// rest, deterministic from a seed) or copied from a directory. The runner
// calls Populate between preparing a volume and starting the controller,
// and Chown when it runs as root and the controller does not.
package home

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Kinds of home a Spec can ask for.
const (
	KindEmpty     = "empty"
	KindGenerated = "generated"
	KindDir       = "dir"
)

// Spec says what to put into a home.
type Spec struct {
	// Kind is KindEmpty, KindGenerated or KindDir.
	Kind string
	// Jobs, BuildsPerJob and Plugins size a generated home.
	Jobs, BuildsPerJob, Plugins int
	// Folders, when above zero, nests every job in one of that many
	// folders (round robin); zero keeps all jobs at the top level.
	Folders int
	// Seed makes a generated home: the same seed gives the same bytes.
	Seed int64
	// Dir is the directory a KindDir home is copied from.
	Dir string
}

// Stats tells how much Populate wrote: regular files (symbolic links
// included) and their bytes.
type Stats struct {
	Files int
	Bytes int64
}

// DefaultSpec is a generated home of the default size.
func DefaultSpec() Spec {
	return Spec{Kind: KindGenerated, Jobs: DefaultJobs, BuildsPerJob: DefaultBuildsPerJob, Plugins: DefaultPlugins, Seed: 1}
}

// Populate fills dst, an existing empty directory, as spec says. It
// cannot be stopped: use PopulateContext for a home of any size.
func Populate(dst string, spec Spec) (Stats, error) {
	return PopulateContext(context.Background(), dst, spec)
}

// PopulateContext fills dst, an existing empty directory, as spec says.
// It stops between two files when ctx is cancelled and returns ctx's
// error; what it wrote stays for the caller to remove.
func PopulateContext(ctx context.Context, dst string, spec Spec) (Stats, error) {
	if err := checkEmpty(dst); err != nil {
		return Stats{}, err
	}
	switch spec.Kind {
	case KindEmpty:
		return Stats{}, nil
	case KindGenerated:
		if err := spec.checkCounts(); err != nil {
			return Stats{}, err
		}
		return generate(ctx, dst, spec)
	case KindDir:
		if spec.Dir == "" {
			return Stats{}, errors.New("populate home: kind \"dir\" needs a source directory")
		}
		return copyTree(ctx, spec.Dir, dst)
	default:
		return Stats{}, fmt.Errorf("populate home: unknown kind %q (want %q, %q or %q)", spec.Kind, KindEmpty, KindGenerated, KindDir)
	}
}

func (s Spec) checkCounts() error {
	if s.Jobs < 0 || s.BuildsPerJob < 0 || s.Plugins < 0 || s.Folders < 0 {
		return fmt.Errorf("populate home: negative count in jobs=%d builds=%d plugins=%d folders=%d", s.Jobs, s.BuildsPerJob, s.Plugins, s.Folders)
	}
	return nil
}

func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("populate home: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("populate home: %q is not empty (%d entries)", dir, len(entries))
	}
	return nil
}

// Chown gives dir and everything under it to uid:gid, without following
// symbolic links. Only root may do this; the runner calls it when it runs
// as root and the controller runs as another user.
func Chown(dir string, uid, gid int) error {
	return filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := os.Lchown(path, uid, gid); err != nil {
			return fmt.Errorf("chown home: %w", err)
		}
		return nil
	})
}
