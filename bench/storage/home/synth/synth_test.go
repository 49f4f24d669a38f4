package synth

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"testing"
	"time"
)

func TestSameSeedSameBytes(t *testing.T) {
	a, b, c := New(1, "x"), New(1, "x"), New(1, "y")
	pa, pb, pc := make([]byte, 100), make([]byte, 100), make([]byte, 100)
	a.Fill(pa)
	b.Fill(pb)
	c.Fill(pc)
	if !bytes.Equal(pa, pb) {
		t.Error("same seed and stream gave different bytes")
	}
	if bytes.Equal(pa, pc) {
		t.Error("different streams gave the same bytes")
	}
}

func TestTextAndLinesSizes(t *testing.T) {
	src := New(1, "text")
	for _, n := range []int{1, 80, 5000} {
		if got := len(src.Text(n)); got != n {
			t.Errorf("len(Text(%d)) = %d", n, got)
		}
	}
	lines := src.Lines([]string{"abc", "defgh"}, 20)
	total := 0
	for _, l := range lines {
		total += len(l) + 1
	}
	if total > 20 || len(lines) == 0 {
		t.Errorf("Lines(…, 20) = %q: %d bytes", lines, total)
	}
	if got := src.Lines([]string{"a long line"}, 3); len(got) != 1 {
		t.Errorf("Lines with no room = %q, want one line", got)
	}
}

// TestWriteZip checks the round trip and that text deflates while
// payloads do not, as real help pages and jars do.
func TestWriteZip(t *testing.T) {
	var buf bytes.Buffer
	entries := []Entry{
		{Name: "a.txt", Data: []byte("hello")},
		{Name: "help.html", Size: 20000},
		{Name: "lib/x.jar", Size: 200000, Binary: true},
	}
	modified := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := WriteZip(&buf, New(1, "zip"), modified, entries); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		want := entries[i].Size
		if entries[i].Data != nil {
			want = len(entries[i].Data)
		}
		if f.Name != entries[i].Name || len(data) != want || !f.Modified.Equal(modified) {
			t.Errorf("entry %d = %s, %d bytes, %v", i, f.Name, len(data), f.Modified)
		}
	}
	if text := r.File[1]; text.Method != zip.Deflate || text.CompressedSize64*2 > text.UncompressedSize64 {
		t.Errorf("text entry: method %d, %d of %d bytes: want deflated to under half", text.Method, text.CompressedSize64, text.UncompressedSize64)
	}
	if jar := r.File[2]; jar.Method != zip.Store {
		t.Errorf("jar entry method %d, want stored", jar.Method)
	}
	var deflated bytes.Buffer
	w, _ := flate.NewWriter(&deflated, flate.DefaultCompression)
	payload := make([]byte, 100000)
	New(2, "p").Fill(payload)
	_, _ = w.Write(payload)
	_ = w.Close()
	if deflated.Len() < len(payload) {
		t.Errorf("payload deflates from %d to %d bytes: want incompressible", len(payload), deflated.Len())
	}
}
