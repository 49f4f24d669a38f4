// Package cancel lets long copies honour Ctrl-C: the home's copy, an
// archive's restore. A reader wrapped by Reader stops within one read of
// its context being cancelled.
package cancel

import (
	"context"
	"io"
)

// Reader returns r that fails with ctx's error once ctx is cancelled.
func Reader(ctx context.Context, r io.Reader) io.Reader { return reader{ctx, r} }

type reader struct {
	ctx context.Context
	r   io.Reader
}

func (c reader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
