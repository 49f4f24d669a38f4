package suite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/kube"
	"github.com/jsbench/jsbench/bench/runner"
	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/subject"
)

// restoreBinaryName is the restore init container's program, built
// beside jsbench and jenkins-sim by make build.
const restoreBinaryName = "jsbench-restore"

// readyKubernetes checks the kubernetes blocks of the scenarios, connects
// to each cluster they name and sweeps what killed runs left there, before
// anything is measured. It returns nil when no scenario runs on Kubernetes.
func readyKubernetes(ctx context.Context, cfg Config, out *Outcome) (*kube.Runtime, error) {
	var kubeScenarios []*scenario.Scenario
	for _, sc := range cfg.Scenarios {
		if sc.Subject.Runtime == subject.RuntimeKubernetes {
			kubeScenarios = append(kubeScenarios, sc)
		}
	}
	if len(kubeScenarios) == 0 {
		return nil, nil
	}
	rt := kube.New(restoreImage(cfg.SimBinary))
	for _, sc := range kubeScenarios {
		if err := kube.CheckSettings(*sc.Kubernetes); err != nil {
			return nil, fmt.Errorf("%s: %w", sc.File, err)
		}
		c, err := rt.Cluster(ctx, *sc.Kubernetes)
		if err != nil {
			return nil, fmt.Errorf("scenario %q: %w", sc.Name, err)
		}
		removed, kept, err := kube.Sweep(ctx, c)
		out.Swept = append(out.Swept, removed...)
		out.Kept = append(out.Kept, kept...)
		if err != nil {
			return nil, fmt.Errorf("sweep what earlier runs left on %s: %w", c.Server, err)
		}
	}
	return rt, nil
}

// restoreImage is the local cluster's image of the restore binary beside
// the simulated controller or jsbench, "" when there is none (a scenario
// then names its own with kubernetes.restore_image).
func restoreImage(simBinary string) string {
	var candidates []string
	if sim, err := FindSimBinary(simBinary); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(sim), restoreBinaryName))
	}
	if self, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(self), restoreBinaryName))
	}
	if p, err := exec.LookPath(restoreBinaryName); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if tag, err := subject.BinaryTag(c); err == nil {
			return subject.KubeRestoreRepository + ":" + tag
		}
	}
	return ""
}

// addKubernetes makes the runtime available to the runner, with the
// simulated controller's image on the local cluster.
func addKubernetes(r *runner.Runner, rt *kube.Runtime) error {
	if rt == nil {
		return nil
	}
	r.Runtimes[subject.RuntimeKubernetes] = rt
	if r.Subjects.SimBinary == "" {
		return nil
	}
	tag, err := subject.BinaryTag(r.Subjects.SimBinary)
	if err != nil {
		return err
	}
	r.Subjects.KubeSimImage = subject.KubeSimRepository + ":" + tag
	return nil
}
