package container

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/storage/home"
)

// StandInRepository names the locally built stand-in for the official
// jenkins/jenkins image: the official image's contract (user, paths,
// entrypoint, environment) with the simulated controller as its java. A
// scenario asks for it with `image: jsbench/jenkins-standin`.
const StandInRepository = subject.StandInRepository

// Paths of the official image (jenkinsci/docker, debian/Dockerfile) that
// the stand-in keeps.
const (
	standInTini       = "/usr/bin/tini"
	standInEntrypoint = "/usr/local/bin/jenkins.sh"
	standInSupport    = "/usr/local/bin/jenkins-support"
	standInJavaHome   = "/opt/java/openjdk"
	standInRef        = "/usr/share/jenkins/ref"
	standInWar        = "/usr/share/jenkins/jenkins.war"
)

// StandInRefPlugins is how many plugins the stand-in's $REF holds, as an
// image built FROM jenkins/jenkins with a plugins.txt does: 19 is the
// setup wizard's suggested set (../shared/calibration.md).
const StandInRefPlugins = 19

//go:embed standin/jenkins.sh
var standInScript string

//go:embed standin/jenkins-support
var standInSupportScript string

// standInTools are the host programs the entrypoint runs: bash and the
// coreutils, findutils, sed, grep and unzip commands jenkins.sh and
// jenkins-support call, and tini as PID 1 (its static build when the
// host has one).
var standInTools = []hostTool{
	{"/usr/bin/tini", []string{"tini-static", "tini"}, "tini"},
	{"/usr/bin/bash", []string{"bash"}, "bash"},
	{"/usr/bin/unzip", []string{"unzip"}, "unzip"},
	{"/usr/bin/find", []string{"find"}, "findutils"},
	{"/usr/bin/xargs", []string{"xargs"}, "findutils"},
	{"/usr/bin/sed", []string{"sed"}, "sed"},
	{"/usr/bin/grep", []string{"grep"}, "grep"},
	{"/usr/bin/cat", []string{"cat"}, "coreutils"},
	{"/usr/bin/cp", []string{"cp"}, "coreutils"},
	{"/usr/bin/date", []string{"date"}, "coreutils"},
	{"/usr/bin/dirname", []string{"dirname"}, "coreutils"},
	{"/usr/bin/id", []string{"id"}, "coreutils"},
	{"/usr/bin/ls", []string{"ls"}, "coreutils"},
	{"/usr/bin/mkdir", []string{"mkdir"}, "coreutils"},
	{"/usr/bin/printf", []string{"printf"}, "coreutils"},
	{"/usr/bin/realpath", []string{"realpath"}, "coreutils"},
	{"/usr/bin/touch", []string{"touch"}, "coreutils"},
}

// standInEnv is the official image's environment, in its order, with its
// values; only JENKINS_VERSION names the simulated release.
func standInEnv(version string) []string {
	return []string{
		"PATH=" + standInJavaHome + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LANG=C.UTF-8",
		"JENKINS_HOME=" + subject.ContainerHome,
		"JENKINS_SLAVE_AGENT_PORT=50000",
		"REF=" + standInRef,
		"JENKINS_UC=https://updates.jenkins.io",
		"JENKINS_UC_EXPERIMENTAL=https://updates.jenkins.io/experimental",
		"JENKINS_INCREMENTALS_REPO_MIRROR=https://repo.jenkins-ci.org/incrementals",
		"COPY_REFERENCE_FILE_LOG=" + subject.ContainerHome + "/copy_reference_file.log",
		"JAVA_HOME=" + standInJavaHome,
		"JENKINS_VERSION=" + version,
	}
}

// standInInit is the init.groovy.d script the stand-in's $REF holds, as
// images that configure Jenkins at first start do (fixture 14 copies
// one); the simulated controller does not run it.
const standInInit = `// Copied into JENKINS_HOME by the entrypoint before Java starts.
import jenkins.model.Jenkins
Jenkins.instance.setNumExecutors(0)
`

// EnsureStandInImage returns the stand-in for the official image built
// from simBinary (a static executable), building it when no image of the
// same content exists: the host's bash, coreutils, unzip and tini with
// their libraries, the entrypoint scripts, the simulated controller as
// java, its synthetic war, and StandInRefPlugins plugins in $REF. It is
// also tagged StandInRepository:latest.
func EnsureStandInImage(ctx context.Context, simBinary, version string) (string, error) {
	docker, err := connect(ctx)
	if err != nil {
		return "", err
	}
	files, err := hostFiles(ctx, standInTools)
	if err != nil {
		return "", fmt.Errorf("build the official image's stand-in: %w", err)
	}
	files[standInJavaHome+"/bin/java"] = simBinary
	// The whole spec but its host files (hashed by content) goes into the
	// sum: a change of any script, user, variable or label is a new image.
	spec := fmt.Sprintf("%+v", standInSpec("", version, nil))
	sum, err := contentSum(files, spec, strconv.Itoa(StandInRefPlugins))
	if err != nil {
		return "", err
	}
	ref := StandInRepository + ":" + sum[:12]
	if _, err := docker.ImageInspect(ctx, ref); err == nil {
		return ref, nil
	}
	if err := buildStandIn(ctx, docker, files, simBinary, ref, version); err != nil {
		return ref, err
	}
	removeOlderStandIns(ctx, docker, ref)
	return ref, nil
}

// removeOlderStandIns removes the stand-ins of earlier builds, which only
// take disk space; one still used by a container stays.
func removeOlderStandIns(ctx context.Context, docker client.APIClient, keep string) {
	res, err := docker.ImageList(ctx, client.ImageListOptions{Filters: client.Filters{}.Add("reference", StandInRepository)})
	if err != nil {
		return
	}
	for _, img := range res.Items {
		if slices.Contains(img.RepoTags, keep) {
			continue
		}
		for _, tag := range img.RepoTags {
			_, _ = docker.ImageRemove(ctx, tag, client.ImageRemoveOptions{PruneChildren: true})
		}
	}
}

// buildStandIn writes the war and the reference plugins to a temporary
// directory and builds the image from them.
func buildStandIn(ctx context.Context, docker client.APIClient, files map[string]string, simBinary, ref, version string) error {
	dir, err := os.MkdirTemp("", "jsbench-standin-")
	if err != nil {
		return fmt.Errorf("build the official image's stand-in: %w", err)
	}
	defer os.RemoveAll(dir)
	war := filepath.Join(dir, "jenkins.war")
	if err := makeSimWar(ctx, simBinary, war); err != nil {
		return err
	}
	files[standInWar] = war
	if err := addRefPlugins(files, filepath.Join(dir, "ref")); err != nil {
		return err
	}
	return buildImage(ctx, docker, standInSpec(ref, version, files))
}

// addRefPlugins generates the reference plugins and adds them to files.
func addRefPlugins(files map[string]string, dir string) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("generate reference plugins: %w", err)
	}
	if _, err := home.Populate(dir, home.Spec{Kind: home.KindGenerated, Plugins: StandInRefPlugins, Seed: 1}); err != nil {
		return fmt.Errorf("generate reference plugins: %w", err)
	}
	jpis, err := filepath.Glob(filepath.Join(dir, "plugins", "*.jpi"))
	if err != nil || len(jpis) == 0 {
		return fmt.Errorf("generate reference plugins: none in %q (%v)", dir, err)
	}
	for _, jpi := range jpis {
		files[standInRef+"/plugins/"+filepath.Base(jpi)] = jpi
	}
	return nil
}

// standInSpec is the image: the official image's user, paths, volume,
// ports, environment and entrypoint.
func standInSpec(ref, version string, files map[string]string) ImageSpec {
	owner := strconv.Itoa(subject.JenkinsUID) + ":" + strconv.Itoa(subject.JenkinsGID)
	return ImageSpec{
		Tag:       ref,
		ExtraTags: []string{StandInRepository + ":latest"},
		Files:     files,
		Texts: map[string]Text{
			standInEntrypoint: {Data: standInScript, Mode: 0o755},
			standInSupport:    {Data: standInSupportScript, Mode: 0o755},
			standInRef + "/init.groovy.d/executors.groovy": {Data: standInInit, Mode: 0o644},
			"/etc/passwd": {Data: "root:x:0:0:root:/root:/bin/bash\njenkins:x:" + owner + "::" + subject.ContainerHome + ":/bin/bash\n"},
			"/etc/group":  {Data: "root:x:0:\njenkins:x:" + strconv.Itoa(subject.JenkinsGID) + ":\n"},
		},
		Links:      map[string]string{"/bin": "usr/bin"},
		Dirs:       []string{subject.ContainerHome, standInRef, standInRef + "/init.groovy.d"},
		Owned:      []string{standInRef},
		User:       owner,
		UserName:   "jenkins",
		Env:        standInEnv(version),
		Volumes:    []string{subject.ContainerHome},
		Expose:     []string{"8080", "50000"},
		Entrypoint: []string{standInTini, "--", standInEntrypoint},
		Labels: map[string]string{
			"org.opencontainers.image.title":       "jsbench stand-in for the official Jenkins image (simulated controller, not Jenkins)",
			"org.opencontainers.image.description": "jenkins/jenkins's contract (uid 1000 jenkins, /var/jenkins_home, tini and jenkins.sh, $REF copy, JAVA_OPTS, JENKINS_OPTS) with jsbench's simulated controller as java",
			"org.opencontainers.image.version":     version,
		},
	}
}

// contentSum hashes what an image is made of: each file's image path and
// content, and the texts (fmt prints a spec's maps sorted by key).
func contentSum(files map[string]string, texts ...string) (string, error) {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		f, err := os.Open(files[p])
		if err != nil {
			return "", fmt.Errorf("hash image content: %w", err)
		}
		fmt.Fprintf(h, "%s\x00", p)
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("hash image content: %w", err)
		}
	}
	for _, t := range texts {
		fmt.Fprintf(h, "%d\x00%s", len(t), t)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
