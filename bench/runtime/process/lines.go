package process

import (
	"bufio"
	"bytes"
	"io"
	"sync"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// maxLineBytes bounds one line held in memory; a longer line is handed on
// in pieces of this size rather than dropped.
const maxLineBytes = 1 << 20

// readLines reads r line by line, stamping each line with the harness's
// clock as soon as its newline arrives, until r ends. A last line without
// a newline is kept too.
func readLines(r io.Reader, add func(jenkinslog.Line)) {
	br := bufio.NewReaderSize(r, 64<<10)
	var text []byte
	for {
		chunk, err := br.ReadSlice('\n')
		now := time.Now()
		text = append(text, chunk...)
		if err == bufio.ErrBufferFull {
			if len(text) >= maxLineBytes {
				add(jenkinslog.Line{Text: string(text), Received: now})
				text = text[:0]
			}
			continue
		}
		if len(text) > 0 {
			text = bytes.TrimSuffix(bytes.TrimSuffix(text, []byte("\n")), []byte("\r"))
			add(jenkinslog.Line{Text: string(text), Received: now})
			text = text[:0]
		}
		if err != nil {
			return
		}
	}
}

// lineLog keeps every line of a controller's output, so that the output is
// read at once whether or not anybody reads Lines (a full pipe would stall
// the controller and falsify its timing), and so that FullLog can return
// it again.
type lineLog struct {
	mu    sync.Mutex
	lines []jenkinslog.Line
	ended bool
	// more is closed, and replaced, whenever a line is added or the log ends.
	more chan struct{}
}

func newLineLog() *lineLog { return &lineLog{more: make(chan struct{})} }

func (l *lineLog) add(line jenkinslog.Line) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	close(l.more)
	l.more = make(chan struct{})
}

func (l *lineLog) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ended = true
	close(l.more)
	l.more = make(chan struct{})
}

// from returns the lines from index i on, whether the log has ended, and
// a channel closed when there is more to read.
func (l *lineLog) from(i int) ([]jenkinslog.Line, bool, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lines[i:len(l.lines):len(l.lines)], l.ended, l.more
}

// all returns a copy of every line so far.
func (l *lineLog) all() []jenkinslog.Line {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]jenkinslog.Line(nil), l.lines...)
}

// deliver sends the log's lines to out in order until the log has ended
// or stop is closed, then closes out.
func (l *lineLog) deliver(out chan<- jenkinslog.Line, stop <-chan struct{}) {
	defer close(out)
	for next := 0; ; {
		batch, ended, more := l.from(next)
		for _, line := range batch {
			select {
			case out <- line:
				next++
			case <-stop:
				return
			}
		}
		if len(batch) > 0 {
			continue
		}
		if ended {
			return
		}
		select {
		case <-more:
		case <-stop:
			return
		}
	}
}
