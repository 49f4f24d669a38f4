package container

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/internal/testenv"
)

// frame is one frame of Docker's multiplexed stream: stream 1 is stdout,
// 2 stderr, then the payload's length as a big-endian uint32.
func frame(stream byte, payload string) []byte {
	hdr := []byte{stream, 0, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(hdr[4:], uint32(len(payload)))
	return append(hdr, payload...)
}

func frames(fs ...[]byte) *bytes.Reader { return bytes.NewReader(bytes.Join(fs, nil)) }

// ln is a line received at the RFC 3339 time ts, or at an unknown time
// when ts is empty.
func ln(text, ts string) jenkinslog.Line {
	if ts == "" {
		return jenkinslog.Line{Text: text}
	}
	return jenkinslog.Line{Text: text, Received: at(ts)}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

const (
	ts1 = "2026-05-07T21:09:36.000000001Z"
	ts2 = "2026-05-07T21:09:36.500000000Z"
	ts3 = "2026-05-07T21:09:37.000000000Z"
)

func TestReadLog(t *testing.T) {
	long := strings.Repeat("x", 16384)
	tests := []struct {
		name string
		in   *bytes.Reader
		tty  bool
		want []jenkinslog.Line
	}{
		{
			name: "one line per frame, stdout and stderr merged in order",
			in:   frames(frame(1, ts1+" first\n"), frame(2, ts2+" second\n"), frame(1, ts3+" third\n")),
			want: []jenkinslog.Line{ln("first", ts1), ln("second", ts2), ln("third", ts3)},
		},
		{
			name: "long line cut by Docker into entries is joined",
			in:   frames(frame(1, ts1+" "+long), frame(1, ts2+" "+long), frame(1, ts3+" end\n")),
			want: []jenkinslog.Line{ln(long+long+"end", ts3)},
		},
		{
			name: "stderr line between the pieces of a stdout line",
			in:   frames(frame(1, ts1+" out-"), frame(2, ts2+" err\n"), frame(1, ts3+" rest\n")),
			want: []jenkinslog.Line{ln("err", ts2), ln("out-rest", ts3)},
		},
		{
			name: "CRLF and empty lines",
			in:   frames(frame(1, ts1+" dos\r\n"), frame(1, ts2+" \n")),
			want: []jenkinslog.Line{ln("dos", ts1), ln("", ts2)},
		},
		{
			name: "several entries in one frame",
			in:   frames(frame(1, ts1+" a\n"+ts2+" b\n")),
			want: []jenkinslog.Line{ln("a", ts1), ln("b", ts2)},
		},
		{
			name: "line without timestamp keeps its text",
			in:   frames(frame(1, "no stamp here\n")),
			want: []jenkinslog.Line{ln("no stamp here", "")},
		},
		{
			name: "last line without newline",
			in:   frames(frame(1, ts1+" cut")),
			want: []jenkinslog.Line{ln("cut", ts1)},
		},
		{
			name: "tty stream, read in any pieces",
			in:   bytes.NewReader([]byte(ts1 + " one\r\n" + ts2 + " two\r\n")),
			tty:  true,
			want: []jenkinslog.Line{ln("one", ts1), ln("two", ts2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []jenkinslog.Line
			err := readLog(tt.in, tt.tty, func(l jenkinslog.Line) error {
				got = append(got, l)
				return nil
			})
			if err != nil {
				t.Fatalf("readLog: %v", err)
			}
			if !sameLines(got, tt.want) {
				t.Errorf("got %d lines:\n%s\nwant %d:\n%s", len(got), testenv.ShowLines(got), len(tt.want), testenv.ShowLines(tt.want))
			}
		})
	}
}

func TestReadLogSplitsOverlongLines(t *testing.T) {
	text := strings.Repeat("y", maxLineBytes+10)
	var got []jenkinslog.Line
	err := readLog(frames(frame(1, ts1+" "+text+"\n")), false, func(l jenkinslog.Line) error {
		got = append(got, l)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Text) != maxLineBytes || len(got[1].Text) != 10 {
		t.Fatalf("got %d pieces, want one of %d bytes and one of 10", len(got), maxLineBytes)
	}
}

// FuzzReadLog checks that no input makes the log reader panic or invent
// text: every byte of every line comes from the input.
func FuzzReadLog(f *testing.F) {
	f.Add(bytes.Join([][]byte{frame(1, ts1+" a\n"), frame(2, ts2+" b")}, nil), false)
	f.Add([]byte(ts1+" one\r\n"+ts2+" two"), true)
	f.Add(frame(3, "daemon error"), false)
	f.Fuzz(func(t *testing.T, in []byte, tty bool) {
		if !tty && hugeFrame(in) {
			t.Skip("stdcopy allocates what a frame header claims; the daemon is trusted for that")
		}
		var text int
		_ = readLog(bytes.NewReader(in), tty, func(l jenkinslog.Line) error {
			text += len(l.Text)
			return nil
		})
		if text > len(in) {
			t.Fatalf("%d bytes of text from %d bytes of input", text, len(in))
		}
	})
}

// hugeFrame tells whether a frame header claims more than 64 KiB.
func hugeFrame(in []byte) bool {
	for len(in) >= 8 {
		size := binary.BigEndian.Uint32(in[4:8])
		if size > 1<<16 {
			return true
		}
		in = in[min(len(in), 8+int(size)):]
	}
	return false
}

func sameLines(a, b []jenkinslog.Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Text != b[i].Text || !a[i].Received.Equal(b[i].Received) {
			return false
		}
	}
	return true
}
