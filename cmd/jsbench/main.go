// Command jsbench measures how long Jenkins takes to start and to recover
// on different storage under JENKINS_HOME. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program: it builds the command tree, runs it under a
// context that the first Ctrl-C or SIGTERM cancels (a second one exits at
// once) and maps the error to an exit code. An interrupted command exits
// 130 even when it got to its end.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var atOnce atomic.Bool
	ctx, stop := interruptContext(ctx, stderr, &atOnce)
	defer stop()

	root := newRootCommand(ctx, stdout, stderr)
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		atOnce.Store(cmd.Annotations[interruptAnnotation] == interruptAtOnce)
	}
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "jsbench: interrupted")
		return exitInterrupted
	}
	if err == nil {
		return 0
	}
	var silent *exitError
	if !errors.As(err, &silent) || silent.err != nil {
		fmt.Fprintf(stderr, "jsbench: %v\n", err)
	}
	return exitCode(ctx, err)
}

// interruptAnnotation marks, with the value interruptAtOnce, a command
// that creates and holds nothing (it reads files and prints): the first
// interrupt ends it at once, wherever it is (a read from a pipe that
// never ends, a long computation).
const (
	interruptAnnotation = "jsbench.interrupt"
	interruptAtOnce     = "at once"
)

// readOnly marks cmd as one the first interrupt ends at once.
func readOnly(cmd *cobra.Command) *cobra.Command {
	cmd.Annotations = map[string]string{interruptAnnotation: interruptAtOnce}
	return cmd
}

// interruptContext cancels on the first SIGINT/SIGTERM so the command can
// stop gracefully and flush; the second signal exits with 130 at once,
// and so does the first when atOnce is set (a read-only command).
func interruptContext(parent context.Context, stderr io.Writer, atOnce *atomic.Bool) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-signals:
			if atOnce.Load() {
				fmt.Fprintln(stderr, "jsbench: interrupted")
				os.Exit(exitInterrupted)
			}
			fmt.Fprintln(stderr, "jsbench: interrupted; cleaning up (interrupt again to exit at once)")
			cancel()
		case <-ctx.Done():
			return
		}
		<-signals
		fmt.Fprintln(stderr, "jsbench: interrupted twice; exiting without cleanup (the next start sweeps what is left)")
		os.Exit(exitInterrupted)
	}()
	return ctx, func() { signal.Stop(signals); cancel() }
}
