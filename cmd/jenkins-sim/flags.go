package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
)

// runFlags declares the run mode's flags on fs, filling cfg.
func runFlags(fs *flag.FlagSet, cfg *simulator.Config) {
	fs.StringVar(&cfg.War, "war", simulator.DefaultWar, "the WAR to extract into the webroot")
	fs.StringVar(&cfg.Webroot, "webroot", "", "where to extract the WAR (default $JENKINS_HOME/war)")
	fs.IntVar(&cfg.HTTPPort, "httpPort", simulator.DefaultHTTPPort, "HTTP port; 0 picks a free one (logged), -1 disables HTTP")
	fs.StringVar(&cfg.ListenAddress, "httpListenAddress", "0.0.0.0", "HTTP listen address")
	fs.IntVar(&cfg.Threads, "reactor-threads", 0, "init reactor threads (default 2 × CPUs)")
	fs.IntVar(&cfg.WarEntries, "war-entries", 0, fmt.Sprintf("extract a synthetic WAR of this many entries instead of --war's (make-war's default: %d)", simulator.DefaultWarEntries))
	fs.Float64Var(&cfg.WarMB, "war-mb", 0, fmt.Sprintf("extract a synthetic WAR of this many MB instead of --war's (make-war's default: %g)", simulator.DefaultWarSizeMB))
	fs.DurationVar(&cfg.CPUPerPlugin, "cpu-per-plugin", simulator.DefaultCPUPerPlugin, "extra busy CPU time per plugin started")
	fs.DurationVar(&cfg.CPUPerJob, "cpu-per-job", simulator.DefaultCPUPerJob, "extra busy CPU time per job loaded")
	fs.Var(extraFlag{cfg}, "phase-extra", "PHASE=DURATION: time spent in a phase besides its file work (repeatable; phases as jsbench names them, e.g. war_extraction=1.2s)")
	fs.BoolVar(&cfg.ExitOnBootFailure, "exit-on-boot-failure", false, "exit 1 right after a boot failure instead of serving the error page")
}

// parseRunFlags reads the run mode's flags.
func parseRunFlags(args []string, stderr io.Writer) (simulator.Config, error) {
	var cfg simulator.Config
	fs := flag.NewFlagSet("jenkins-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runFlags(fs, &cfg)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jenkins-sim [flags]            (JENKINS_HOME from the environment)")
		fmt.Fprintln(stderr, "       jenkins-sim make-war [--entries N] [--size-mb M] OUT")
		fmt.Fprintln(stderr, "       java [JVM options] -jar WAR [Jenkins options]   (installed as java)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (flags take the form --name=value)", fs.Arg(0))
	}
	return cfg, nil
}

// extraFlag reads --phase-extra=PHASE=DURATION into Config.Extra.
type extraFlag struct{ cfg *simulator.Config }

func (e extraFlag) String() string {
	if e.cfg == nil {
		return ""
	}
	var parts []string
	for phase, d := range e.cfg.Extra {
		parts = append(parts, phase+"="+d.String())
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (e extraFlag) Set(v string) error {
	for _, item := range strings.Split(v, ",") {
		phase, value, ok := strings.Cut(item, "=")
		if !ok || phase == "" {
			return fmt.Errorf("want PHASE=DURATION such as war_extraction=1.2s, got %q", item)
		}
		d, err := time.ParseDuration(value)
		if err != nil || d < 0 {
			return fmt.Errorf("want a duration of 0 or more for %s, such as 1.2s, got %q", phase, value)
		}
		if e.cfg.Extra == nil {
			e.cfg.Extra = map[string]time.Duration{}
		}
		e.cfg.Extra[phase] += d
	}
	return nil
}
