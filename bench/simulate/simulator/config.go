package simulator

import (
	"cmp"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Defaults of a start. Workload figures cite ../shared/calibration.md.
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

// Config is one start of the simulated controller.
type Config struct {
	// War is the WAR to extract into Webroot.
	War string
	// Home is JENKINS_HOME; HomeSource says where it came from, as
	// Jenkins logs it.
	Home, HomeSource string
	// Webroot is where the WAR is extracted (default Home/war);
	// WebrootGiven is set when it was given (--webroot): Jenkins then
	// prints no "webroot:" line (see fixture 12).
	Webroot      string
	WebrootGiven bool
	// HTTPPort is the port to listen on: 0 picks a free one, -1 disables
	// HTTP; ListenAddress the address.
	HTTPPort      int
	ListenAddress string
	// Threads is the init reactor's pool (default 2 × CPUs).
	Threads int
	// WarEntries and WarMB, when set, replace the WAR's entries by a
	// synthetic WAR of that composition (see warFiles).
	WarEntries int
	WarMB      float64
	// CPUPerPlugin and CPUPerJob keep a CPU busy per plugin started and
	// per job loaded.
	CPUPerPlugin, CPUPerJob time.Duration
	// Extra is time spent in a phase besides its file work, by the name
	// of the phase as bench/observe/jenkinslog names it (war_extraction,
	// http_open, each milestone, fully_up; launcher before the first log
	// line): what a calibration from a real log says Jenkins spends there
	// in CPU and waiting.
	Extra map[string]time.Duration
	// ExitOnBootFailure exits right after a boot failure instead of
	// serving the error page.
	ExitOnBootFailure bool
}

// reactorThreads is Jenkins's init reactor pool: 2 × CPUs (../shared/calibration.md,
// JENKINS-72994). GOMAXPROCS follows the container's CPU limit, as the
// JVM's availableProcessors does.
func reactorThreads() int { return 2 * runtime.GOMAXPROCS(0) }

// Complete fills in what the configuration leaves to defaults, from the
// environment getenv reads (JENKINS_HOME), and checks the rest.
func (c *Config) Complete(getenv func(string) string) error {
	c.Home, c.HomeSource = getenv("JENKINS_HOME"), `EnvVars.masterEnvVars.get("JENKINS_HOME")`
	if c.Home == "" {
		c.Home, c.HomeSource = DefaultHome, "the jenkins-sim default"
	}
	c.WebrootGiven = c.Webroot != ""
	if !c.WebrootGiven {
		c.Webroot = filepath.Join(c.Home, "war")
	}
	if c.Threads <= 0 {
		c.Threads = reactorThreads()
	}
	if c.WarEntries < 0 || c.WarMB < 0 {
		return fmt.Errorf("negative --war-entries=%d or --war-mb=%g", c.WarEntries, c.WarMB)
	}
	if c.WarEntries > 0 || c.WarMB > 0 {
		c.WarEntries = cmp.Or(c.WarEntries, DefaultWarEntries)
		c.WarMB = cmp.Or(c.WarMB, DefaultWarSizeMB)
	}
	for phase, d := range c.Extra {
		if d < 0 {
			return fmt.Errorf("negative extra time %s for phase %q", d, phase)
		}
	}
	return nil
}
