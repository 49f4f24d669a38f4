package jenkinslog

import (
	"bytes"
	"compress/gzip"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestBlankRunsReadAsLines: Parse reads runs of blank lines straight
// from its buffer; the result must be the one of feeding every line,
// blank lines inside a start counted as its lines and kept in its tail.
func TestBlankRunsReadAsLines(t *testing.T) {
	blanks := func(n int, end string) string { return strings.Repeat(end, n) }
	logs := map[string]string{
		"before any start":      blanks(100000, "\n") + "Running from: x\n" + extractLine + "\n" + startedLine,
		"inside a start":        "Running from: x\n" + extractLine + "\n" + blanks(3, "\n") + contextLine + "\n" + blanks(70000, "\n") + startedLine + "\n",
		"CRLF runs":             "Running from: x\r\n" + extractLine + "\r\n" + blanks(25, "\r\n") + startedLine + "\r\n" + blanks(5, "\r\n"),
		"at the end":            "Running from: x\n" + extractLine + "\n" + blanks(300000, "\n"),
		"after a two-line head": "Running from: x\nMar 01, 2015 3:04:41 PM winstone.Logger logInternal\n" + blanks(21, "\n") + "INFO: Beginning extraction from war file\n",
		"a lone CR":             "Running from: x\n\r" + blanks(30, "\n") + extractLine,
	}
	for name, log := range logs {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(log), Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := NewParser(Options{})
			lines := strings.Split(log, "\n")
			if strings.HasSuffix(log, "\n") {
				lines = lines[:len(lines)-1]
			}
			for _, l := range lines {
				p.Feed(Line{Text: l})
			}
			want := p.end()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Parse:\n%+v\nfeeding each line:\n%+v", got, want)
			}
		})
	}
}

// TestUnpackLimit: a gzip log is refused past the limit given, or by
// default past 100 times the gzip read, at least 1 GiB.
func TestUnpackLimit(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte(extractLine+"\n"), 100000))
	zw.Close()
	_, err := ParseMaybeGzip(bytes.NewReader(gz.Bytes()), Options{MaxUnpackedBytes: 1 << 20})
	if !errors.Is(err, ErrUnpackLimit) || !strings.Contains(err.Error(), "limit of 1.0 MiB (the limit given)") {
		t.Errorf("err = %v", err)
	}
	if r, err := ParseMaybeGzip(bytes.NewReader(gz.Bytes()), Options{}); err != nil || r.Lines != 100000 {
		t.Errorf("default limit: %d lines, %v", r.Lines, err)
	}
	for _, tt := range []struct {
		packed, limit int64
		rule          string
	}{
		{1 << 20, MinUnpackLimit, "100 times the gzip read, at least 1.0 GiB"},
		{100 << 20, 10000 << 20, "100 times the 100.0 MiB of gzip read"},
	} {
		u := unpackLimit{packed: &countingReader{n: tt.packed}}
		if limit, rule := u.limit(); limit != tt.limit || rule != tt.rule {
			t.Errorf("%d bytes of gzip: limit %d (%s), want %d (%s)", tt.packed, limit, rule, tt.limit, tt.rule)
		}
	}
}
