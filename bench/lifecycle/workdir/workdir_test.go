package workdir

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"

	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

func TestSweepRemovesOnlyDirectoriesOfDeadOwners(t *testing.T) {
	root := t.TempDir()
	alive, err := Create(root, "alive")
	if err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(root, "dead")
	if err := os.MkdirAll(filepath.Join(dead, "home-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A process that has exited: its pid and start time no longer match.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	owner := []byte(itoa(cmd.Process.Pid) + " 1")
	if err := os.WriteFile(filepath.Join(dead, ownerFile), owner, 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(root, "not-ours")
	if err := os.Mkdir(foreign, 0o755); err != nil {
		t.Fatal(err)
	}

	detached, err := SweepMounts(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(detached) != 0 {
		t.Errorf("detached %v, want nothing", detached)
	}
	removed, err := SweepDirs(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != dead {
		t.Errorf("removed %v, want only %s", removed, dead)
	}
	for _, keep := range []string{alive, foreign} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed: %v", keep, err)
		}
	}
}

func TestSweepOfMissingRootIsNoError(t *testing.T) {
	absent := filepath.Join(t.TempDir(), "absent")
	if detached, err := SweepMounts(absent); err != nil || len(detached) != 0 {
		t.Errorf("SweepMounts(absent) = %v, %v", detached, err)
	}
	if removed, err := SweepDirs(absent); err != nil || len(removed) != 0 {
		t.Errorf("SweepDirs(absent) = %v, %v", removed, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestRemoveDetachesMountsInside(t *testing.T) {
	testenv.RequireRoot(t)
	dir := t.TempDir()
	point := filepath.Join(dir, "mnt")
	if err := os.Mkdir(point, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", point, "tmpfs", 0, "size=1m"); err != nil {
		t.Fatal(err)
	}
	if err := Remove(dir); err != nil {
		t.Fatal(err)
	}
	if points, _ := mountPointsBelow(dir); len(points) != 0 {
		t.Errorf("mounts left below %s: %v", dir, points)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists: %v", dir, err)
	}
}
