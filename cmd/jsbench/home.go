package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/storage/home"
)

func newHomeCommand(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "home",
		Short: "Work with JENKINS_HOME directories",
	}
	cmd.AddCommand(newHomeGenerateCommand(e))
	return cmd
}

func newHomeGenerateCommand(e env) *cobra.Command {
	spec := home.DefaultSpec()
	cmd := &cobra.Command{
		Use:   "generate DIR",
		Short: "Write a generated JENKINS_HOME (jobs, builds, plugins) into a new directory",
		Long: `generate writes the same home a scenario's "home: {kind: generated}" gives,
deterministically from the seed: to archive it as a backup with
"jsbench snapshot create", or to look at what jsbench starts Jenkins on.
DIR must be new or empty. A home that would not fit in the free space is
refused before anything is written; Ctrl-C stops at once, and what was
written is removed.`,
		Example: `  jsbench home generate --jobs 100 --builds-per-job 5 --plugins 20 /tmp/home`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return generateHome(e, args[0], spec)
		},
	}
	f := cmd.Flags()
	f.IntVar(&spec.Jobs, "jobs", spec.Jobs, "number of jobs")
	f.IntVar(&spec.BuildsPerJob, "builds-per-job", spec.BuildsPerJob, "builds kept per job")
	f.IntVar(&spec.Plugins, "plugins", spec.Plugins, "number of plugins (.jpi archives, not exploded)")
	f.IntVar(&spec.Folders, "folders", 0, "spread the jobs over this many folders (0: all top level)")
	f.Int64Var(&spec.Seed, "seed", spec.Seed, "seed: the same seed gives the same home")
	return cmd
}

// generateHome writes the home into dir, removing what it wrote when it
// fails or is interrupted, and saying so.
func generateHome(e env, dir string, spec home.Spec) error {
	created, err := emptyDir(dir)
	if err != nil {
		return err
	}
	need := home.EstimateBytes(spec)
	if free, err := home.FreeBytes(dir); err == nil && need > free {
		removePartial(e, dir, created, false)
		return fmt.Errorf("generate home: about %d MB needed, %d MB free in %q: make it smaller or write it elsewhere", need/1e6, free/1e6, dir)
	}
	stats, err := home.PopulateContext(e.ctx, dir, spec)
	if err != nil {
		removePartial(e, dir, created, true)
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s: %d files, %d bytes\n", dir, stats.Files, stats.Bytes)
	return err
}

// emptyDir makes dir, or checks that it exists and is empty; created
// tells which.
func emptyDir(dir string) (created bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("create home directory: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("read home directory: %w", err)
	case len(entries) > 0:
		return false, fmt.Errorf("home directory %q is not empty (%d entries): name a new or empty directory", dir, len(entries))
	}
	return false, nil
}

// removePartial removes what generate wrote into dir: dir itself when it
// made it, else its content.
func removePartial(e env, dir string, created, say bool) {
	var err error
	if created {
		err = os.RemoveAll(dir)
	} else {
		entries, _ := os.ReadDir(dir)
		for _, entry := range entries {
			err = errors.Join(err, os.RemoveAll(filepath.Join(dir, entry.Name())))
		}
	}
	switch {
	case err != nil:
		fmt.Fprintf(e.stderr, "jsbench: the partial home in %s could not be removed: %v\n", dir, err)
	case say:
		fmt.Fprintf(e.stderr, "jsbench: removed the partial home in %s\n", dir)
	}
}
