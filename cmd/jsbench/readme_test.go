package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/bench/storage/home"
	"github.com/jsbench/jsbench/internal/testenv"
)

// readmes are the pages whose commands the tests run, from this package.
var readmes = []string{"../../README.md", "../../scenarios/README.md"}

// readmeCommand is one command of a ```sh block.
type readmeCommand struct {
	file string
	line int
	text string
}

// readmeCommands lists the commands of every ```sh block of the pages:
// one per line, "\" continuations joined, "#" comments dropped.
func readmeCommands(t *testing.T) []readmeCommand {
	t.Helper()
	var out []readmeCommand
	for _, file := range readmes {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		inBlock, n, pending, start := false, 0, "", 0
		for sc.Scan() {
			n++
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "```sh"):
				inBlock = true
			case strings.HasPrefix(line, "```"):
				inBlock = false
			case inBlock:
				if pending == "" {
					start = n
				}
				code, _, _ := strings.Cut(line, " #")
				code = strings.TrimSpace(code)
				if c, ok := strings.CutSuffix(code, "\\"); ok {
					pending += c + " "
					continue
				}
				if text := strings.TrimSpace(pending + code); text != "" && !strings.HasPrefix(text, "#") {
					out = append(out, readmeCommand{file: strings.TrimPrefix(file, "../../"), line: start, text: text})
				}
				pending = ""
			}
		}
		f.Close()
	}
	return out
}

// TestReadmeCommandsRun runs every command the READMEs show, in order, in
// a scratch directory laid out as the pages assume: scenarios/ and deploy/ of this
// repository, ../shared beside it, reports/latest and reports/baseline
// holding results, homes/production-copy holding a home. jsbench commands
// run for real (a run needs Docker and root, as `make test` gives it);
// make targets are checked with `make -n`, since they are the test suite
// itself or measure for minutes; kubectl and jsbench runs on Kubernetes
// go to the local test cluster. A command that fails fails the test, so
// a page cannot show an example that does not work.
func TestReadmeCommandsRun(t *testing.T) {
	commands := readmeCommands(t)
	if len(commands) == 0 {
		t.Fatal("no ```sh commands found in the READMEs")
	}
	repo := testenv.ModuleRoot(t)
	ws := readmeWorkspace(t, repo)
	bin := filepath.Dir(testenv.Build(t, "./cmd/jsbench"))
	testenv.Build(t, "./cmd/jenkins-sim")
	seen := map[string]bool{}
	for _, c := range commands {
		if seen[c.text] {
			continue
		}
		seen[c.text] = true
		t.Run(c.file+":"+c.text, func(t *testing.T) {
			name := strings.Fields(c.text)[0]
			switch name {
			case "make":
				args := append([]string{"-n", "-C", repo}, strings.Fields(c.text)[1:]...)
				if out, err := exec.Command("make", args...).CombinedOutput(); err != nil {
					t.Fatalf("%s:%d: make -n: %v\n%s", c.file, c.line, err, out)
				}
			case "jsbench":
				path := bin + string(os.PathListSeparator) + os.Getenv("PATH")
				var env []string
				if needsRun(c.text) {
					testenv.Require(t, container.Available(context.Background()) == nil, "a Docker daemon")
					testenv.RequireRoot(t)
				}
				if runsOnKubernetes(t, ws, c.text) {
					env = append(env, "KUBECONFIG="+testenv.Kubeconfig(t))
				}
				runReadmeCommand(t, c, ws, path, env)
			case "kubectl":
				// As the cluster's admin, as the page says; kubectl is the
				// one scripts/cluster.sh built.
				path := testenv.ClusterBin(t) + string(os.PathListSeparator) + os.Getenv("PATH")
				runReadmeCommand(t, c, ws, path, []string{"KUBECONFIG=" + testenv.AdminKubeconfig(t)})
			default:
				t.Fatalf("%s:%d: %q: the pages show make and jsbench commands; teach this test to run %q", c.file, c.line, c.text, name)
			}
		})
	}
}

// runReadmeCommand runs c in ws with PATH path and the extra environment
// env, and fails the test when it fails.
func runReadmeCommand(t *testing.T, c readmeCommand, ws, path string, env []string) {
	t.Helper()
	cmd := exec.Command("bash", "-o", "pipefail", "-c", c.text)
	cmd.Dir = ws
	cmd.Env = append(append(os.Environ(), "PATH="+path), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s:%d: %s: %v\n%s", c.file, c.line, c.text, err, out)
	}
}

// runsOnKubernetes tells a `jsbench run` of a scenario whose subject runs
// on Kubernetes: the test then gives it the test cluster's kubeconfig.
func runsOnKubernetes(t *testing.T, ws, command string) bool {
	t.Helper()
	if !needsRun(command) {
		return false
	}
	for _, arg := range strings.Fields(command)[2:] {
		if !strings.HasSuffix(arg, ".yaml") {
			continue
		}
		sc, err := scenario.Load(filepath.Join(ws, arg), runtimes.Specs())
		if err != nil {
			t.Fatalf("%s: %v", command, err)
		}
		if sc.Subject.Runtime == kube.Name {
			return true
		}
	}
	return false
}

// needsRun tells a command that starts controllers.
func needsRun(command string) bool {
	f := strings.Fields(command)
	return len(f) > 1 && f[1] == "run" && !strings.Contains(command, "--help")
}

// readmeWorkspace lays out the directory the pages' commands run in.
func readmeWorkspace(t *testing.T, repo string) string {
	t.Helper()
	root := t.TempDir()
	ws := filepath.Join(root, "jsbench")
	for _, dir := range []string{ws, filepath.Join(ws, "reports"), filepath.Join(ws, "homes", "production-copy")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		filepath.Join(ws, "scenarios"): filepath.Join(repo, "scenarios"),
		filepath.Join(ws, "deploy"):    filepath.Join(repo, "deploy"),
		filepath.Join(root, "shared"):  filepath.Join(repo, "..", "shared"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	writeSuite(t, filepath.Join(ws, "reports", "latest"), 2, 8, 20000, "local", "nfs")
	writeSuite(t, filepath.Join(ws, "reports", "baseline"), 1, 8, 20000, "local", "nfs")
	if _, err := home.Populate(filepath.Join(ws, "homes", "production-copy"), home.Spec{Kind: home.KindGenerated, Jobs: 5, BuildsPerJob: 2, Plugins: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestRunHelpExampleIsInTheReadme: the example `jsbench run --help` shows
// is one of README.md's commands, so TestReadmeCommandsRun runs it.
func TestRunHelpExampleIsInTheReadme(t *testing.T) {
	want := strings.TrimSpace(runExample)
	for _, c := range readmeCommands(t) {
		if c.text == want {
			return
		}
	}
	t.Errorf("README.md does not show the example of jsbench run --help, %q", want)
}
