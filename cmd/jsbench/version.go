package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/record/buildinfo"
)

func newVersionCommand(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print jsbench's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(e.stdout, "jsbench", buildinfo.Version())
			return err
		},
	}
}
