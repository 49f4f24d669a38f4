package snapshot

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRestoreFromHTTP(t *testing.T) {
	home := sampleHome(t)
	var archive bytes.Buffer
	if _, err := Create(&archive, home, FormatTarGzip); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/backups/home" { // no extension: the format is sniffed
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, "home", time.Time{}, bytes.NewReader(archive.Bytes()))
	}))
	defer srv.Close()

	src, err := ParseSource(srv.URL + "/backups/home?X-Amz-Signature=secret")
	must(t, err)
	dst := writableTempDir(t)
	stats, err := Restore(context.Background(), src, dst, RestoreOptions{UID: -1, GID: -1, KeepPrivileges: true})
	must(t, err)
	if got, want := describeTree(t, dst, true), describeTree(t, home, true); got != want {
		t.Errorf("restored tree differs\n got:\n%s\nwant:\n%s", got, want)
	}
	if stats.Format != FormatTarGzip || stats.ArchiveBytes != int64(archive.Len()) {
		t.Errorf("stats %+v: want format tar.gz and %d archive bytes", stats, archive.Len())
	}

	missing, err := ParseSource(srv.URL + "/backups/gone.tar.zst?X-Amz-Signature=secret")
	must(t, err)
	_, err = Restore(context.Background(), missing, t.TempDir(), RestoreOptions{})
	if err == nil || !strings.Contains(err.Error(), `server answered "404 Not Found"`) || strings.Contains(err.Error(), "secret") {
		t.Errorf("got error %v; want a 404 message without the signature", err)
	}
}

func TestRestoreFromHTTPRefusedConnection(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	src, err := ParseSource(url + "/home.tar?X-Amz-Signature=secret")
	must(t, err)
	_, err = Restore(context.Background(), src, t.TempDir(), RestoreOptions{})
	if err == nil || !strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "secret") {
		t.Errorf("got error %v; want connection refused without the signature", err)
	}
}
