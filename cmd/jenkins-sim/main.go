// Command jenkins-sim is jsbench's simulated Jenkins controller: a static
// program that does on JENKINS_HOME the file work a real controller does
// at startup, in Jenkins's order, and logs it in Jenkins's format, so that
// jsbench can measure what storage does to a start without a JVM. It runs
// as a process or in a FROM-scratch container (as uid 1000, like the
// official image).
//
//	jenkins-sim make-war [--entries N] [--size-mb M] OUT   write a synthetic jenkins.war
//	jenkins-sim [--war=PATH] [--webroot=DIR] [--httpPort=N] …  start, serve until SIGTERM
//
// JENKINS_HOME comes from the environment (default /var/jenkins_home).
// As with Jenkins, "Running from:" and "webroot:" go to stdout without a
// timestamp and log records go to stderr. The HTTP port answers 503 from
// Jetty's "Started Server" line until "Jenkins is fully up and running",
// then 200 on / and /login.
//
// Failures behave as Jenkins's do. When Winstone cannot extract the WAR
// (a webroot in an unwritable home) it logs "Container startup failed" and
// exits 1. When Jenkins cannot initialize (say, secret.key cannot be
// written) it logs hudson.util.BootFailure, cleans up and keeps serving
// an error page (HTTP 500) until SIGTERM, then exits 1; with
// --exit-on-boot-failure it exits 1 at once.
//
// Exit codes: 0 after SIGTERM or SIGINT on a controller that booted (or
// was still booting); 1 for the failures above or a missing WAR; 2 for a
// usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// processStart stands in for the JVM's start, from which Jetty counts the
// "@NNNNms" of its "Started Server" line.
var processStart = time.Now()

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program. ctx is cancelled by SIGTERM or SIGINT.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "make-war" {
		return makeWarCommand(args[1:], stdout, stderr)
	}
	cfg, err := parseRunFlags(args, os.Getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "jenkins-sim: %v\n", err)
		return exitUsage
	}
	if err := checkWar(cfg.war); err != nil {
		fmt.Fprintf(stderr, "jenkins-sim: %v\n", err)
		return exitFailed
	}
	return newController(cfg, stdout, stderr).run(ctx)
}

// checkWar fails early, with the remedy, when there is no WAR to run.
func checkWar(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("open war: %w (make one with: jenkins-sim make-war %s)", err, path)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("open war: %q is not a file (make one with: jenkins-sim make-war FILE)", path)
	}
	return nil
}
