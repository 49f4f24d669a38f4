package snapshot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Source is where an archive is read from.
type Source interface {
	// Open starts reading the archive. The caller closes the reader.
	Open(ctx context.Context) (io.ReadCloser, error)
	// String names the source for people and result records, without
	// secrets (a presigned URL's query is left out).
	String() string
}

// ParseSource reads a source as a scenario or a command line gives it:
// s3://bucket/key, http:// or https:// URL, file:// URL, or a file path
// (absolute, or relative to the working directory).
func ParseSource(s string) (Source, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("parse snapshot source: empty; want a file path, an http(s):// URL or s3://bucket/key")
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return fileSource{path: s}, nil
	}
	switch strings.ToLower(scheme) {
	case "s3":
		return parseS3(s, rest)
	case "http", "https":
		return parseHTTP(s)
	case "file":
		u, err := url.Parse(s)
		if err != nil || u.Path == "" || (u.Host != "" && u.Host != "localhost") {
			return nil, fmt.Errorf("parse snapshot source %q: want file:///absolute/path", s)
		}
		return fileSource{path: u.Path}, nil
	}
	return nil, fmt.Errorf("parse snapshot source %q: unsupported scheme %q; want a file path, http(s):// or s3://", s, scheme)
}

type fileSource struct{ path string }

func (f fileSource) String() string { return f.path }

// LocalPath is the archive's path on this host, for checks before a run.
func (f fileSource) LocalPath() string { return f.path }

func (f fileSource) Open(context.Context) (io.ReadCloser, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, fmt.Errorf("open snapshot: %w", err)
	}
	return file, nil
}

type httpSource struct{ url *url.URL }

// httpClient gives up on a server that accepts the connection but never
// answers; the body itself may take as long as it takes (the context
// still cancels it). Proxies come from the environment, as by default.
var httpClient = &http.Client{Transport: func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = time.Minute
	return t
}()}

func parseHTTP(s string) (Source, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("parse snapshot source: %w", err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("parse snapshot source %q: no host", s)
	}
	return httpSource{url: u}, nil
}

// String leaves out the query and the user's password: presigned URLs
// carry their signature there.
func (h httpSource) String() string {
	u := *h.url
	if u.RawQuery != "" {
		u.RawQuery = "…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

func (h httpSource) Open(ctx context.Context) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.url.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch snapshot %q: %w", h, err)
	}
	// An archive is already compressed; asking for gzip transfer encoding
	// would only cost the server CPU.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := httpClient.Do(req)
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // its message repeats the URL, signature included
	}
	if err != nil {
		return nil, fmt.Errorf("fetch snapshot %q: %w", h, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("fetch snapshot %q: server answered %q, want 200 OK", h, resp.Status)
	}
	if resp.ContentLength >= 0 {
		return sized{resp.Body, resp.ContentLength}, nil
	}
	return resp.Body, nil
}
