package snapshot

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// jenkinsHome builds a home shaped like a mid-sized controller (see
// ../../shared/calibration.md): 200 jobs with a config.xml of 4 KiB and
// five kept builds each, plus 20 plugin archives of 500 KiB. About 2,400
// files and 23 MB.
func jenkinsHome(b *testing.B) string {
	b.Helper()
	home := b.TempDir()
	rng := rand.New(rand.NewPCG(3, 4))
	for j := range 200 {
		job := filepath.Join(home, "jobs", fmt.Sprintf("job-%03d", j))
		writeFile(b, filepath.Join(job, "config.xml"), 0o644, randomBytes(rng, 4<<10))
		writeFile(b, filepath.Join(job, "nextBuildNumber"), 0o644, []byte("6\n"))
		for n := 1; n <= 5; n++ {
			build := filepath.Join(job, "builds", fmt.Sprint(n))
			writeFile(b, filepath.Join(build, "build.xml"), 0o644, randomBytes(rng, 2<<10))
			writeFile(b, filepath.Join(build, "log"), 0o644, randomBytes(rng, 10<<10))
		}
	}
	for p := range 20 {
		writeFile(b, filepath.Join(home, "plugins", fmt.Sprintf("plugin-%02d.jpi", p)), 0o644, randomBytes(rng, 500<<10))
	}
	return home
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	must(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRestore measures restore throughput from memory to the
// temporary directory's disk, per format: MB/s of file content and
// files per second.
func BenchmarkRestore(b *testing.B) {
	home := jenkinsHome(b)
	for _, format := range []Format{FormatTar, FormatTarGzip, FormatTarZstd} {
		var archive bytes.Buffer
		created, err := Create(&archive, home, format)
		must(b, err)
		b.Run(string(format), func(b *testing.B) {
			b.SetBytes(created.Bytes)
			parent := b.TempDir()
			cpuBefore := cpuTime(b)
			for i := 0; b.Loop(); i++ {
				dst := filepath.Join(parent, fmt.Sprint(i))
				must(b, os.Mkdir(dst, 0o755))
				_, err := Restore(context.Background(), readerSource{bytes.NewReader(archive.Bytes())}, dst, RestoreOptions{UID: -1, GID: -1})
				must(b, err)
			}
			b.ReportMetric(float64(created.Files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
			b.ReportMetric(float64(created.ArchiveBytes)/float64(created.Bytes), "ratio")
			// CPU time (user and system) tells the cost apart from waiting
			// for a busy machine's cores.
			b.ReportMetric(float64((cpuTime(b)-cpuBefore).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
