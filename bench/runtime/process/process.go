// Package process is the process runtime of the runner: it starts a
// controller (java -jar jenkins.war, or the simulated controller) as a
// local process in its own process group, stamps each line of its output
// with the harness's clock on receipt, and stops the whole group.
package process

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// DefaultStopGrace is how long a stopped controller may take to exit
// after SIGTERM before its process group is killed, as `docker stop` waits.
const DefaultStopGrace = 10 * time.Second

// Runtime starts controllers as local processes. It implements
// contract.Runtime.
type Runtime struct {
	stopGrace time.Duration
	// simBinary and simWar are the simulated controller and the war it
	// extracts, found by Open for sim subjects.
	simBinary, simWar string
}

// Option changes a Runtime made by New.
type Option func(*Runtime)

// WithStopGrace sets how long Stop waits after SIGTERM before SIGKILL.
func WithStopGrace(d time.Duration) Option { return func(r *Runtime) { r.stopGrace = d } }

// WithSim runs binary as the simulated controller, extracting war, as
// Open would after finding them.
func WithSim(binary, war string) Option {
	return func(r *Runtime) { r.simBinary, r.simWar = binary, war }
}

// New returns a process runtime.
func New(opts ...Option) *Runtime {
	r := &Runtime{stopGrace: DefaultStopGrace}
	for _, opt := range opts {
		opt(r)
	}
	return r
}

var _ contract.Runtime = (*Runtime)(nil)

// Start runs launch.Command with JENKINS_HOME set to launch.HomeDir, in
// its own process group, and returns once it runs. Its stdout and stderr
// share one pipe, so their lines arrive in the order they were written.
func (r *Runtime) Start(ctx context.Context, launch subject.Launch) (contract.Instance, error) {
	launch, err := r.resolve(launch)
	if err != nil {
		return nil, err
	}
	if err := check(launch); err != nil {
		return nil, err
	}
	cmd := exec.Command(launch.Command[0], launch.Command[1:]...)
	cmd.Env = environ(launch)
	// Its own process group, so Stop reaches the JVM's children too; and
	// killed with jsbench, so a SIGKILLed jsbench leaves no controller.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("start %q: %w", launch.Command[0], err)
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	inst := newInstance(cmd, pr, launch.HTTPPort, r.stopGrace)
	inst.startedAt = time.Now()
	err = cmd.Start()
	pw.Close() // the child holds its own copy
	if err != nil {
		pr.Close()
		return nil, fmt.Errorf("start %q: %w", launch.Command[0], err)
	}
	inst.run()
	return inst, nil
}

// environ is this process's environment, then JENKINS_HOME, then the
// launch's variables; later entries win.
func environ(launch subject.Launch) []string {
	env := append(os.Environ(), "JENKINS_HOME="+launch.HomeDir)
	for k, v := range launch.Env {
		env = append(env, k+"="+v)
	}
	return env
}

// check finds what the command needs before anything starts, so that a
// missing java, war or simulated controller is named with its remedy.
func check(launch subject.Launch) error {
	if len(launch.Command) == 0 {
		return errors.New("start process: no command")
	}
	if launch.HomeDir == "" {
		return errors.New("start process: no JENKINS_HOME directory")
	}
	if launch.HomeReadOnly {
		return errors.New("start process: a read-only home needs the container runtime (runtime: container)")
	}
	if launch.HTTPPort < 1 || launch.HTTPPort > 65535 {
		return fmt.Errorf("start process: http port %d is not a TCP port", launch.HTTPPort)
	}
	prog := launch.Command[0]
	if _, err := exec.LookPath(prog); err != nil {
		return fmt.Errorf("start %q: %w; %s", prog, err, remedy(prog))
	}
	if war := jarArg(launch.Command); war != "" {
		if _, err := os.Stat(war); err != nil {
			return fmt.Errorf("start %q: war: %w; download jenkins.war from https://get.jenkins.io/war-stable/ and set subject.war", prog, err)
		}
	}
	return nil
}

// remedy says how to get a missing program.
func remedy(prog string) string {
	switch filepath.Base(prog) {
	case "java":
		return "install a JDK 17 or 21 (apt-get install openjdk-17-jre-headless) or set subject.java"
	case "jenkins-sim":
		return "build the simulated controller: make build (CGO_ENABLED=0 go build -o bin/jenkins-sim ./cmd/jenkins-sim)"
	}
	return "install it or give its full path"
}

// jarArg is the file after -jar, if any.
func jarArg(args []string) string {
	for i, a := range args[:len(args)-1] {
		if a == "-jar" {
			return args[i+1]
		}
	}
	return ""
}

// isGone tells whether a signal found no process left to receive it.
func isGone(err error) bool {
	return errors.Is(err, syscall.ESRCH) || errors.Is(err, os.ErrProcessDone)
}
