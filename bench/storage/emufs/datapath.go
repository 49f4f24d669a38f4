package emufs

import (
	"os"

	"github.com/hanwen/go-fuse/v2/fuse"
)

// DataPath says how file data moves between the subject and the backing
// directory: the choice that decides most of what the FUSE layer costs
// on a write-heavy start (the simulated controller writes about 100 MB
// in 8 KiB calls).
type DataPath string

const (
	// DataPassthrough hands reads and writes to the kernel, which does
	// them on the backing file without a FUSE round trip (FUSE
	// passthrough, Linux 6.9 and later, as root). Only a profile that
	// injects nothing on the data path gets it: no read or write
	// latency, no cap, no lazy fetch. The kernel does not combine it
	// with the writeback cache.
	DataPassthrough DataPath = "passthrough"
	// DataWriteback sends data through emufs, writes gathered by the
	// kernel's writeback cache into requests of up to 128 KiB, as an NFS
	// client buffers them: for profiles without write latency.
	DataWriteback DataPath = "writeback cache"
	// DataWriteThrough sends every write call to emufs as it is made, so
	// that each pays the profile's write latency.
	DataWriteThrough DataPath = "write-through"
)

// wantsPassthrough reports whether p injects nothing on the data path.
func (p Profile) wantsPassthrough() bool {
	return p.Read.Median == 0 && p.Write.Median == 0 && !p.Throughput.Enabled() &&
		!p.IOPS.Enabled() && !p.Lazy.Enabled()
}

// dataPath is the data path Mount tries first for p.
func dataPath(p Profile) DataPath {
	switch {
	case p.wantsPassthrough() && os.Geteuid() == 0:
		return DataPassthrough
	case p.Write.Median == 0:
		return DataWriteback
	}
	return DataWriteThrough
}

// capabilities returns the FUSE capabilities to add and to refuse for a
// data path.
func (d DataPath) capabilities() (extra, disabled uint64) {
	switch d {
	case DataPassthrough:
		return 0, 0
	case DataWriteback:
		return fuse.CAP_WRITEBACK_CACHE, fuse.CAP_PASSTHROUGH
	}
	return 0, fuse.CAP_PASSTHROUGH
}

// PassthroughFd lets the kernel read and write the backing file itself
// when the mount's data path is passthrough; otherwise every data
// request comes to emufs and pays the profile's delays.
func (f *file) PassthroughFd() (int, bool) {
	if f.s.dataPath != DataPassthrough {
		return 0, false
	}
	return f.lf.PassthroughFd()
}
