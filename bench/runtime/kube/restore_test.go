package kube_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/storage/home"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// TestRestoreByInitContainer restores a backup served over HTTP on this
// machine's loopback address (reached by the pod at its node's address)
// onto the claim before the controller starts, and checks that the
// restore is a phase of its own, with its statistics, and that the
// controller comes up on the restored home.
func TestRestoreByInitContainer(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	archive := backup(t)
	l := simLaunch(t, k)
	l.Restore = &homemount.Restore{Source: serveFile(t, archive) + "/home.tar.zst", UID: subject.JenkinsUID, GID: subject.JenkinsGID}
	inst := start(t, rt, c, l)
	untilUp(t, inst)
	rep := inst.(contract.Platform).Report(context.Background())
	for _, p := range rep.Phases {
		if p.Name == "init_restore" && p.Skipped {
			t.Errorf("the restore is not a phase of its own: %+v", rep.Phases)
		}
	}
	if files, _ := strconv.Atoi(rep.Facts["snapshot_files"]); files == 0 || rep.Facts["snapshot_format"] != "tar.zst" {
		t.Errorf("restore statistics %v, want the archive's files and format", rep.Facts)
	}
}

// backup writes a small generated home as a tar.zst archive.
func backup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "home"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := home.Populate(filepath.Join(dir, "home"), home.Spec{Kind: home.KindGenerated, Jobs: 5, BuildsPerJob: 1, Plugins: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "home.tar.zst")
	if _, err := snapshot.CreateFile(archive, filepath.Join(dir, "home")); err != nil {
		t.Fatal(err)
	}
	return archive
}

// serveFile serves file at /home.tar.zst on all addresses and returns
// the loopback URL of the server.
func serveFile(t *testing.T, file string) string {
	t.Helper()
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/home.tar.zst", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, file) })
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return fmt.Sprintf("http://127.0.0.1:%d", l.Addr().(*net.TCPAddr).Port)
}
