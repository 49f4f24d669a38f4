package jenkinslog

import (
	"bufio"
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
// json-file) stand in for it. Memory stays bounded and time linear
// whatever r holds.
func Parse(r io.Reader, opts Options) (Result, error) {
	p := NewParser(opts)
	br := bufio.NewReaderSize(r, maxLine)
	for {
		line, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			p.warnings.add(Warning{Line: p.lines + 1, Message: fmt.Sprintf("line %d is longer than %d KiB: only its beginning was read", p.lines+1, maxLine>>10)})
			p.feed(line, time.Time{})
			err = skipRest(br)
		case len(line) > 0 && line[len(line)-1] == '\n':
			p.feed(line[:len(line)-1], time.Time{})
			if len(line) <= 2 && isBlank(line) {
				err = p.blankRun(br)
			}
		case len(line) > 0:
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

func isBlank(line []byte) bool {
	return line[0] == '\n' || (line[0] == '\r' && len(line) == 2)
}

// blankRun reads the blank lines that follow a blank line straight from
// br's buffer: a log of nothing but newlines is read at memory speed.
// The first tailLines of them are fed as lines; the others only count,
// since they would do nothing more.
func (p *Parser) blankRun(br *bufio.Reader) error {
	fed := 1
	for {
		buf, err := br.Peek(max(br.Buffered(), 1))
		i, n := scanBlank(buf)
		if err := p.blanks(br, i, n, &fed); err != nil {
			return err
		}
		switch {
		case len(buf) == 0:
			return err
		case i < len(buf):
			return nil
		}
	}
}

// scanBlank returns how many bytes at the start of buf are blank lines
// ("\n" or "\r\n"), and how many lines they are.
func scanBlank(buf []byte) (i, n int) {
	for i < len(buf) {
		switch {
		case buf[i] == '\n':
			i++
		case buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n':
			i += 2
		default:
			return i, n
		}
		n++
	}
	return i, n
}

// blanks discards k bytes holding n blank lines and counts them.
func (p *Parser) blanks(br *bufio.Reader, k, n int, fed *int) error {
	for ; n > 0 && *fed < tailLines; n-- {
		p.feed(nil, time.Time{})
		*fed++
	}
	p.lines += n
	if p.cur != nil {
		p.cur.LastLine = p.lines
	}
	_, err := br.Discard(k)
	return err
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

// logWarnings keeps the first logWarningsMax warnings about the log as a
// whole and counts the rest.
type logWarnings struct {
	listed   []Warning
	unlisted int
}

const logWarningsMax = 10

func (w *logWarnings) add(x Warning) {
	if len(w.listed) < logWarningsMax {
		w.listed = append(w.listed, x)
		return
	}
	w.unlisted++
}

func (w *logWarnings) list() []Warning {
	out := append([]Warning(nil), w.listed...)
	if w.unlisted > 0 {
		out = append(out, Warning{Message: fmt.Sprintf("%d more warnings like these are not listed", w.unlisted)})
	}
	return out
}
