package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckHost loads scenarios that name directories of this host that
// no run could use, and checks that each is refused at its position with
// the reason: a system directory reached by "..", a home copied from
// /proc/self, a local volume on tmpfs, a tmpfs volume on a disk, storage
// not mounted, an empty backup.
func TestCheckHost(t *testing.T) {
	disk, err := os.Getwd() // the source tree: on a disk, not a tmpfs
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty.tar")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // "../../../../etc" climbs to / and into /etc
	tests := []struct {
		name, home, volume string
		want               string // "" for no problem
	}{
		{"a good scenario", "{kind: empty}", "{name: a, kind: local, dir: " + disk + "/x}", ""},
		{"a system directory", "{kind: empty}", "{name: a, kind: local, dir: ../../../../etc}",
			`x.yaml:5:39: volumes[0].dir: "../../../../etc" is /etc, a system directory; jsbench creates and removes a home in it for every run`},
		{"the root", "{kind: empty}", "{name: a, kind: emulated, profile: nfs-lan, dir: /}", `volumes[0].dir: "/" is /, a system directory`},
		{"/usr/bin", "{kind: empty}", "{name: a, kind: local, dir: /usr/bin}", `volumes[0].dir: "/usr/bin" is /usr/bin, a system directory`},
		{"/usr/local/bin/", "{kind: empty}", "{name: a, kind: local, dir: /usr/local/bin/}", `volumes[0].dir: "/usr/local/bin/" is /usr/local/bin, a system directory`},
		{"a home from /proc/self", "{kind: dir, dir: /proc/self}", "{name: a, kind: local}",
			`x.yaml:4:24: home.dir: "/proc/self" is on proc (proc mounted at /proc): a pseudo file system, no JENKINS_HOME`},
		{"a home that is missing", "{kind: dir, dir: /nonexistent/home}", "{name: a, kind: local}", `home.dir: "/nonexistent/home" does not exist`},
		{"a local volume on tmpfs", "{kind: empty}", "{name: a, kind: local, dir: /dev/shm/jsbench-x}", `is on tmpfs (tmpfs mounted at /dev/shm), memory rather than local disk: use kind: tmpfs`},
		{"a tmpfs volume on a disk", "{kind: empty}", "{name: a, kind: tmpfs, dir: " + disk + "}", `, not tmpfs: name a directory on a tmpfs mount`},
		{"storage not mounted", "{kind: empty}", "{name: a, kind: path, dir: " + disk + ", fstype: nfs4}", `want nfs4: is the storage mounted?`},
		{"an empty backup", "{kind: empty}", "{name: a, kind: snapshot, source: " + empty + "}", `volumes[0].source: "` + empty + `" is empty (0 bytes): no backup to restore`},
		{"an empty backup onto a disk as tmpfs", "{kind: empty}", "{name: a, kind: snapshot, source: " + empty + ", target: {kind: tmpfs, dir: " + disk + "}}", `volumes[0].target.dir: "` + disk + `" is on`},
	}
	for _, dir := range []string{"/bin", "/sbin", "/lib", "/lib64"} {
		// With a merged /usr these are symlinks, resolved to /usr/…: both
		// forms are system directories.
		if target, err := filepath.EvalSymlinks(dir); err == nil {
			want := fmt.Sprintf("volumes[0].dir: %q is %s, a system directory", dir, dir)
			if target != dir {
				want = fmt.Sprintf("volumes[0].dir: %q is %s, a symlink to %s, a system directory", dir, dir, target)
			}
			tests = append(tests, struct{ name, home, volume, want string }{dir, "{kind: empty}", "{name: a, kind: local, dir: " + dir + "}", want})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte("version: 1\nname: x\nsubject: {kind: sim}\nhome: " + tt.home + "\nvolumes: [" + tt.volume + "]\n")
			if err := os.WriteFile("x.yaml", data, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load("x.yaml", testRuntimes)
			if err != nil {
				t.Fatal(err)
			}
			err = CheckHost(s)
			var perr *Error
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckHost = %v, want no problem", err)
			case tt.want != "" && (!errors.As(err, &perr) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckHost = %v\nwant %q", err, tt.want)
			}
		})
	}
}
