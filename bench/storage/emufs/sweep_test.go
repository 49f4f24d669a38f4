package emufs

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// helperEnv tells a re-executed test binary to mount and wait to be
// killed, leaving a stale mount behind.
const helperEnv = "EMUFS_TEST_HELPER_MOUNT"

func TestMain(m *testing.M) {
	if spec := os.Getenv(helperEnv); spec != "" {
		mountAndWait(spec)
	}
	os.Exit(m.Run())
}

func mountAndWait(spec string) {
	mnt, backing, _ := strings.Cut(spec, ":")
	if _, err := Mount(mnt, backing, Profile{Name: "none"}); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("mounted\n")
	select {}
}

func TestSweepRemovesStaleMount(t *testing.T) {
	requireFUSE(t)
	root := t.TempDir()
	mnt, backing := filepath.Join(root, "mnt"), filepath.Join(root, "backing")
	for _, d := range []string{mnt, backing} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"="+mnt+":"+backing)
	helper.Stderr = os.Stderr
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "mounted\n" {
		helper.Process.Kill()
		t.Fatalf("helper said %q, want mounted", line)
	}
	helper.Process.Signal(syscall.SIGKILL)
	helper.Wait()

	if _, err := os.Stat(mnt); !errors.Is(err, syscall.ENOTCONN) {
		t.Fatalf("stat after SIGKILL: %v, want ENOTCONN", err)
	}
	swept, err := Sweep(root)
	if err != nil {
		t.Fatalf("Sweep: %v", err)
	}
	if !slices.Equal(swept, []string{mnt}) {
		t.Errorf("Sweep removed %q, want [%q]", swept, mnt)
	}
	if mounted(t, mnt) {
		t.Errorf("%q still mounted after Sweep", mnt)
	}
}

func TestSweepLeavesLiveMount(t *testing.T) {
	_, mnt, _ := mountT(t, Profile{Name: "none"})
	swept, err := Sweep(filepath.Dir(mnt))
	if err != nil || len(swept) != 0 {
		t.Errorf("Sweep = %q, %v; want nothing swept", swept, err)
	}
	if !mounted(t, mnt) {
		t.Errorf("live mount %q was removed", mnt)
	}
}

func TestOurMounts(t *testing.T) {
	table := strings.Join([]string{
		`22 1 254:0 / / rw,relatime - ext4 /dev/vda rw`,
		`60 22 0:52 / /tmp/w/run\0401/mnt rw,nosuid,nodev - fuse.jsbench-emufs jsbench-emufs rw,user_id=0,group_id=0`,
		`61 22 0:53 / /srv/other rw,nosuid,nodev - fuse.jsbench-emufs jsbench-emufs rw,user_id=0,group_id=0`,
		`62 22 0:54 / /tmp/w/sshfs rw,nosuid,nodev - fuse.sshfs host:/ rw,user_id=0,group_id=0`,
	}, "\n")
	tests := []struct {
		name string
		root string
		want []string
	}{
		{"anywhere", "", []string{"/tmp/w/run 1/mnt", "/srv/other"}},
		{"under a root", "/tmp/w", []string{"/tmp/w/run 1/mnt"}},
		{"root is a prefix of a name only", "/srv/oth", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ourMounts(strings.NewReader(table), tt.root)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ourMounts(%q) = %q, %v; want %q", tt.root, got, err, tt.want)
			}
		})
	}
}
