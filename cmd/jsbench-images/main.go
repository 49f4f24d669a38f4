// Command jsbench-images writes the images jsbench's Kubernetes runtime
// runs on a cluster without a registry, as archives that `ctr images
// import` reads: the pod sandbox (jsbench-pause), the simulated
// controller (jenkins-sim with its synthetic war) and the restore init
// container (jsbench-restore). The binaries are taken from the directory
// of this command (make build puts them side by side). It prints one line
// "REF FILE" per image; scripts/cluster.sh imports them. An archive is
// named after its image's tag, so one already in DIR is not written again,
// and archives of other tags are removed.
//
//	jsbench-images --out DIR
//	jsbench-images --out DIR --binary REF=PATH...
//
// With --binary, it writes instead one image per REF=PATH: a static
// binary as the image's entrypoint (/bin/NAME, NAME the last element of
// REF's repository), FROM scratch (the local cluster's CSI
// driver and the kubernetes-csi sidecars, scripts/cluster/storage.sh).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/container"
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
	var binaries []string
	fs.Func("binary", "REF=PATH: write only images of these static binaries (repeatable)", func(v string) error {
		if ref, path, ok := strings.Cut(v, "="); !ok || ref == "" || path == "" || !strings.Contains(ref, ":") {
			return fmt.Errorf("want REF=PATH with a tagged REF, such as localhost/jsbench/csi:v1=bin/jsbench-csi")
		}
		binaries = append(binaries, v)
		return nil
	})
	if err := fs.Parse(args); err != nil || *out == "" {
		fmt.Fprintln(stderr, "usage: jsbench-images --out DIR [--bin DIR] [--binary REF=PATH]...")
		return 2
	}
	if len(binaries) > 0 {
		if err := writeSpecs(ctx, binarySpecs(binaries), *out, stdout); err != nil {
			fmt.Fprintf(stderr, "jsbench-images: %v\n", err)
			return 1
		}
		return 0
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
	specs, err := specs(ctx, bins)
	if err != nil {
		return err
	}
	return writeSpecs(ctx, specs, out, stdout)
}

// binarySpecs describes one image per REF=PATH: the binary at
// /bin/REPO-BASE as its entrypoint (not at the root, where it would take
// a name a pod may mount a volume at).
func binarySpecs(binaries []string) map[string]container.ImageSpec {
	specs := map[string]container.ImageSpec{}
	for _, b := range binaries {
		ref, path, _ := strings.Cut(b, "=")
		repo := ref[:strings.LastIndexByte(ref, ':')]
		name := "/bin/" + filepath.Base(repo)
		specs[filepath.Base(repo)] = container.ImageSpec{Tag: ref, Files: map[string]string{name: path}, Entrypoint: []string{name}}
	}
	return specs
}

// writeSpecs writes the archives of specs missing in out, prints them and
// removes out's archives of other tags.
func writeSpecs(ctx context.Context, specs map[string]container.ImageSpec, out string, stdout io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	keep := map[string]bool{}
	for name, spec := range specs {
		file := filepath.Join(out, name+"-"+spec.Tag[strings.LastIndexByte(spec.Tag, ':')+1:]+".tar")
		keep[file] = true
		if _, err := os.Stat(file); err != nil {
			if err := writeFile(ctx, file, spec); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "%s %s\n", spec.Tag, file)
	}
	old, _ := filepath.Glob(filepath.Join(out, "*.tar"))
	for _, f := range old {
		if !keep[f] {
			os.Remove(f)
		}
	}
	return nil
}

// specs describes the three images. The simulated controller's war is
// made when its archive is written.
func specs(ctx context.Context, bins string) (map[string]container.ImageSpec, error) {
	sim, restore := filepath.Join(bins, "jenkins-sim"), filepath.Join(bins, "jsbench-restore")
	simTag, err := subject.BinaryTag(sim)
	if err != nil {
		return nil, err
	}
	restoreTag, err := subject.BinaryTag(restore)
	if err != nil {
		return nil, err
	}
	return map[string]container.ImageSpec{
		"pause": {Tag: subject.KubePauseImage, Files: map[string]string{"/pause": filepath.Join(bins, "jsbench-pause")},
			Entrypoint: []string{"/pause"}},
		"jenkins-sim": {Tag: subject.KubeSimRepository + ":" + simTag, Files: map[string]string{container.SimBinaryPath: sim}},
		"restore": {Tag: subject.KubeRestoreRepository + ":" + restoreTag,
			Files: map[string]string{"/usr/bin/jsbench-restore": restore}, Entrypoint: []string{"/usr/bin/jsbench-restore"}},
	}, nil
}

// writeFile writes spec's archive to name, through a temporary file so
// that an interrupted write leaves no archive behind.
func writeFile(ctx context.Context, name string, spec container.ImageSpec) error {
	if bin, ok := spec.Files[container.SimBinaryPath]; ok {
		dir, err := os.MkdirTemp("", "jsbench-images-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if spec, err = container.SimImageSpec(ctx, bin, dir, spec.Tag); err != nil {
			return err
		}
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".partial-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := container.WriteArchive(f, spec); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
