package mountinfo

import (
	"strings"
	"testing"
)

const table = `22 1 252:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
25 22 0:21 / /dev/shm rw,nosuid,nodev shared:4 - tmpfs tmpfs rw,size=12g
40 22 0:52 / /tmp/jsbench-work/s1/emulated-1/home rw,nosuid,nodev,noatime - fuse.jsbench-emufs jsbench-emufs rw,user_id=0,allow_other
41 22 0:53 / /tmp/with\040space rw - tmpfs jsbench-tmpfs rw
not a mount line
`

func TestParseHoldingAndBelow(t *testing.T) {
	mounts, err := Parse(strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	if len(mounts) != 4 {
		t.Fatalf("%d mounts, want 4 (a malformed line is skipped)", len(mounts))
	}
	for _, tt := range []struct{ path, point, fstype string }{
		{"/var/tmp/x", "/", "ext4"},
		{"/dev/shm/home-1", "/dev/shm", "tmpfs"},
		{"/tmp/jsbench-work/s1/emulated-1/home/jobs", "/tmp/jsbench-work/s1/emulated-1/home", "fuse.jsbench-emufs"},
		{"/tmp/with space/home", "/tmp/with space", "tmpfs"},
	} {
		m, ok := Holding(mounts, tt.path)
		if !ok || m.Point != tt.point || m.FSType != tt.fstype {
			t.Errorf("Holding(%q) = %+v, %v; want %s on %s", tt.path, m, ok, tt.fstype, tt.point)
		}
	}
	if m, _ := Holding(mounts, "/dev/shm"); m.Options != "rw,nosuid,nodev,rw,size=12g" || m.Source != "tmpfs" {
		t.Errorf("tmpfs mount %+v: want both option lists and the source", m)
	}
	below := Below(mounts, "/tmp/jsbench-work/s1")
	if len(below) != 1 || below[0].FSType != "fuse.jsbench-emufs" {
		t.Errorf("Below = %+v, want the one emufs mount", below)
	}
}
