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
	"syscall"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program: it builds the command tree, runs it under a
// context that the first Ctrl-C or SIGTERM cancels (a second one exits at
// once) and maps the error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ctx, stop := interruptContext(ctx, stderr)
	defer stop()

	root := newRootCommand(ctx, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var silent *exitError
	if !errors.As(err, &silent) || silent.err != nil {
		fmt.Fprintf(stderr, "jsbench: %v\n", err)
	}
	return exitCode(ctx, err)
}

// interruptContext cancels on the first SIGINT/SIGTERM so the command can
// stop gracefully and flush; the second signal exits with 130 at once.
func interruptContext(parent context.Context, stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-signals:
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
