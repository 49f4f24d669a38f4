// Command jsbench-s3 serves an in-memory, S3-speaking endpoint for demos
// and tests: `make bench` restores a JENKINS_HOME snapshot from it, as a
// controller would from a real bucket. It keeps objects in memory only,
// accepts any credentials and is not meant to hold real backups.
//
//	jsbench-s3 --addr 127.0.0.1:9000 --bucket backups --put home.tar.zst=/tmp/home.tar.zst
//
// then point jsbench at it with the environment it prints:
//
//	AWS_ENDPOINT_URL_S3=http://127.0.0.1:9000 AWS_ACCESS_KEY_ID=jsbench AWS_SECRET_ACCESS_KEY=jsbench
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	addr   string
	bucket string
	puts   []string // key=file
}

// run serves until ctx is cancelled; it prints the address it listens on
// (useful with --addr 127.0.0.1:0) and the environment that reaches it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := serve(ctx, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "jsbench-s3: %v\n", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := config{}
	fs := flag.NewFlagSet("jsbench-s3", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:9000", "address to listen on")
	fs.StringVar(&cfg.bucket, "bucket", "jsbench", "bucket to create")
	fs.Func("put", "store a file as an object: KEY=FILE (repeatable)", func(s string) error {
		if key, file, ok := strings.Cut(s, "="); !ok || key == "" || file == "" {
			return fmt.Errorf("want KEY=FILE, got %q", s)
		}
		cfg.puts = append(cfg.puts, s)
		return nil
	})
	return cfg, fs.Parse(args)
}

func serve(ctx context.Context, cfg config, stdout io.Writer) error {
	backend := s3mem.New()
	if err := backend.CreateBucket(cfg.bucket); err != nil {
		return fmt.Errorf("create bucket %q: %w", cfg.bucket, err)
	}
	for _, put := range cfg.puts {
		if err := putFile(backend, cfg.bucket, put); err != nil {
			return err
		}
	}
	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: gofakes3.New(backend).Server(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving bucket %q at http://%s\n", cfg.bucket, l.Addr())
	fmt.Fprintf(stdout, "export AWS_ENDPOINT_URL_S3=http://%s AWS_ACCESS_KEY_ID=jsbench AWS_SECRET_ACCESS_KEY=jsbench\n", l.Addr())
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func putFile(backend *s3mem.Backend, bucket, put string) error {
	key, path, _ := strings.Cut(put, "=")
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	// The S3 front end adds these headers to uploads it receives; objects
	// put straight into the backend need them too.
	meta := map[string]string{
		"Content-Type":  "application/octet-stream",
		"Last-Modified": info.ModTime().UTC().Format(http.TimeFormat),
	}
	if _, err := backend.PutObject(bucket, key, meta, f, info.Size(), nil); err != nil {
		return fmt.Errorf("put %q from %q: %w", key, path, err)
	}
	return nil
}
