package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// benchMemoryLimitKiB caps the address space of the jsbench the
// benchmark runs: a regression that grows with the log fails the run
// instead of taking the machine down.
const benchMemoryLimitKiB = 4 << 20

// BenchmarkAnalyze runs the real `jsbench analyze` on inputs written to a
// scratch directory and removed after: a 1 GiB log of every fixture
// repeated (a start every 5 KiB: some 210,000 starts), and two
// decompression bombs, a few MiB of gzip holding 2 GiB of "Started
// initialization" lines or of newlines, refused once they pass the 1 GiB
// unpack limit. It reports per input the wall and CPU time, the MB/s
// read and the peak resident memory:
//
//	go test ./cmd/jsbench -run '^$' -bench Analyze -benchtime 1x
//	make bench-analyze
func BenchmarkAnalyze(b *testing.B) {
	jsbench := testenv.Build(b, "./cmd/jsbench")
	dir := b.TempDir()
	// read is what analyze reads: the log, or for a bomb the 1 GiB it
	// unpacks before it stops.
	inputs := []struct {
		name  string
		write func(path string) (int64, error)
		read  int64
		code  int
	}{
		{"log-1GiB", func(p string) (int64, error) { return writeRepeated(p, fixtureLogs(b), 1<<30) }, 1 << 30, 0},
		{"gzip-bomb-lines-2GiB", func(p string) (int64, error) {
			return writeBomb(p, "2024-01-24 10:16:43.271+0000 [id=30]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Started initialization\n")
		}, 1 << 30, exitUnusable},
		{"gzip-bomb-newlines-2GiB", func(p string) (int64, error) { return writeBomb(p, "\n") }, 1 << 30, exitUnusable},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			path := filepath.Join(dir, in.name)
			size, err := in.write(path)
			if err != nil {
				b.Fatal(err)
			}
			defer os.Remove(path)
			b.SetBytes(in.read)
			for b.Loop() {
				usage := runAnalyze(b, jsbench, path, in.code)
				b.ReportMetric(float64(size)/(1<<20), "file-MiB")
				b.ReportMetric(float64(usage.Maxrss)/1024, "maxRSS-MiB")
				b.ReportMetric(float64(usage.Utime.Nano()+usage.Stime.Nano())/1e9, "cpu-s")
			}
		})
	}
}

// runAnalyze runs jsbench analyze on path under the memory limit, checks
// its exit code and returns its resource usage.
func runAnalyze(b *testing.B, jsbench, path string, code int) *syscall.Rusage {
	b.Helper()
	cmd := exec.Command("sh", "-c", `ulimit -v "$1" && exec "$2" analyze "$3" >/dev/null`, "sh", itoa(benchMemoryLimitKiB), jsbench, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	got := 0
	if errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		b.Fatal(err)
	}
	if got != code || (code == exitUnusable && !strings.Contains(stderr.String(), "unpacks past its limit")) {
		b.Fatalf("exit %d, want %d: %s", got, code, stderr.String())
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage)
}

// fixtureLogs is every shared fixture and shape log, one after another.
func fixtureLogs(b *testing.B) []byte {
	var all []byte
	for _, pattern := range []string{filepath.Join(fixtures, "*.log"), "../../bench/observe/jenkinslog/testdata/shapes/*.log"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			all = append(all, bytes.TrimRight(data, "\n")...)
			all = append(all, '\n')
		}
	}
	if len(all) == 0 {
		b.Fatalf("no fixtures in %s", fixtures)
	}
	return all
}

// writeRepeated writes chunk again and again until size bytes.
func writeRepeated(path string, chunk []byte, size int64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var n int64
	for n < size {
		k, err := w.Write(chunk)
		n += int64(k)
		if err != nil {
			f.Close()
			return n, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return n, err
	}
	return n, f.Close()
}

// writeBomb writes 2 GiB of line, gzip-compressed, as 32 gzip members of
// 64 MiB each (a gzip file may hold several; every reader unpacks them
// all): the bomb is compressed once, in seconds.
func writeBomb(path, line string) (int64, error) {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	block := []byte(strings.Repeat(line, (1<<20)/len(line)))
	for written := 0; written < 64<<20; written += len(block) {
		if _, err := zw.Write(block); err != nil {
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return writeRepeated(path, member.Bytes(), int64(32*member.Len()))
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
