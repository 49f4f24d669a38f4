package volume

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

func TestPVCPrepare(t *testing.T) {
	v, problems := Configure("gp3", "pvc", map[string]any{"storage_class": "gp3", "size": "20Gi",
		"access_mode": "ReadWriteOncePod", "data_source": map[string]any{"volume_snapshot": "nightly"}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var stack cleanup.Stack
	p, err := v.Prepare(context.Background(), Env{WorkDir: t.TempDir(), RunID: "r1"}, &stack)
	if err != nil {
		t.Fatal(err)
	}
	want := homemount.Claim{StorageClass: "gp3", Size: "20Gi", AccessMode: "ReadWriteOncePod", SnapshotName: "nightly"}
	if p.HostDir != "" || p.Claim == nil || *p.Claim != want || stack.Len() != 0 {
		t.Errorf("prepared %+v (claim %+v): want only the claim, nothing on the host", p, p.Claim)
	}
	if got := v.Params(); got["size"] != "20Gi" || got["data_source.volume_snapshot"] != "nightly" {
		t.Errorf("params %v", got)
	}
}

func TestPVCProblems(t *testing.T) {
	_, problems := Configure("x", "pvc", map[string]any{"size": "20 GB", "access_mode": "RWO", "storage_class": "GP3"})
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field)
	}
	if want := []string{"storage_class", "size", "access_mode"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("problems %+v, want one for each of %v", problems, want)
	}
	_, problems = Configure("x", "pvc", map[string]any{})
	if len(problems) != 1 || problems[0].Field != "storage_class" {
		t.Errorf("problems %+v, want storage_class missing", problems)
	}
}

// TestSnapshotDeferredRestore leaves the restore to the runtime: the
// target is prepared and empty, and the restore is described with the
// source's absolute path.
func TestSnapshotDeferredRestore(t *testing.T) {
	archive := homeArchive(t)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, archive)
	if err != nil {
		t.Fatal(err)
	}
	v, problems := Configure("restored", "snapshot", map[string]any{"source": rel})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var stack cleanup.Stack
	defer stack.Run(context.Background())
	p, err := v.Prepare(context.Background(), Env{WorkDir: t.TempDir(), RunID: "r1", UID: 7, GID: 8, DeferRestore: true}, &stack)
	if err != nil {
		t.Fatal(err)
	}
	if p.Restore == nil || p.Restore.Source != archive || p.Restore.UID != 7 || p.RestoreMS != 0 {
		t.Fatalf("restore %+v, RestoreMS %v: want the archive's absolute path, left to the runtime", p.Restore, p.RestoreMS)
	}
	if entries, _ := os.ReadDir(p.HostDir); len(entries) != 0 {
		t.Errorf("the target holds %d entries before the runtime restored anything", len(entries))
	}
}

// TestPVCSnapshotOf reads a move between classes by snapshot: the old
// class, its size (the claim's by default) and the home it holds, made
// absolute and owned by the run's user at Prepare.
func TestPVCSnapshotOf(t *testing.T) {
	v, problems := Configure("gp2-to-gp3", "pvc", map[string]any{"storage_class": "gp3", "size": "8Gi",
		"data_source": map[string]any{"volume_snapshot_class": "csi-aws-vsc",
			"snapshot_of": map[string]any{"storage_class": "gp2", "home": "backups/home.tar.zst"}}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var stack cleanup.Stack
	p, err := v.Prepare(context.Background(), Env{WorkDir: t.TempDir(), RunID: "r1", UID: 7, GID: 8}, &stack)
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	want := homemount.SnapshotSource{StorageClass: "gp2", Size: "8Gi", SnapshotClass: "csi-aws-vsc",
		Home: filepath.Join(wd, "backups/home.tar.zst"), UID: 7, GID: 8}
	if p.Claim == nil || p.Claim.SnapshotOf == nil || *p.Claim.SnapshotOf != want || p.Claim.SnapshotName != "" {
		t.Fatalf("claim %+v, want snapshot of %+v", p.Claim, want)
	}
	if got := v.Params()["data_source.snapshot_of.storage_class"]; got != "gp2" {
		t.Errorf("params %v", v.Params())
	}
	_, problems = Configure("x", "pvc", map[string]any{"storage_class": "gp3",
		"data_source": map[string]any{"volume_snapshot": "n", "snapshot_of": map[string]any{"storage_class": "GP2", "colour": "red"}}})
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field)
	}
	if want := []string{"data_source.volume_snapshot", "data_source.snapshot_of.storage_class", "data_source.snapshot_of.home", "data_source.snapshot_of.colour"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("problems %+v, want one for each of %v", problems, want)
	}
}
