package jenkinslog

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"time"
)

// maxLine is the longest line Parse reads whole; the rest of a longer
// line is skipped with a warning (no Jenkins line that matters is long).
const maxLine = 256 << 10

// Parse reads a whole log from r. Lines may end in "\n" or "\r\n"; no
// Received time is known, so wrapper timestamps (Docker, kubectl,
// json-file) stand in for it.
func Parse(r io.Reader, opts Options) (Result, error) {
	p := NewParser(opts)
	br := bufio.NewReaderSize(r, maxLine)
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			p.warnings = append(p.warnings, Warning{Line: p.lines + 1, Message: fmt.Sprintf("line %d is longer than %d KiB: only its beginning was read", p.lines+1, maxLine>>10)})
			p.feed(line, time.Time{})
			err = skipRest(br)
			line = nil
		} else if len(line) > 0 && line[len(line)-1] == '\n' {
			line = line[:len(line)-1]
			p.feed(line, time.Time{})
		} else if len(line) > 0 {
			p.feed(line, time.Time{})
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.end(), fmt.Errorf("read log: %w", err)
		}
	}
	return p.end(), nil
}

// ParseMaybeGzip is Parse of a log that may be gzip-compressed, as
// logrotate leaves jenkins.log.1.gz: r is unpacked when it starts with
// gzip's magic bytes, whatever the file is called.
func ParseMaybeGzip(r io.Reader, opts Options) (Result, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return Result{}, fmt.Errorf("unpack log: %w", err)
		}
		defer zr.Close()
		return Parse(zr, opts)
	}
	return Parse(br, opts)
}

// skipRest discards the rest of an over-long line.
func skipRest(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// end finishes a log read to its end: a two-line header still waiting
// for its message is read as a record of its own.
func (p *Parser) end() Result {
	p.flushPending()
	return p.Result()
}
