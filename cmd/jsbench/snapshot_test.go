package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// TestSnapshotExamples runs every example of `jsbench snapshot create`
// and `restore --help`, with /var/jenkins_home and /backups moved into a
// temporary directory and the bucket "backups" served by an in-memory
// S3 endpoint that holds what the create example wrote.
func TestSnapshotExamples(t *testing.T) {
	dir := t.TempDir()
	home, backups := filepath.Join(dir, "jenkins_home"), filepath.Join(dir, "backups")
	for _, d := range []string{filepath.Join(home, "jobs", "app"), backups} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(home, "jobs", "app", "config.xml"), []byte("<project/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	backend := startTestS3(t, "backups")
	paths := strings.NewReplacer(" /var/jenkins_home", " "+home, " /backups", " "+backups)
	for _, cmd := range []string{newSnapshotCreateCommand(env{}).Example, newSnapshotRestoreCommand(env{}).Example} {
		for i, line := range strings.Split(cmd, "\n") {
			if strings.Contains(line, " restore ") {
				// A restore goes into a new (or empty) home, as on a new node.
				line = strings.Replace(line, " /var/jenkins_home", " "+filepath.Join(dir, fmt.Sprint("restored-", i)), 1)
			}
			args := strings.Fields(paths.Replace(line))[1:] // drop "jsbench"
			code, out, errOut := runCLI(args...)
			if code != 0 || !strings.Contains(out, " 1 files") {
				t.Errorf("%s: exit %d\n%s%s", line, code, out, errOut)
			}
			if args[1] == "create" {
				putFile(t, backend, "backups", "jenkins-home.tar.zst", args[3])
			}
		}
	}
}

func TestSnapshotRestoreJSON(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "home.tgz")
	if code, out, errOut := runCLI("snapshot", "create", home, archive); code != 0 {
		t.Fatalf("create: exit %d\n%s%s", code, out, errOut)
	}
	dst := filepath.Join(t.TempDir(), "new", "home")
	code, out, errOut := runCLI("snapshot", "restore", "--json", archive, dst)
	var stats snapshot.Stats
	if err := json.Unmarshal([]byte(out), &stats); code != 0 || err != nil || stats.Files != 1 || stats.Format != snapshot.FormatTarGzip || stats.TotalMS <= 0 {
		t.Errorf("exit %d, stats %+v (%v)\n%s%s", code, stats, err, out, errOut)
	}
}

func TestSnapshotRestoreBadSourceIsUnusable(t *testing.T) {
	code, _, errOut := runCLI("snapshot", "restore", "gs://bucket/home.tar", t.TempDir())
	if code != exitUnusable || !strings.Contains(errOut, `unsupported scheme "gs"`) {
		t.Errorf("exit %d, stderr %q; want %d and the scheme named", code, errOut, exitUnusable)
	}
}

// startTestS3 serves an in-memory S3 on a real TCP port and points the
// AWS environment at it.
func startTestS3(t *testing.T, bucket string) *s3mem.Backend {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: gofakes3.New(backend).Server()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	t.Setenv("AWS_ENDPOINT_URL_S3", "http://"+l.Addr().String())
	t.Setenv("AWS_ACCESS_KEY_ID", "jsbench")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "jsbench")
	return backend
}

func putFile(t *testing.T, backend *s3mem.Backend, bucket, key, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{"Last-Modified": "Mon, 06 May 2024 07:08:09 GMT"}
	if _, err := backend.PutObject(bucket, key, meta, strings.NewReader(string(data)), int64(len(data)), nil); err != nil {
		t.Fatal(err)
	}
}
