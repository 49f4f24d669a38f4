package snapshot

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
)

// startS3 serves an in-memory S3 over a real TCP listener and points the
// AWS environment at it, as a user would for MinIO or Ceph.
func startS3(t *testing.T, bucket string) *minio.Client {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	srv := &http.Server{Handler: gofakes3.New(s3mem.New()).Server()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })

	t.Setenv("AWS_ENDPOINT_URL_S3", "http://"+l.Addr().String())
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ACCESS_KEY_ID", "jsbench")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "jsbench-secret")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_REGION", "eu-west-1")
	client, err := newS3Client(os.Getenv) // the client Restore will build
	must(t, err)
	must(t, client.MakeBucket(context.Background(), bucket, minio.MakeBucketOptions{Region: "eu-west-1"}))
	return client
}

func TestRestoreFromS3(t *testing.T) {
	client := startS3(t, "backups")
	home := sampleHome(t)
	var archive bytes.Buffer
	_, err := Create(&archive, home, FormatTarZstd)
	must(t, err)
	_, err = client.PutObject(context.Background(), "backups", "jenkins/home.tar.zst",
		bytes.NewReader(archive.Bytes()), int64(archive.Len()), minio.PutObjectOptions{})
	must(t, err)

	src, err := ParseSource("s3://backups/jenkins/home.tar.zst")
	must(t, err)
	dst := writableTempDir(t)
	stats, err := Restore(context.Background(), src, dst, RestoreOptions{UID: -1, GID: -1, KeepPrivileges: true})
	must(t, err)
	if got, want := describeTree(t, dst, true), describeTree(t, home, true); got != want {
		t.Errorf("restored tree differs\n got:\n%s\nwant:\n%s", got, want)
	}
	if stats.Format != FormatTarZstd || stats.ArchiveBytes != int64(archive.Len()) || stats.Files != 9 {
		t.Errorf("stats %+v: want tar.zst, %d archive bytes, 9 files", stats, archive.Len())
	}
}

func TestRestoreFromS3Errors(t *testing.T) {
	startS3(t, "backups")
	tests := []struct{ name, source, want string }{
		{"missing key", "s3://backups/nope.tar.zst", "no object under that key"},
		{"missing bucket", "s3://elsewhere/home.tar.zst", "no such bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := ParseSource(tt.source)
			must(t, err)
			_, err = Restore(context.Background(), src, t.TempDir(), RestoreOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestS3ConfigFrom(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    s3Config
		wantErr bool
	}{
		{"AWS", map[string]string{"AWS_DEFAULT_REGION": "eu-central-1"},
			s3Config{endpoint: defaultS3Endpoint, secure: true, region: "eu-central-1"}, false},
		{"AWS_REGION wins", map[string]string{"AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "eu-central-1"},
			s3Config{endpoint: defaultS3Endpoint, secure: true, region: "us-west-2"}, false},
		{"MinIO", map[string]string{"AWS_ENDPOINT_URL": "http://minio:9000"},
			s3Config{endpoint: "minio:9000", region: "us-east-1", pathStyle: true}, false},
		{"S3 endpoint wins", map[string]string{"AWS_ENDPOINT_URL": "http://a:1", "AWS_ENDPOINT_URL_S3": "https://ceph.example:443", "AWS_REGION": "x"},
			s3Config{endpoint: "ceph.example:443", secure: true, region: "x", pathStyle: true}, false},
		{"no scheme", map[string]string{"AWS_ENDPOINT_URL_S3": "minio:9000"}, s3Config{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s3ConfigFrom(func(name string) string { return tt.env[name] })
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("got %+v, %v; want %+v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
