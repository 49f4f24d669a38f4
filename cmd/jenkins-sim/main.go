// Command jenkins-sim is jsbench's simulated Jenkins controller
// (bench/simulate/simulator): a static program that does on JENKINS_HOME the file
// work a real controller does at startup and logs it in Jenkins's format.
//
//	jenkins-sim make-war [--entries N] [--size-mb M] OUT   write a synthetic jenkins.war
//	jenkins-sim [--war=PATH] [--webroot=DIR] [--httpPort=N] …  start, serve until SIGTERM
//	java [JVM options] -jar WAR [Jenkins options]            the same, called as java
//
// JENKINS_HOME comes from the environment (default /var/jenkins_home).
// Called as `java` (the official image's stand-in installs it so), it
// takes the arguments the image's jenkins.sh gives java: JVM options,
// -jar WAR, then Jenkins's own options; -Djsbench.sim.NAME=VALUE sets the
// flag --NAME.
//
// Exit codes: 0 after SIGTERM or SIGINT on a controller that booted (or
// was still booting); 1 for a failed start or a missing WAR; 2 for a
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
	"path/filepath"
	"syscall"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, filepath.Base(os.Args[0]), os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, called as name. ctx is cancelled by SIGTERM
// or SIGINT.
func run(ctx context.Context, name string, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "make-war" {
		return makeWarCommand(args[1:], stdout, stderr)
	}
	var cfg simulator.Config
	var err error
	if name == "java" {
		cfg, err = parseJavaArgs(args, stderr)
	} else {
		cfg, err = parseRunFlags(args, stderr)
	}
	if err == nil {
		err = cfg.Complete(os.Getenv)
	}
	if errors.Is(err, flag.ErrHelp) {
		return simulator.ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "jenkins-sim: %v\n", err)
		return simulator.ExitUsage
	}
	return simulator.Run(ctx, cfg, stdout, stderr)
}

func makeWarCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("make-war", flag.ContinueOnError)
	fs.SetOutput(stderr)
	entries := fs.Int("entries", simulator.DefaultWarEntries, "number of files in the WAR")
	sizeMB := fs.Float64("size-mb", simulator.DefaultWarSizeMB, "size of the WAR in MB (10^6 bytes)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jenkins-sim make-war [--entries N] [--size-mb M] OUT")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return simulator.ExitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return simulator.ExitUsage
	}
	out := fs.Arg(0)
	size, err := simulator.WriteWar(out, *entries, int64(*sizeMB*1e6))
	if err != nil {
		fmt.Fprintf(stderr, "jenkins-sim: %v\n", err)
		return simulator.ExitFailed
	}
	fmt.Fprintf(stdout, "wrote %s: %d entries, %d bytes\n", out, *entries, size)
	return simulator.ExitOK
}
