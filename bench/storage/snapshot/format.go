package snapshot

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Format is how an archive is compressed.
type Format string

// Formats of archive.
const (
	FormatTar     Format = "tar"
	FormatTarGzip Format = "tar.gz"
	FormatTarZstd Format = "tar.zst"
)

// suffixes maps the file name endings Create recognizes to formats.
var suffixes = []struct {
	suffix string
	format Format
}{
	{".tar.zst", FormatTarZstd},
	{".tzst", FormatTarZstd},
	{".tar.gz", FormatTarGzip},
	{".tgz", FormatTarGzip},
	{".tar", FormatTar},
}

// FormatFromName returns the format a file name's ending names:
// .tar, .tar.gz or .tgz, .tar.zst or .tzst.
func FormatFromName(name string) (Format, error) {
	lower := strings.ToLower(name)
	for _, s := range suffixes {
		if strings.HasSuffix(lower, s.suffix) {
			return s.format, nil
		}
	}
	return "", fmt.Errorf("detect archive format of %q: want a name ending in .tar, .tar.gz, .tgz, .tar.zst or .tzst", name)
}

// Magic numbers at the start of compressed streams.
var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// sniff tells the format from the first bytes of the stream, so that a
// source's name (a presigned URL, an S3 key without an extension) does
// not have to carry it.
func sniff(r *bufio.Reader) Format {
	head, _ := r.Peek(len(zstdMagic))
	switch {
	case bytes.HasPrefix(head, zstdMagic):
		return FormatTarZstd
	case bytes.HasPrefix(head, gzipMagic):
		return FormatTarGzip
	}
	return FormatTar
}

// decompress returns the tar stream inside r and the format it found.
// Zstd decodes on the calling goroutine, so that time spent waiting on
// the source and time spent extracting stay apart.
func decompress(r *bufio.Reader) (io.Reader, Format, func(), error) {
	format := sniff(r)
	switch format {
	case FormatTarZstd:
		dec, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, format, nil, fmt.Errorf("open zstd stream: %w", err)
		}
		return dec, format, dec.Close, nil
	case FormatTarGzip:
		dec, err := gzip.NewReader(r)
		if err != nil {
			return nil, format, nil, fmt.Errorf("open gzip stream: %w", err)
		}
		return dec, format, func() { dec.Close() }, nil
	}
	return r, format, func() {}, nil
}

// compress wraps w in the format's compressor. Closing the returned
// writer flushes the compressor but leaves w open.
func compress(w io.Writer, format Format) (io.WriteCloser, error) {
	switch format {
	case FormatTarZstd:
		return zstd.NewWriter(w)
	case FormatTarGzip:
		return gzip.NewWriterLevel(w, gzip.DefaultCompression)
	case FormatTar:
		return nopCloser{w}, nil
	}
	return nil, fmt.Errorf("compress archive: unknown format %q", format)
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
