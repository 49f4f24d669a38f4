package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"github.com/jsbench/jsbench/bench/subject"
)

// Defaults of the run mode. Workload figures cite ../shared/calibration.md.
const (
	// DefaultWar is where the official image keeps the WAR.
	DefaultWar = "/usr/share/jenkins/jenkins.war"
	// DefaultHome is JENKINS_HOME when the environment does not say: the
	// official image's home.
	DefaultHome = subject.ContainerHome
	// DefaultHTTPPort is Jenkins's (Winstone's --httpPort).
	DefaultHTTPPort = 8080
	// DefaultCPUPerPlugin and DefaultCPUPerJob are extra busy time per
	// plugin started and per job loaded. Zero: ../shared/calibration.md has no
	// per-step CPU figure, so by default the controller measures storage
	// only. Raise them to mimic a CPU-starved pod.
	DefaultCPUPerPlugin = 0 * time.Millisecond
	DefaultCPUPerJob    = 0 * time.Millisecond
)

// reactorThreads is Jenkins's init reactor pool: 2 × CPUs (../shared/calibration.md,
// JENKINS-72994). GOMAXPROCS follows the container's CPU limit, as the
// JVM's availableProcessors does.
func reactorThreads() int { return 2 * runtime.GOMAXPROCS(0) }

// config is the run mode's configuration.
type config struct {
	war     string
	home    string
	webroot string
	// homeSource says where home came from, as Jenkins logs it.
	homeSource string
	// webrootGiven is set when --webroot was passed: Jenkins then prints
	// no "webroot:" line (see fixture 12).
	webrootGiven  bool
	httpPort      int
	listenAddress string
	threads       int
	// warEntries and warMB, when set, replace the WAR's entries by a
	// synthetic WAR of that composition (see warFiles).
	warEntries     int
	warMB          float64
	cpuPerPlugin   time.Duration
	cpuPerJob      time.Duration
	exitOnBootFail bool
}

func parseRunFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("jenkins-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.war, "war", DefaultWar, "the WAR to extract into the webroot")
	fs.StringVar(&c.webroot, "webroot", "", "where to extract the WAR (default $JENKINS_HOME/war)")
	fs.IntVar(&c.httpPort, "httpPort", DefaultHTTPPort, "HTTP port; 0 picks a free one (logged), -1 disables HTTP")
	fs.StringVar(&c.listenAddress, "httpListenAddress", "0.0.0.0", "HTTP listen address")
	fs.IntVar(&c.threads, "reactor-threads", 0, "init reactor threads (default 2 × CPUs)")
	fs.IntVar(&c.warEntries, "war-entries", 0, fmt.Sprintf("extract a synthetic WAR of this many entries instead of --war's (make-war's default: %d)", DefaultWarEntries))
	fs.Float64Var(&c.warMB, "war-mb", 0, fmt.Sprintf("extract a synthetic WAR of this many MB instead of --war's (make-war's default: %g)", DefaultWarSizeMB))
	fs.DurationVar(&c.cpuPerPlugin, "cpu-per-plugin", DefaultCPUPerPlugin, "extra busy CPU time per plugin started")
	fs.DurationVar(&c.cpuPerJob, "cpu-per-job", DefaultCPUPerJob, "extra busy CPU time per job loaded")
	fs.BoolVar(&c.exitOnBootFail, "exit-on-boot-failure", false, "exit 1 right after a boot failure instead of serving the error page")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jenkins-sim [flags]            (JENKINS_HOME from the environment)")
		fmt.Fprintln(stderr, "       jenkins-sim make-war [--entries N] [--size-mb M] OUT")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (flags take the form --name=value)", fs.Arg(0))
	}
	c.home, c.homeSource = getenv("JENKINS_HOME"), `EnvVars.masterEnvVars.get("JENKINS_HOME")`
	if c.home == "" {
		c.home, c.homeSource = DefaultHome, "the jenkins-sim default"
	}
	c.webrootGiven = c.webroot != ""
	if !c.webrootGiven {
		c.webroot = filepath.Join(c.home, "war")
	}
	if c.threads <= 0 {
		c.threads = reactorThreads()
	}
	if c.warEntries < 0 || c.warMB < 0 {
		return c, fmt.Errorf("negative --war-entries=%d or --war-mb=%g", c.warEntries, c.warMB)
	}
	if c.warEntries > 0 || c.warMB > 0 {
		c.warEntries = cmp.Or(c.warEntries, DefaultWarEntries)
		c.warMB = cmp.Or(c.warMB, DefaultWarSizeMB)
	}
	return c, nil
}
