package home

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

var (
	services = []string{"payments", "checkout", "web-frontend", "api-gateway", "inventory", "search",
		"auth", "notifications", "billing", "reporting", "mobile-app", "data-pipeline", "infra",
		"docs", "catalog", "recommendations"}
	purposes = []string{"build", "test", "deploy", "nightly", "release", "integration", "lint", "pr-check"}
	teams    = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}
)

// jobName is the i-th job's name: a service and a purpose, numbered once
// the combinations run out.
func jobName(i int) string {
	name := services[i%len(services)] + "-" + purposes[(i/len(services))%len(purposes)]
	if round := i / (len(services) * len(purposes)); round > 0 {
		name += "-" + strconv.Itoa(round+1)
	}
	return name
}

func folderName(i int) string {
	name := "team-" + teams[i%len(teams)]
	if round := i / len(teams); round > 0 {
		name += "-" + strconv.Itoa(round+1)
	}
	return name
}

// jobDir is where the i-th job lives: jobs/<name>, or inside its folder.
func jobDir(spec Spec, i int) string {
	if spec.Folders == 0 {
		return path.Join("jobs", jobName(i))
	}
	return path.Join("jobs", folderName(i%spec.Folders), "jobs", jobName(i))
}

func writeJobs(t *tree, spec Spec) error {
	for f := 0; f < spec.Folders; f++ {
		name := folderName(f)
		if err := t.text(path.Join("jobs", name, "config.xml"), folderXML(name)); err != nil {
			return err
		}
	}
	if spec.Jobs == 0 {
		return t.dir("jobs")
	}
	for i := 0; i < spec.Jobs; i++ {
		if err := writeJob(t, spec, i); err != nil {
			return err
		}
	}
	return nil
}

func writeJob(t *tree, spec Spec, i int) error {
	dir, name := jobDir(spec, i), jobName(i)
	src := synth.New(spec.Seed, dir)
	pipeline := src.Chance(0.5)
	// Kept builds are the last ones of a longer history.
	last := spec.BuildsPerJob + src.IntN(200)
	if err := t.text(path.Join(dir, "config.xml"), jobConfig(src, name, pipeline, configSize(src))); err != nil {
		return err
	}
	if err := t.text(path.Join(dir, "nextBuildNumber"), strconv.Itoa(last+1)+"\n"); err != nil {
		return err
	}
	if spec.BuildsPerJob == 0 {
		return nil
	}
	return writeBuilds(t, src, dir, name, pipeline, last-spec.BuildsPerJob+1, last)
}

// configSize spreads config.xml sizes log-uniformly over their range.
func configSize(src *synth.Source) int {
	ratio := float64(JobConfigMaxBytes) / float64(JobConfigMinBytes)
	return int(float64(JobConfigMinBytes) * math.Pow(ratio, src.Float64()))
}

// writeBuilds writes builds first..last with the files Jenkins keeps
// beside them: legacyIds (present once ids were migrated to numbers) and
// permalinks (the last successful, failed… build numbers).
func writeBuilds(t *tree, src *synth.Source, dir, name string, pipeline bool, first, last int) error {
	links := permalinks{}
	for n := first; n <= last; n++ {
		ok := src.Chance(0.85)
		links.record(n, ok)
		buildDir := path.Join(dir, "builds", strconv.Itoa(n))
		if err := t.text(path.Join(buildDir, "build.xml"), buildXML(src, name, n, ok, pipeline)); err != nil {
			return err
		}
		if err := t.file(path.Join(buildDir, "log"), buildLog(src, name, ok)); err != nil {
			return err
		}
	}
	if err := t.text(path.Join(dir, "builds", "legacyIds"), ""); err != nil {
		return err
	}
	return t.text(path.Join(dir, "builds", "permalinks"), links.String())
}

type permalinks struct{ completed, failed, successful int }

func (p *permalinks) record(n int, ok bool) {
	p.completed = n
	if ok {
		p.successful = n
	} else {
		p.failed = n
	}
}

func (p permalinks) String() string {
	orNone := func(n int) int {
		if n == 0 {
			return -1
		}
		return n
	}
	var b strings.Builder
	fmt.Fprintf(&b, "lastCompletedBuild %d\n", p.completed)
	fmt.Fprintf(&b, "lastFailedBuild %d\n", orNone(p.failed))
	fmt.Fprintf(&b, "lastStableBuild %d\n", orNone(p.successful))
	fmt.Fprintf(&b, "lastSuccessfulBuild %d\n", orNone(p.successful))
	fmt.Fprintf(&b, "lastUnstableBuild -1\n")
	fmt.Fprintf(&b, "lastUnsuccessfulBuild %d\n", orNone(p.failed))
	return b.String()
}
