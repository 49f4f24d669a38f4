package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// TestServeAndRestore runs the program as `make bench` does and restores
// the object it serves.
func TestServeAndRestore(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "home.tar.zst")
	if _, err := snapshot.CreateFile(archive, home); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	out, outWriter := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--bucket", "backups", "--put", "jenkins/home.tar.zst=" + archive}, outWriter, io.Discard)
	}()
	lines := bufio.NewScanner(out)
	lines.Scan()
	endpoint := lines.Text()[strings.Index(lines.Text(), "http://"):]
	go io.Copy(io.Discard, out)

	t.Setenv("AWS_ENDPOINT_URL_S3", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "jsbench")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "jsbench")
	src, err := snapshot.ParseSource("s3://backups/jenkins/home.tar.zst")
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	if _, err := snapshot.Restore(ctx, src, dst, snapshot.RestoreOptions{UID: -1, GID: -1}); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dst, "config.xml")); err != nil || string(data) != "<hudson/>" {
		t.Errorf("restored config.xml = %q, %v", data, err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"put without file", []string{"--put", "key"}, "want KEY=FILE"},
		{"missing file", []string{"--addr", "127.0.0.1:0", "--put", "k=/nonexistent/x"}, `put "k"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(context.Background(), tt.args, io.Discard, &stderr); code == 0 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want failure mentioning %q", code, stderr.String(), tt.want)
			}
		})
	}
}
