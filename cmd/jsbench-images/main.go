// Command jsbench-images writes the images jsbench's Kubernetes runtime
// runs on a cluster without a registry, as archives that `ctr images
// import` reads: the pod sandbox (jsbench-pause), the simulated
// controller (jenkins-sim with its synthetic war) and the restore init
// container (jsbench-restore). The binaries are taken from the directory
// of this command (make build puts them side by side). It prints one line
// "REF FILE" per image; scripts/cluster.sh imports them.
//
//	jsbench-images --out DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/jsbench/jsbench/bench/container"
	"github.com/jsbench/jsbench/bench/subject"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jsbench-images", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory for the archives")
	bins := fs.String("bin", "", "directory of jenkins-sim, jsbench-restore and jsbench-pause (default: this command's)")
	if err := fs.Parse(args); err != nil || *out == "" {
		fmt.Fprintln(stderr, "usage: jsbench-images --out DIR [--bin DIR]")
		return 2
	}
	if *bins == "" {
		self, err := os.Executable()
		if err != nil {
			fmt.Fprintf(stderr, "jsbench-images: %v\n", err)
			return 1
		}
		*bins = filepath.Dir(self)
	}
	if err := writeAll(ctx, *bins, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "jsbench-images: %v\n", err)
		return 1
	}
	return 0
}

func writeAll(ctx context.Context, bins, out string, stdout io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	specs, err := specs(ctx, bins, out)
	if err != nil {
		return err
	}
	for name, spec := range specs {
		file := filepath.Join(out, name+".tar")
		if err := writeFile(file, spec); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s %s\n", spec.Tag, file)
	}
	// The war is inside the simulated controller's archive now.
	return os.Remove(filepath.Join(out, "jenkins.war"))
}

// specs describes the three images; the war is written into out.
func specs(ctx context.Context, bins, out string) (map[string]container.ImageSpec, error) {
	sim, restore := filepath.Join(bins, "jenkins-sim"), filepath.Join(bins, "jsbench-restore")
	simTag, err := subject.BinaryTag(sim)
	if err != nil {
		return nil, err
	}
	restoreTag, err := subject.BinaryTag(restore)
	if err != nil {
		return nil, err
	}
	simSpec, err := container.SimImageSpec(ctx, sim, out, subject.KubeSimRepository+":"+simTag)
	if err != nil {
		return nil, err
	}
	return map[string]container.ImageSpec{
		"pause": {Tag: subject.KubePauseImage, Files: map[string]string{"/pause": filepath.Join(bins, "jsbench-pause")},
			Entrypoint: []string{"/pause"}},
		"jenkins-sim": simSpec,
		"restore": {Tag: subject.KubeRestoreRepository + ":" + restoreTag,
			Files: map[string]string{"/usr/bin/jsbench-restore": restore}, Entrypoint: []string{"/usr/bin/jsbench-restore"}},
	}, nil
}

func writeFile(name string, spec container.ImageSpec) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := container.WriteArchive(f, spec); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
