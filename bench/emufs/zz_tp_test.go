package emufs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestTP(t *testing.T) {
	for _, p := range []Profile{
		{Name: "none", Cache: pageCache},
		{Name: "none0"},
		{Name: "capped", Cache: nfsCache, Throughput: Cap{BaselinePerS: 125_000_000}, Flush: fixed(time.Millisecond)},
		{Name: "capped-noflush", Cache: nfsCache, Throughput: Cap{BaselinePerS: 125_000_000}},
	} {
		srv, mnt, _ := mountT(t, p)
		for i := 0; i < 2; i++ {
			start := time.Now()
			os.WriteFile(filepath.Join(mnt, "big"), make([]byte, 134_217_728), 0o644)
			t.Logf("%s: %.0f MB/s %+v", p.Name, 134.2/time.Since(start).Seconds(), srv.Stats().Ops["write"])
			os.Remove(filepath.Join(mnt, "big"))
		}
	}
}
