package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/home"
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
"jsbench snapshot create", or to look at what jsbench starts Jenkins on.`,
		Example: `  jsbench home generate --jobs 100 --builds-per-job 5 --plugins 20 /tmp/home`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return withExitCode(exitUnusable, fmt.Errorf("create home directory: %w", err))
			}
			stats, err := home.Populate(args[0], spec)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stdout, "%s: %d files, %d bytes\n", args[0], stats.Files, stats.Bytes)
			return err
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
