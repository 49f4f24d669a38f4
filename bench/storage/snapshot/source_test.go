package snapshot

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseSource(t *testing.T) {
	tests := []struct {
		name, in, want, wantErr string
	}{
		{"relative path", "backups/home.tar.zst", "backups/home.tar.zst", ""},
		{"absolute path", "/srv/home.tgz", "/srv/home.tgz", ""},
		{"file URL", "file:///srv/home.tgz", "/srv/home.tgz", ""},
		{"http", "http://127.0.0.1:8080/home.tar", "http://127.0.0.1:8080/home.tar", ""},
		{"presigned https hides query", "https://b.s3.amazonaws.com/h.tar.zst?X-Amz-Signature=abc", "https://b.s3.amazonaws.com/h.tar.zst?…", ""},
		{"password hidden", "https://me:secret@host/h.tar", "https://me@host/h.tar", ""},
		{"s3", "s3://backups/jenkins/2024-05-06.tar.zst", "s3://backups/jenkins/2024-05-06.tar.zst", ""},
		{"empty", " ", "", "empty"},
		{"s3 without key", "s3://backups", "", "want s3://bucket/key"},
		{"s3 without bucket", "s3:///key", "", "want s3://bucket/key"},
		{"http without host", "http:///x", "", "no host"},
		{"file URL with host", "file://server/x", "", "want file:///absolute/path"},
		{"unknown scheme", "gs://bucket/key", "", `unsupported scheme "gs"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := ParseSource(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseSource(%q) error %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || src.String() != tt.want {
				t.Fatalf("ParseSource(%q) = %v, %v; want %q", tt.in, src, err, tt.want)
			}
		})
	}
}

func FuzzParseSource(f *testing.F) {
	for _, seed := range []string{"s3://b/k", "https://h/p?q=1", "file:///x", "rel/path.tgz", "://", "s3://"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, err := ParseSource(s)
		if err != nil {
			return
		}
		if src.String() == "" {
			t.Errorf("ParseSource(%q) accepted a source with an empty name", s)
		}
		h, ok := src.(httpSource)
		if !ok {
			return
		}
		// The name is recorded with results: no query, no password.
		u, err := url.Parse(h.String())
		if err != nil {
			t.Fatalf("ParseSource(%q).String() = %q is no URL: %v", s, h.String(), err)
		}
		_, hasPassword := u.User.Password()
		if (u.RawQuery != "" && u.RawQuery != "…") || hasPassword {
			t.Errorf("ParseSource(%q).String() = %q leaks a query or password", s, h.String())
		}
	})
}
