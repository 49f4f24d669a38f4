package snapshot

import (
	"context"
	"io"
)

// readerSource serves an archive already in memory, for tests of the
// extraction alone.
type readerSource struct{ r io.Reader }

func (s readerSource) Open(context.Context) (io.ReadCloser, error) { return io.NopCloser(s.r), nil }
func (s readerSource) String() string                              { return "memory" }
