package snapshot

import (
	"context"
	"io"
)

// readerSource serves an archive already in memory, for tests of the
// extraction alone. Like a file or an HTTP answer with a length, it
// tells its size when it knows it (a bytes.Reader or bytes.Buffer).
type readerSource struct{ r io.Reader }

func (s readerSource) Open(context.Context) (io.ReadCloser, error) {
	if l, ok := s.r.(interface{ Len() int }); ok {
		return sized{io.NopCloser(s.r), int64(l.Len())}, nil
	}
	return io.NopCloser(s.r), nil
}

func (s readerSource) String() string { return "memory" }
