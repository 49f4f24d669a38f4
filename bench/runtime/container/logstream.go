package container

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// maxLineBytes bounds one line held in memory; a longer line is handed on
// in pieces of this size rather than dropped.
const maxLineBytes = 1 << 20

// readLog reads a container log requested with Timestamps and hands every
// line to emit, stdout and stderr merged in the order Docker sent them.
// A multiplexed log (no TTY) is split into its frames with stdcopy; a TTY
// log is one raw stream. It stops at the first error emit returns.
func readLog(r io.Reader, tty bool, emit func(jenkinslog.Line) error) error {
	if tty {
		s := &entrySplitter{emit: emit}
		if _, err := io.Copy(s, r); err != nil {
			return err
		}
		return s.close()
	}
	out := &entrySplitter{emit: emit, framed: true}
	errOut := &entrySplitter{emit: emit, framed: true}
	if _, err := stdcopy.StdCopy(out, errOut, r); err != nil {
		return err
	}
	return errors.Join(out.close(), errOut.close())
}

// entrySplitter turns the log entries of one stream, each "TIMESTAMP TEXT"
// as Docker writes them with Timestamps, into lines. Docker cuts a line
// longer than 16 KiB into several entries, each with its own timestamp,
// and only the last ends in a newline; the splitter joins them again. In
// a multiplexed stream each frame is one entry (stdcopy hands each frame
// to one Write), so a frame that ends without a newline continues the
// line in the next frame of the same stream.
type entrySplitter struct {
	emit   func(jenkinslog.Line) error
	framed bool
	// inText is true once the current entry's timestamp has been read.
	inText bool
	stamp  []byte
	text   []byte
	at     time.Time
}

// Write consumes one frame, or any piece of a TTY stream.
func (s *entrySplitter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if !s.inText {
			p = s.readStamp(p)
			continue
		}
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.text = append(s.text, p...)
			break
		}
		s.text = append(s.text, p[:i]...)
		p = p[i+1:]
		s.inText = false
		if err := s.flush(); err != nil {
			return 0, err
		}
	}
	if err := s.flushLong(); err != nil {
		return 0, err
	}
	if s.framed {
		s.inText = false
	}
	return n, nil
}

// readStamp reads the timestamp that starts an entry and returns the rest.
// A line without a parsable timestamp keeps its text and an unknown
// (zero) receipt time.
func (s *entrySplitter) readStamp(p []byte) []byte {
	i := bytes.IndexAny(p, " \n")
	if i < 0 {
		s.stamp = append(s.stamp, p...)
		return nil
	}
	s.stamp = append(s.stamp, p[:i]...)
	s.inText = true
	at, err := time.Parse(time.RFC3339Nano, string(s.stamp))
	if err != nil {
		s.text = append(s.text, s.stamp...)
		s.stamp = s.stamp[:0]
		s.at = time.Time{}
		return p[i:]
	}
	s.stamp = s.stamp[:0]
	s.at = at
	if p[i] == ' ' {
		return p[i+1:]
	}
	return p[i:]
}

// flush hands on the current line, in pieces of maxLineBytes if it is
// longer. Its receipt time is that of the entry that completed it.
func (s *entrySplitter) flush() error {
	text := bytes.TrimSuffix(s.text, []byte("\r"))
	s.text = s.text[:0]
	for len(text) > maxLineBytes {
		if err := s.emit(jenkinslog.Line{Text: string(text[:maxLineBytes]), Received: s.at}); err != nil {
			return err
		}
		text = text[maxLineBytes:]
	}
	return s.emit(jenkinslog.Line{Text: string(text), Received: s.at})
}

// flushLong hands on the first pieces of a line that has grown past
// maxLineBytes before its end arrived.
func (s *entrySplitter) flushLong() error {
	for len(s.text) > maxLineBytes {
		if err := s.emit(jenkinslog.Line{Text: string(s.text[:maxLineBytes]), Received: s.at}); err != nil {
			return err
		}
		s.text = append(s.text[:0], s.text[maxLineBytes:]...)
	}
	return nil
}

// close hands on a last line that had no newline.
func (s *entrySplitter) close() error {
	if len(s.stamp) > 0 {
		s.text = append(s.text, s.stamp...)
		s.stamp = s.stamp[:0]
	}
	if len(s.text) == 0 {
		return nil
	}
	return s.flush()
}

// logOptions asks Docker for the whole log with its timestamps.
func logOptions(follow bool) client.ContainerLogsOptions {
	return client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true, Timestamps: true, Follow: follow}
}

// fullLog reads the whole log of a container, after the fact.
func fullLog(ctx context.Context, docker client.APIClient, id string, tty bool) ([]jenkinslog.Line, error) {
	rc, err := docker.ContainerLogs(ctx, id, logOptions(false))
	if err != nil {
		return nil, fmt.Errorf("read log of container %.12s: %w", id, err)
	}
	defer rc.Close()
	var lines []jenkinslog.Line
	err = readLog(rc, tty, func(l jenkinslog.Line) error {
		lines = append(lines, l)
		return nil
	})
	if err != nil {
		return lines, fmt.Errorf("read log of container %.12s: %w", id, err)
	}
	return lines, nil
}
