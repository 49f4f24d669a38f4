package csidriver

import (
	"strings"
	"testing"
	"time"
)

// TestParseClass checks each parameter against its hand-computed
// effect; gp2's IOPS are 3 per GiB with a minimum of 100 (AWS EBS docs,
// ../shared/calibration.md).
func TestParseClass(t *testing.T) {
	gp2 := map[string]string{"profile": "ebs-gp2-8gi", "iopsPerGiB": "3", "minIOPS": "100", "maxIOPS": "16000"}
	for _, tc := range []struct {
		name    string
		params  map[string]string
		size    int64
		check   func(t *testing.T, c Class)
		wantErr []string
	}{
		{"gp2 8 GiB: the minimum", gp2, 8 * gib, func(t *testing.T, c Class) {
			if c.Profile.IOPS.BaselinePerS != 100 || c.Profile.IOPS.BurstPerS != 3000 || c.Profile.Name != "ebs-gp2-8gi" {
				t.Errorf("IOPS %+v, profile %q", c.Profile.IOPS, c.Profile.Name)
			}
		}, nil},
		{"gp2 100 GiB: 300", gp2, 100 * gib, func(t *testing.T, c Class) {
			if c.Profile.IOPS.BaselinePerS != 300 || c.Profile.Name != "ebs-gp2-100gi" {
				t.Errorf("IOPS %+v, profile %q", c.Profile.IOPS, c.Profile.Name)
			}
		}, nil},
		{"gp2 6 TiB: the maximum", gp2, 6 << 40, func(t *testing.T, c Class) {
			if c.Profile.IOPS.BaselinePerS != 16000 {
				t.Errorf("IOPS %+v", c.Profile.IOPS)
			}
		}, nil},
		{"timings, pool, owner", map[string]string{"profile": "efs-general-purpose", "provisionTime": "1s", "attachTime": "2.8s",
			"detachTime": "2.8s", "pool": "p", "poolCapacity": "1Gi", "uid": "1000", "gid": "1000", "directoryPerms": "700"}, gib,
			func(t *testing.T, c Class) {
				if c.Provision != time.Second || c.Attach != 2800*time.Millisecond || c.Detach != 2800*time.Millisecond ||
					c.Pool != "p" || c.PoolCapacity != gib || c.UID != 1000 || c.GID != 1000 || c.DirPerms != 0o700 {
					t.Errorf("%+v", c)
				}
			}, nil},
		{"restore profile keeps the size's IOPS", map[string]string{"profile": "ebs-gp2-8gi", "iopsPerGiB": "3", "restoreProfile": "ebs-snapshot-lazy"}, 200 * gib,
			func(t *testing.T, c Class) {
				if c.RestoreProfile == nil || c.RestoreProfile.IOPS.BaselinePerS != 600 || !c.RestoreProfile.Lazy.Enabled() {
					t.Errorf("restore profile %+v", c.RestoreProfile)
				}
			}, nil},
		{"every problem at once", map[string]string{"profil": "x", "attachTime": "soon", "poolCapacity": "lots", "uid": "-3"}, gib, nil,
			[]string{"profil=", "unknown parameter", "profile: missing", "attachTime", "poolCapacity", "uid"}},
		{"unknown profile", map[string]string{"profile": "ebs-io9"}, gib, nil, []string{`"ebs-io9"`, "ebs-gp3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseClass(tc.params, tc.size)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				tc.check(t, c)
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestParseSnapshotClass(t *testing.T) {
	c, err := ParseSnapshotClass(map[string]string{"snapshotTime": "5s"})
	if err != nil || c.Ready != 5*time.Second {
		t.Errorf("%+v %v", c, err)
	}
	if _, err := ParseSnapshotClass(map[string]string{"type": "gp3"}); err == nil || !strings.Contains(err.Error(), "unknown parameter") {
		t.Errorf("unknown parameter: %v", err)
	}
}

func TestMountPointIn(t *testing.T) {
	info := "36 35 98:0 /mnt1 /var/lib/kubelet/plugins/kubernetes.io/csi/x/globalmount rw - fuse.jsbench-emufs jsbench-emufs rw\n" +
		`37 35 98:0 / /tmp/with\040space rw - ext4 /dev/vda rw` + "\n"
	for path, want := range map[string]bool{
		"/var/lib/kubelet/plugins/kubernetes.io/csi/x/globalmount": true,
		"/tmp/with space":  true,
		"/var/lib/kubelet": false,
	} {
		if got := mountPointIn(info, path); got != want {
			t.Errorf("mountPointIn(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestParseQuantity reads sizes as the API server does and refuses what
// is not a whole, non-negative number of bytes.
func TestParseQuantity(t *testing.T) {
	for in, want := range map[string]int64{"100Gi": 100 << 30, "500M": 500e6, "1048576": 1 << 20, "1.5Gi": 3 << 29} {
		if got, err := ParseQuantity(in); err != nil || got != want {
			t.Errorf("ParseQuantity(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"lots", "-1Gi", "1.5", ""} {
		if got, err := ParseQuantity(in); err == nil {
			t.Errorf("ParseQuantity(%q) = %d, want an error", in, got)
		}
	}
}
