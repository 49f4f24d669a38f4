// Command jsbench-restore is the restore init container of jsbench's
// Kubernetes runtime: it streams a JENKINS_HOME backup (tar, tar.gz or
// tar.zst) from a file, an http(s):// URL or s3://bucket/key onto the
// controller's volume before Jenkins starts, as a recovering controller
// restores from its bucket. It is the restore of `jsbench snapshot
// restore` (bench/storage/snapshot) in a small static binary, shipped in a
// FROM-scratch image.
//
//	jsbench-restore [--clean | --keep-home --node NODE] [--uid 1000] [--gid 1000] SOURCE DIR
//
// With --clean it first empties DIR (not DIR itself, a mount point), so
// that every restore is a whole restore, as onto a new node's empty disk.
// With --keep-home it restores only a missing or empty home and keeps one
// that survived on this node (keepRule says exactly when), marking a
// restored home with NODE; Kubernetes runs it that way.
// It prints one JSON line of statistics (bench/storage/snapshot.Stats) on stdout,
// which jsbench reads from the container's log. S3 is reached with the
// usual AWS environment. Exit codes: 0 restored, 1 failed, 2 usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jsbench-restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	clean := fs.Bool("clean", false, "empty DIR before restoring")
	keep := fs.Bool("keep-home", false, "restore only a missing or empty DIR; keep a home that survived on this node")
	node := fs.String("node", "", "the node restored on, recorded in the home (with --keep-home)")
	opts := snapshot.RestoreOptions{}
	fs.IntVar(&opts.UID, "uid", -1, "owner of the restored files (-1: as archived)")
	fs.IntVar(&opts.GID, "gid", -1, "group of the restored files (-1: as archived)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: jsbench-restore [--clean | --keep-home --node NODE] [--uid N] [--gid N] SOURCE DIR")
		return 2
	}
	if *clean && *keep {
		fmt.Fprintln(stderr, "jsbench-restore: --clean and --keep-home exclude each other")
		return 2
	}
	var stats snapshot.Stats
	var err error
	if *keep {
		stats, err = restoreUnlessKept(ctx, fs.Arg(0), fs.Arg(1), *node, opts)
	} else {
		stats, err = restore(ctx, fs.Arg(0), fs.Arg(1), *clean, opts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jsbench-restore: %v\n", err)
		return 1
	}
	line, _ := json.Marshal(stats)
	fmt.Fprintf(stdout, "%s%s\n", snapshot.StatsLinePrefix, line)
	return 0
}

func restore(ctx context.Context, source, dir string, clean bool, opts snapshot.RestoreOptions) (snapshot.Stats, error) {
	src, err := snapshot.ParseSource(source)
	if err != nil {
		return snapshot.Stats{}, err
	}
	if clean {
		if err := empty(dir); err != nil {
			return snapshot.Stats{}, err
		}
	}
	return snapshot.Restore(ctx, src, dir, opts)
}

// restoreUnlessKept applies keepRule: it keeps a home that survived on
// this node, else restores and marks the home with the node.
func restoreUnlessKept(ctx context.Context, source, dir, node string, opts snapshot.RestoreOptions) (snapshot.Stats, error) {
	kept, err := keepRule(dir, node)
	if err != nil || kept != "" {
		return snapshot.Stats{Kept: kept}, err
	}
	stats, err := restore(ctx, source, dir, false, opts)
	if err != nil {
		return stats, err
	}
	return stats, markNode(dir, node)
}

// empty removes everything below dir, keeping dir.
func empty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("empty %q: %w", dir, err)
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("empty %q: %w", dir, err)
	}
	return nil
}
