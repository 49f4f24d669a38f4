package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

// env is what a command may use from the outside world: its output
// streams and the context cancelled by Ctrl-C.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
}

func newRootCommand(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	e := env{ctx: ctx, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "jsbench",
		Short: "Measure Jenkins startup and recovery time on the storage under JENKINS_HOME",
		Long: `jsbench starts Jenkins (a container image, a jenkins.war, or the built-in
simulated controller) against each volume of a scenario, times the phases
Jenkins logs, and reports which storage gets Jenkins up fastest.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		readOnly(newCompareCommand(e)),
		readOnly(newReportCommand(e)),
		newBaselineCommand(e),
		readOnly(newVersionCommand(e)),
		readOnly(newAnalyzeCommand(e)),
		newRunCommand(e),
		newHomeCommand(e),
		newProbeCommand(e),
		newSnapshotCommand(e),
	)
	return root
}
