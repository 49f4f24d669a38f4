package jenkinslog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// bigLogSize is the size of the log BenchmarkParse reads: large enough
// that reading it takes long against setup, like a long-running
// controller's log.
const bigLogSize = 100 << 20

// bigLog concatenates every shared fixture and synthetic log until the
// result reaches bigLogSize, so that all formats weigh in as they do in
// the fixtures.
func bigLog(tb testing.TB) []byte {
	tb.Helper()
	var one bytes.Buffer
	for _, pattern := range []string{filepath.Join(fixtureDir, "*.log"), filepath.Join("testdata", "synthetic", "*.log")} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			one.Write(b)
			if len(b) > 0 && b[len(b)-1] != '\n' {
				one.WriteByte('\n')
			}
		}
	}
	if one.Len() == 0 {
		tb.Fatalf("no fixtures in %s", fixtureDir)
	}
	return bytes.Repeat(one.Bytes(), bigLogSize/one.Len()+1)
}

// BenchmarkParse reports the parser's throughput in MB/s; compare it with
// grep on the same bytes with testdata/throughput.sh.
func BenchmarkParse(b *testing.B) {
	benchmarkParse(b, bigLog(b))
}

// benchmarkParse reports MB/s of wall time and, where measured, of CPU
// time (steadier on a shared machine).
func benchmarkParse(b *testing.B, log []byte) {
	b.SetBytes(int64(len(log)))
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(log), Options{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(n*len(log))/1e6/used.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkParseSteady reads a long log with one start, as a controller
// that runs for weeks writes it: fixture 01's start, then fixture 05's
// runtime records and stack traces (no start markers) repeated to
// bigLogSize.
func BenchmarkParseSteady(b *testing.B) {
	start, err1 := os.ReadFile(filepath.Join(fixtureDir, "01-docker-logs-2.426.2-setup-wizard.log"))
	runtime, err2 := os.ReadFile(filepath.Join(fixtureDir, "05-k8s-helm-gke-2.277.3-boot-failure.log"))
	if err1 != nil || err2 != nil {
		b.Fatal(err1, err2)
	}
	var body []byte
	for i, l := range bytes.SplitAfter(runtime, []byte("\n")) {
		n := i + 1 // keep lines 5, 7-10, 12-15, 17, 19-60 and 193-231: no markers (line 6 is Jetty's banner, a JVM line), no fatal line
		if n == 5 || n >= 7 && n <= 10 || n >= 12 && n <= 15 || n == 17 || n >= 19 && n <= 60 || n >= 193 && n <= 231 {
			body = append(body, l...)
		}
	}
	log := append(start, bytes.Repeat(body, bigLogSize/len(body))...)
	benchmarkParse(b, log)
}

// BenchmarkFeed measures the harness's path: one Feed per line of the
// current format.
func BenchmarkFeed(b *testing.B) {
	lines := []Line{{Text: "Running from: x"}, {Text: extractLine}, {Text: contextLine}, {Text: startedLine}, {Text: upLine}}
	p := NewParser(Options{})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Feed(lines[i%len(lines)])
	}
}

// TestWriteThroughputLog writes BenchmarkParse's log to the file named by
// JENKINSLOG_BIGLOG, for testdata/throughput.sh to time grep on it.
func TestWriteThroughputLog(t *testing.T) {
	path := os.Getenv("JENKINSLOG_BIGLOG")
	if path == "" {
		t.Skip("set JENKINSLOG_BIGLOG to write the benchmark's log")
	}
	if err := os.WriteFile(path, bigLog(t), 0o644); err != nil {
		t.Fatal(err)
	}
}
