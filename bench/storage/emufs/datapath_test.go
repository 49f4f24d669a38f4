package emufs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDataPath writes 32 calls of 8 KiB (as the simulated controller
// extracts) and reads the file back, on three profiles: one that injects
// nothing on the data path gets passthrough (no data request reaches
// emufs); one with a read latency gets the writeback cache (the calls
// arrive gathered into fewer requests); one with a write latency gets
// every call (32 write requests).
func TestDataPath(t *testing.T) {
	const calls, size = 32, 8 << 10
	tests := []struct {
		name        string
		profile     Profile
		path        DataPath
		writes      func(n int64) bool
		description string
	}{
		{"nothing on the data path", Profile{Name: "none", Metadata: fixed(time.Microsecond)}, DataPassthrough,
			func(n int64) bool { return n == 0 }, "no write request"},
		{"read latency", Profile{Name: "reads", Read: fixed(time.Microsecond)}, DataWriteback,
			func(n int64) bool { return n > 0 && n < calls }, "between 1 and 31 write requests"},
		{"write latency", Profile{Name: "writes", Write: fixed(time.Microsecond)}, DataWriteThrough,
			func(n int64) bool { return n == calls }, "32 write requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, mnt, backing := mountT(t, tt.profile)
			if srv.DataPath() != tt.path {
				t.Fatalf("data path %q, want %q", srv.DataPath(), tt.path)
			}
			chunk := bytes.Repeat([]byte("jenkins!"), size/8)
			f, err := os.Create(filepath.Join(mnt, "war"))
			if err != nil {
				t.Fatal(err)
			}
			for range calls {
				if _, err := f.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if n := srv.Stats().Ops["write"].Count; !tt.writes(n) {
				t.Errorf("%d write requests reached emufs, want %s", n, tt.description)
			}
			got, err := os.ReadFile(filepath.Join(backing, "war"))
			if err != nil || len(got) != calls*size || !bytes.Equal(got[:size], chunk) {
				t.Errorf("backing file holds %d bytes (%v), want %d of the written data", len(got), err, calls*size)
			}
		})
	}
}
