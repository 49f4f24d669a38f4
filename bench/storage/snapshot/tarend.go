package snapshot

import "io"

// endReader watches a tar stream for its end-of-archive marker, the zero
// blocks after the last entry. tar.Reader takes a stream that simply
// stops after an entry for a clean end, which is what a backup cut short
// at an entry boundary looks like.
type endReader struct {
	r io.Reader
	// n counts the bytes read; zeros the zero bytes that end them.
	n, zeros int64
	// contentEnd is n when the last entry's content was read to its end.
	contentEnd int64
}

func (e *endReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.n += int64(n)
	tail := 0
	for tail < n && p[n-1-tail] == 0 {
		tail++
	}
	if tail == n {
		e.zeros += int64(n)
	} else {
		e.zeros = int64(tail)
	}
	return n, err
}

// entryDone marks the end of an entry's content: what follows it is
// padding to the next 512-byte block, then a header or the marker.
func (e *endReader) entryDone() { e.contentEnd = e.n }

// terminated tells whether the stream, read to the end tar.Reader saw,
// ends with the marker: after the last content and its padding, at least
// one block of zeros (the standard writes two; GNU tar reads a lone one
// with a warning, and so does this), and nothing but zeros.
func (e *endReader) terminated() (ok, lone bool) {
	tail := e.n - e.contentEnd
	padding := (512 - e.contentEnd%512) % 512
	marker := tail - padding
	return e.zeros >= tail && marker >= 512, marker < 1024
}
