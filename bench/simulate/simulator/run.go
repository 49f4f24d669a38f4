package simulator

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// Exit codes of a start, as the jenkins-sim command returns them.
const (
	ExitOK     = 0 // stopped by SIGTERM or SIGINT after (or while) booting
	ExitFailed = 1 // Winstone or Jenkins failed, or the WAR is missing
	ExitUsage  = 2 // a usage error (the command's own)
)

// processStart stands in for the JVM's start, from which Jetty counts the
// "@NNNNms" of its "Started Server" line.
var processStart = time.Now()

// Run starts the simulated controller as cfg says, logging as Jenkins
// does ("Running from:" and "webroot:" to stdout, records to stderr), and
// serves until ctx ends. It returns the exit code.
func Run(ctx context.Context, cfg Config, stdout, stderr io.Writer) int {
	if err := CheckWar(cfg.War); err != nil {
		fmt.Fprintf(stderr, "jenkins-sim: %v\n", err)
		return ExitFailed
	}
	return newController(cfg, stdout, stderr).run(ctx)
}

// CheckWar fails early, with the remedy, when there is no WAR to run.
func CheckWar(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("open war: %w (make one with: jenkins-sim make-war %s)", err, path)
	}
	if !info.IsDir() && info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("open war: %q is not a file (make one with: jenkins-sim make-war FILE)", path)
}
