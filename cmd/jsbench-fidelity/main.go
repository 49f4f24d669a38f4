// Command fidelity measures how faithfully emufs injects its profiles'
// latencies and what the FUSE layer itself costs, and prints Markdown
// tables for bench/storage/emufs/FIDELITY.md. It needs root and /dev/fuse.
//
//	go run ./cmd/jsbench-fidelity [-n 40] [-rounds 5] [-profiles nfs-lan,none]
//	    [-parts classes,caps,overhead,startup] [-dir /var/tmp]
//	    [-startups 6] [-runtime container|process] [-sim-binary bin/jenkins-sim]
//	    [-awake off,qos,spin]   (CPUs kept from halting: -parts wake,startup)
//	    [-restart-profiles nfs-lan,efs-general-purpose] [-results RESULTS]   (-parts restart)
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fidelity:", err)
		os.Exit(1)
	}
}

type config struct {
	dir       string
	samples   int
	rounds    int
	profiles  []string
	parts     map[string]bool
	startups  int
	runtime   string
	simBinary string
	// awake lists the ways of keeping the CPUs from halting that the
	// wake and startup tables compare (keepAwake's modes).
	awake []string
	// restartProfiles are the profiles the restart model covers;
	// results, when set, the Kubernetes restart scenarios' results to
	// set against it.
	restartProfiles []string
	results         string
}

func run(args []string, w io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	scratch, err := os.MkdirTemp(cfg.dir, "emufs-fidelity-")
	if err != nil {
		return fmt.Errorf("create scratch directory: %w", err)
	}
	defer os.RemoveAll(scratch)
	fmt.Fprintf(w, "Measured %s; load average before: %s; %d samples per class.\n\n", time.Now().Format(time.DateOnly), loadAverage(), cfg.samples)
	parts := []struct {
		name string
		run  func(io.Writer, string, config) error
	}{{"classes", classTable}, {"caps", capTable}, {"overhead", overheadTable}, {"startup", startupTable}, {"wake", wakeTable}, {"restart", restartTable}}
	for _, part := range parts {
		if !cfg.parts[part.name] {
			continue
		}
		if err := part.run(w, scratch, cfg); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nLoad average after: %s.\n", loadAverage())
	return nil
}

func parseFlags(args []string) (config, error) {
	fl := flag.NewFlagSet("fidelity", flag.ContinueOnError)
	cfg := config{}
	var profiles, parts, awake, restartProfiles string
	fl.StringVar(&cfg.dir, "dir", os.TempDir(), "directory to hold the backing directories and mount points")
	fl.IntVar(&cfg.samples, "n", 40, "samples per operation class")
	fl.IntVar(&cfg.rounds, "rounds", 5, "rounds of the overhead workload")
	fl.StringVar(&profiles, "profiles", strings.Join(emufs.Names(), ","), "comma-separated profiles to measure")
	fl.StringVar(&parts, "parts", "classes,caps,overhead,startup", "comma-separated tables to print")
	fl.IntVar(&cfg.startups, "startups", 6, "measured starts of the simulated controller per volume")
	fl.StringVar(&cfg.runtime, "runtime", "container", "how the simulated controller runs: container or process")
	fl.StringVar(&cfg.simBinary, "sim-binary", "", "the jenkins-sim binary (default: $JSBENCH_SIM_BINARY or $PATH)")
	fl.StringVar(&awake, "awake", awakeOff, "comma-separated ways of keeping the CPUs from halting to compare (off, qos, spin): the wake table times the FUSE round trip under each, the startup table runs its starts under each")
	fl.StringVar(&restartProfiles, "restart-profiles", "nfs-lan,efs-general-purpose", "comma-separated profiles the restart model covers (-parts restart)")
	fl.StringVar(&cfg.results, "results", "", "results of scenarios/restart to set against the restart model (-parts restart)")
	if err := fl.Parse(args); err != nil {
		return cfg, err
	}
	cfg.profiles = strings.Split(profiles, ",")
	cfg.awake = strings.Split(awake, ",")
	cfg.restartProfiles = strings.Split(restartProfiles, ",")
	cfg.parts = map[string]bool{}
	for _, part := range strings.Split(parts, ",") {
		cfg.parts[part] = true
	}
	return cfg, nil
}

// mountFresh mounts p over a new backing directory that prepare fills
// first, so that what prepare wrote is not in any kernel cache.
func mountFresh(scratch string, p emufs.Profile, prepare func(backing string) error) (*emufs.Server, string, error) {
	base, err := os.MkdirTemp(scratch, p.Name+"-")
	if err != nil {
		return nil, "", err
	}
	mnt, backing := filepath.Join(base, "mnt"), filepath.Join(base, "backing")
	for _, d := range []string{mnt, backing} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return nil, "", err
		}
	}
	if err := prepare(backing); err != nil {
		return nil, "", fmt.Errorf("prepare backing directory: %w", err)
	}
	srv, err := emufs.Mount(mnt, backing, p)
	return srv, mnt, err
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
