package process

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// Name is this runtime's name in scenarios (subject.runtime).
const Name = "process"

// Spec is what the process runtime accepts: a war and the simulated
// controller, never an image; no limits; no cluster claim.
func Spec() subject.RuntimeSpec {
	return subject.RuntimeSpec{
		Name:           Name,
		DefaultFor:     []string{subject.KindWar},
		RefusesSubject: map[string]string{subject.KindImage: "an image subject runs in a container; to run a jenkins.war as a process use kind: war"},
		RefusesVolume:  map[string]string{"pvc": "kind pvc is a PersistentVolumeClaim: it needs subject.runtime: kubernetes"},
		RefusesLimits:  "the process runtime has no limits (remove it or use runtime: container)",
	}
}

// Open checks what env's subjects need before the first run: a war
// subject's war and java, and for the simulated controller its binary
// and the synthetic war it extracts (made once in env.CacheDir).
func Open(ctx context.Context, env contract.Env) (contract.Runtime, error) {
	r := New()
	for _, u := range env.Uses {
		if err := r.ready(ctx, env, u); err != nil {
			return nil, fmt.Errorf("scenario %q: %w", u.Scenario, err)
		}
	}
	return r, nil
}

func (r *Runtime) ready(ctx context.Context, env contract.Env, u contract.Use) error {
	switch {
	case u.Kind == subject.KindWar:
		if _, err := os.Stat(u.War); err != nil {
			return fmt.Errorf("jenkins.war %q: %w (download it from https://get.jenkins.io/war-stable/ and set subject.war)", u.War, err)
		}
		if _, err := exec.LookPath(u.Java); err != nil {
			return fmt.Errorf("java %q not found: install a JDK 17 or 21 (apt-get install openjdk-17-jre-headless) or set subject.java", u.Java)
		}
	case u.Kind == subject.KindSim && r.simBinary == "":
		bin, err := env.SimBinary()
		if err != nil {
			return err
		}
		war, err := ensureSimWar(ctx, bin, env.CacheDir)
		if err != nil {
			return err
		}
		r.simBinary, r.simWar = bin, war
	}
	return nil
}

// SweepSteps is empty: a controller run as a process dies with the
// jsbench that started it (Pdeathsig), and leaves nothing running.
func SweepSteps(context.Context, contract.SweepEnv) []sweep.Step { return nil }

// resolve completes a launch: the simulated controller's binary and war
// for a sim subject, and a free port when none is set.
func (r *Runtime) resolve(l subject.Launch) (subject.Launch, error) {
	if l.Kind == subject.KindSim && len(l.Command) == 0 {
		if r.simBinary == "" {
			return l, fmt.Errorf("no simulated controller: the process runtime was not opened for a sim subject")
		}
		l.Command = append([]string{r.simBinary, "--war=" + r.simWar}, l.SimArgs...)
		if l.Cache != nil {
			l.Command = append(l.Command, l.Cache.HostFlag())
		}
	}
	if l.HTTPPort == 0 {
		port, err := FreePort()
		if err != nil {
			return l, err
		}
		l.HTTPPort = port
		l.Command = append(l.Command, subject.HTTPPortFlag(port))
	}
	return l, nil
}

// Describe names what Start runs for l: the simulated controller's
// binary, or the program of its command.
func (r *Runtime) Describe(l subject.Launch) string {
	if l.Kind == subject.KindSim && len(l.Command) == 0 {
		return r.simBinary
	}
	if len(l.Command) > 0 {
		return l.Command[0]
	}
	return ""
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
