package suite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/kube"
	"github.com/jsbench/jsbench/bench/runner"
	"github.com/jsbench/jsbench/bench/subject"
	"github.com/jsbench/jsbench/bench/sweep"
)

// restoreBinaryName is the restore init container's program, built
// beside jsbench and jenkins-sim by make build.
const restoreBinaryName = "jsbench-restore"

// connectKubernetes checks the kubernetes blocks of the scenarios and
// connects to each cluster they name, before anything is measured. It
// returns no runtime when no scenario runs on Kubernetes.
func connectKubernetes(ctx context.Context, cfg Config) (*kube.Runtime, []*kube.Cluster, error) {
	var rt *kube.Runtime
	var clusters []*kube.Cluster
	for _, sc := range cfg.Scenarios {
		if sc.Subject.Runtime != subject.RuntimeKubernetes {
			continue
		}
		if rt == nil {
			rt = kube.New(restoreImage(cfg.SimBinary))
		}
		if err := kube.CheckSettings(*sc.Kubernetes); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", sc.File, err)
		}
		c, err := rt.Cluster(ctx, *sc.Kubernetes)
		if err != nil {
			return nil, nil, fmt.Errorf("scenario %q: %w", sc.Name, err)
		}
		clusters = append(clusters, c)
	}
	return rt, clusters, nil
}

// kubeSweepSteps are the sweep steps of each cluster: what killed runs
// left there is deleted; what the cluster keeps (volumes with reclaim
// policy Retain) is named in out.Kept.
func kubeSweepSteps(clusters []*kube.Cluster, out *Outcome) []sweep.Step {
	steps := make([]sweep.Step, 0, len(clusters))
	seen := map[*kube.Cluster]bool{}
	for _, c := range clusters {
		if seen[c] {
			continue
		}
		seen[c] = true
		steps = append(steps, sweep.Step{Stage: sweep.Workloads, Name: "kubernetes objects on " + c.Server,
			Sweep: func(ctx context.Context) ([]string, error) {
				removed, kept, err := kube.Sweep(ctx, c)
				out.Kept = append(out.Kept, kept...)
				return removed, err
			}})
	}
	return steps
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
