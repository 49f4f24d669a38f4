package runner

import (
	"cmp"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/subject"
)

// jenkinsPort is the HTTP port of a controller inside its container.
const jenkinsPort = 8080

// Subjects turns a scenario's subject into launches. The command layer
// fills in where the simulated controller is.
type Subjects struct {
	// SimImage is the locally built image of the simulated controller.
	SimImage string
	// KubeSimImage is its image on a Kubernetes cluster.
	KubeSimImage string
	// SimBinary and SimWar are the simulated controller and its synthetic
	// war, for process runs.
	SimBinary, SimWar string
	// StandInImage is the locally built stand-in for the official image
	// (the official image's contract, the simulated controller as java),
	// which image subjects get when they name StandInRepository.
	StandInImage string
}

// StandInRepository is the image name scenarios give for the stand-in of
// the official image (bench/container builds it under that name).
const StandInRepository = "jsbench/jenkins-standin"

// IsStandIn tells whether an image reference names the stand-in.
func IsStandIn(image string) bool {
	repo, _, _ := strings.Cut(image, ":")
	return repo == StandInRepository
}

// Check finds what a subject needs before anything starts: the war and
// java of a war subject. Images are checked by the container runtime.
func (s *Subjects) Check(subj scenario.Subject) error {
	if subj.Kind != subject.KindWar {
		return nil
	}
	if _, err := os.Stat(subj.War); err != nil {
		return fmt.Errorf("jenkins.war %q: %w (download it from https://get.jenkins.io/war-stable/ and set subject.war)", subj.War, err)
	}
	if _, err := exec.LookPath(subj.Java); err != nil {
		return fmt.Errorf("java %q not found: install a JDK 17 or 21 (apt-get install openjdk-17-jre-headless) or set subject.java", subj.Java)
	}
	return nil
}

// Owner is the uid and gid the subject writes JENKINS_HOME as.
func (s *Subjects) Owner(subj scenario.Subject) (uid, gid int) {
	if subj.Runtime == subject.RuntimeContainer || subj.Runtime == subject.RuntimeKubernetes {
		return subject.JenkinsUID, subject.JenkinsGID
	}
	return os.Geteuid(), os.Getegid()
}

// Describe names the subject for every result it produces.
func (s *Subjects) Describe(subj scenario.Subject) results.Subject {
	d := results.Subject{Kind: subj.Kind, Runtime: subj.Runtime, Simulated: subj.Kind == subject.KindSim}
	switch {
	case subj.Kind == subject.KindImage && IsStandIn(subj.Image):
		d.Simulated = true
		d.Name = "jenkins-sim (simulated controller) in " + cmp.Or(s.StandInImage, subj.Image) + ", the official image's stand-in"
	case subj.Kind == subject.KindImage:
		d.Name = subj.Image
	case subj.Kind == subject.KindWar:
		d.Name = subj.War
	case d.Runtime == subject.RuntimeContainer:
		d.Name = "jenkins-sim (" + simulatedAs(subj) + ") " + s.SimImage
	case d.Runtime == subject.RuntimeKubernetes:
		d.Name = "jenkins-sim (" + simulatedAs(subj) + ") " + s.KubeSimImage
	default:
		d.Name = "jenkins-sim (" + simulatedAs(subj) + ") " + s.SimBinary
	}
	if subj.Kind == subject.KindSim {
		d.CalibratedFrom = subj.Calibrate
	}
	return d
}

// simulatedAs says what a simulated controller is: calibrated from a log
// or not.
func simulatedAs(subj scenario.Subject) string {
	if subj.Calibrate != "" {
		return "simulated controller, calibrated from " + filepath.Base(subj.Calibrate)
	}
	return "simulated controller"
}

// Launch builds the launch of subj on a home and names its runtime.
func (s *Subjects) Launch(subj scenario.Subject, homeDir string, dv *subject.DockerVolume, labels map[string]string) (subject.Launch, string, error) {
	l := subject.Launch{Kind: subj.Kind, HomeDir: homeDir, DockerVolume: dv, Labels: labels,
		Env: copyParams(subj.Env), CPUs: subj.CPUs, MemoryBytes: subj.MemoryBytes, HTTPPort: jenkinsPort}
	rt := subj.Runtime
	if rt == subject.RuntimeProcess {
		if homeDir == "" {
			return l, rt, fmt.Errorf("a %s subject runs as a process and needs a volume with a host directory", subj.Kind)
		}
		port, err := FreePort()
		if err != nil {
			return l, rt, err
		}
		l.HTTPPort = port
	}
	switch {
	case subj.Kind == subject.KindImage:
		l.Image = subj.Image
		if IsStandIn(subj.Image) && s.StandInImage != "" {
			l.Image = s.StandInImage
		}
		if subj.JavaOpts != "" {
			l.Env["JAVA_OPTS"] = subj.JavaOpts
		}
	case subj.Kind == subject.KindWar:
		l.Command = append(append([]string{subj.Java}, strings.Fields(subj.JavaOpts)...), "-jar", subj.War, httpPortFlag(l.HTTPPort))
	case rt == subject.RuntimeContainer || rt == subject.RuntimeKubernetes:
		l.Image, l.User = s.SimImage, fmt.Sprintf("%d:%d", subject.JenkinsUID, subject.JenkinsGID)
		if rt == subject.RuntimeKubernetes {
			l.Image = s.KubeSimImage
		}
		l.Command = append([]string{httpPortFlag(l.HTTPPort)}, simFlags(subj.Sim)...)
	default:
		l.Command = append([]string{s.SimBinary, "--war=" + s.SimWar, httpPortFlag(l.HTTPPort)}, simFlags(subj.Sim)...)
	}
	return l, rt, nil
}

func httpPortFlag(port int) string { return "--httpPort=" + strconv.Itoa(port) }

// simFlags turns the scenario's sim options (war_mb: 50) into the
// simulated controller's flags (--war-mb=50), in a stable order.
func simFlags(opts map[string]string) []string {
	flags := make([]string, 0, len(opts))
	for k, v := range opts {
		flags = append(flags, "--"+strings.ReplaceAll(k, "_", "-")+"="+v)
	}
	sort.Strings(flags)
	return flags
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago,
// for the --httpPort of a controller run as a process.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// subjects is r.Subjects as sc runs them: a scenario's
// kubernetes.sim_image replaces jsbench's own image of the simulated
// controller, in the launch and in the record's description alike.
func (r *Runner) subjects(sc *scenario.Scenario) *Subjects {
	if sc.Kubernetes == nil || sc.Kubernetes.SimImage == "" {
		return r.Subjects
	}
	s := *r.Subjects
	s.KubeSimImage = sc.Kubernetes.SimImage
	return &s
}
