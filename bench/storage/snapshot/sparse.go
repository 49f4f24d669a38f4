package snapshot

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
)

// sparseHoleBytes is the unit of a hole: a block of zeros this large
// is skipped instead of written.
const sparseHoleBytes = 4 << 10

var zeroBlock [sparseHoleBytes]byte

// isSparse tells an entry archived as a sparse file: GNU's old format
// ('S') or its PAX records. tar.Reader reads the holes back as zeros.
func isSparse(hdr *tar.Header) bool {
	if hdr.Typeflag == tar.TypeGNUSparse {
		return true
	}
	for _, key := range []string{"GNU.sparse.major", "GNU.sparse.map", "GNU.sparse.numblocks", "GNU.sparse.size", "GNU.sparse.realsize"} {
		if _, ok := hdr.PAXRecords[key]; ok {
			return true
		}
	}
	return false
}

// copySparse writes r into f, seeking over every block of zeros instead
// of writing it, then sets f's size: the file keeps its holes and takes
// on disk what its data takes. It returns the file's logical size.
func copySparse(f *os.File, r io.Reader, buf []byte) (int64, error) {
	var off int64
	for {
		n, err := fill(r, buf)
		if werr := writeSparse(f, buf[:n], off); werr != nil {
			return off, werr
		}
		off += int64(n)
		if err == io.EOF {
			return off, f.Truncate(off)
		}
		if err != nil {
			return off, err
		}
	}
}

// fill reads into buf until it is full or r ends (io.EOF); unlike
// io.ReadFull it keeps r's own errors, io.ErrUnexpectedEOF of a cut
// archive among them.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// writeSparse writes the non-zero blocks of p at off.
func writeSparse(f *os.File, p []byte, off int64) error {
	for len(p) > 0 {
		n := min(len(p), sparseHoleBytes)
		if !bytes.Equal(p[:n], zeroBlock[:n]) {
			if _, err := f.WriteAt(p[:n], off); err != nil {
				return err
			}
		}
		p, off = p[n:], off+int64(n)
	}
	return nil
}
