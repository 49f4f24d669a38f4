package volume

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

// problemList renders problems one a line as field (value): message.
func problemList(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString(p.Field + " (" + p.Value + "): " + p.Message + "\n")
	}
	return b.String()
}

var runEnv = Env{RunID: "r7", UID: 1000, GID: 1000}

// TestNFSDockerVolume checks the exact options Docker's local driver is
// given: what `docker volume create --opt …` would be told.
func TestNFSDockerVolume(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]any
		o       string
		device  string
	}{
		{"defaults: cloudbees, 4.1, per-run directory",
			map[string]any{"server": "filer", "export": "/jenkins"},
			"addr=filer,nfsvers=4.1,rsize=32768,wsize=32768,hard,timeo=600,retrans=2,noatime",
			":/jenkins/home-r7"},
		{"efs preset, version 4.2",
			map[string]any{"server": "10.0.0.5", "export": "/", "preset": "efs", "version": 4.2},
			"addr=10.0.0.5,nfsvers=4.2,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport",
			":/home-r7"},
		{"version 3 as a whole number, no preset, nolock",
			map[string]any{"server": "filer", "export": "/srv/nfs/", "preset": "none", "version": 3, "options": "nolock"},
			"addr=filer,nfsvers=3,nolock",
			":/srv/nfs/home-r7"},
		{"version 4 as a string",
			map[string]any{"server": "filer", "export": "/jenkins", "version": "4", "subdir_per_run": false},
			"addr=filer,nfsvers=4,rsize=32768,wsize=32768,hard,timeo=600,retrans=2,noatime",
			":/jenkins"},
		{"overrides replace values and opposite flags, extras appended",
			map[string]any{"server": "filer", "export": "/jenkins", "options": "rsize=65536, soft,atime,actimeo=1"},
			"addr=filer,nfsvers=4.1,rsize=65536,wsize=32768,soft,timeo=600,retrans=2,atime,actimeo=1",
			":/jenkins/home-r7"},
		{"override of the efs preset",
			map[string]any{"server": "filer", "export": "/x", "preset": "efs", "options": "resvport,timeo=100"},
			"addr=filer,nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=100,retrans=2,resvport",
			":/x/home-r7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, problems := Configure("filer", "nfs", tt.options)
			if len(problems) > 0 {
				t.Fatal(problemList(problems))
			}
			dv := v.(*nfsVolume).dockerVolume(runEnv)
			want := map[string]string{"type": "nfs", "o": tt.o, "device": tt.device}
			if dv.Name != "jsbench-r7" || !maps.Equal(dv.DriverOpts, want) {
				t.Errorf("got %s %v\nwant jsbench-r7 %v", dv.Name, dv.DriverOpts, want)
			}
			if got := v.Params()["mount_options"]; got != tt.o {
				t.Errorf("params mount_options = %q, want %q", got, tt.o)
			}
		})
	}
}

func TestNFSProblems(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]any
		want    []string
	}{
		{"missing server and export", map[string]any{},
			[]string{"server (): required", "export (): required"}},
		{"export not a string", map[string]any{"server": "filer", "export": 7},
			[]string{"export (7): want a string"}},
		{"relative export", map[string]any{"server": "filer", "export": "jenkins"},
			[]string{"export (jenkins): want an absolute path"}},
		{"bad versions", map[string]any{"server": "filer", "export": "/j", "version": 5},
			[]string{"version (5): want one of 3, 4, 4.1, 4.2"}},
		{"version 4.0 as a string", map[string]any{"server": "filer", "export": "/j", "version": "4.0"},
			[]string{"version (4.0): want one of"}},
		{"unknown preset", map[string]any{"server": "filer", "export": "/j", "preset": "netapp"},
			[]string{"preset (netapp): want one of cloudbees, efs, none"}},
		{"version given twice", map[string]any{"server": "filer", "export": "/j", "options": "hard,vers=3"},
			[]string{`options (hard,vers=3): "vers" is set with version:`}},
		{"address given twice", map[string]any{"server": "filer", "export": "/j", "options": "addr=10.0.0.1"},
			[]string{`options (addr=10.0.0.1): "addr" is set with server:`}},
		{"subdir_per_run not a boolean", map[string]any{"server": "filer", "export": "/j", "subdir_per_run": "yes"},
			[]string{"subdir_per_run (yes): want true or false"}},
		{"unknown mount", map[string]any{"server": "filer", "export": "/j", "mount": "fuse"},
			[]string{"mount (fuse): want docker"}},
		{"unknown option", map[string]any{"server": "filer", "export": "/j", "rsize": 4096},
			[]string{"rsize (4096): unknown option"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, "nfs", tt.options, tt.want)
		})
	}
}

func checkProblems(t *testing.T, kind string, options map[string]any, want []string) {
	t.Helper()
	v, problems := Configure("vol", kind, options)
	text := problemList(problems)
	if v != nil || len(problems) != len(want) {
		t.Errorf("got volume %v and %d problems:\n%swant %d", v, len(problems), text, len(want))
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("problems:\n%swant one containing %q", text, w)
		}
	}
}

// TestNFSPrepareDocker prepares a shared export without per-run
// directories: nothing is mounted on this host, the Docker volume is
// returned as configured.
func TestNFSPrepareDocker(t *testing.T) {
	v, problems := Configure("filer", "nfs", map[string]any{"server": "filer", "export": "/jenkins", "subdir_per_run": false})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	var stack cleanup.Stack
	prepared, err := v.Prepare(context.Background(), runEnv, &stack)
	if err != nil {
		t.Fatal(err)
	}
	if prepared.HostDir != "" || prepared.DockerVolume == nil || prepared.DockerVolume.DriverOpts["device"] != ":/jenkins" ||
		prepared.Facts["docker_volume"] != "jsbench-r7" || stack.Len() != 0 {
		t.Errorf("prepared = %+v, %d releases; want the Docker volume only", prepared, stack.Len())
	}
}

func TestMergeMountOptions(t *testing.T) {
	tests := []struct{ name, preset, overrides, want string }{
		{"empty", "", "", ""},
		{"no overrides", "hard,noatime", "", "hard,noatime"},
		{"hard to soft", "hard,timeo=600", "soft", "soft,timeo=600"},
		{"noac to ac", "noac", "ac", "ac"},
		{"new flag appended", "hard", "nocto", "hard,nocto"},
		{"same value twice", "timeo=600", "timeo=10,timeo=20", "timeo=20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mergeMountOptions(tt.preset, tt.overrides)
			if err != nil || strings.Join(got, ",") != tt.want {
				t.Errorf("mergeMountOptions(%q, %q) = %q, %v; want %q", tt.preset, tt.overrides, got, err, tt.want)
			}
		})
	}
}
