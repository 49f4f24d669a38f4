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
	log := bigLog(b)
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
