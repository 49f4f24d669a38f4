package jenkinslog

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"bytes"
)

func TestTmpSlowCorpus(t *testing.T) {
	files, _ := filepath.Glob("/root/.cache/go-build/fuzz/github.com/jsbench/jsbench/bench/jenkinslog/FuzzParse/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.SplitN(string(b), "\n", 2)
		if len(lines) < 2 { continue }
		s := strings.TrimSpace(lines[1])
		s = strings.TrimPrefix(s, "[]byte(")
		s = strings.TrimSuffix(s, ")")
		data, err := strconv.Unquote(s)
		if err != nil { t.Logf("%s: %v", f, err); continue }
		start := time.Now()
		Parse(bytes.NewReader([]byte(data)), Options{})
		p := NewParser(Options{})
		for _, l := range bytes.Split([]byte(data), []byte("\n")) { p.Feed(Line{Text: string(l)}); p.Current() }
		p.Result()
		if d := time.Since(start); d > 50*time.Millisecond { t.Logf("%s: %v (%d bytes)", filepath.Base(f), d, len(data)) }
	}
}
