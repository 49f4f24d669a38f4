package emufs

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The figures below come from ../shared/calibration.md ("Storage"
// table); "derived" marks our own arithmetic on them and "assumed" a
// figure no source gives. PROFILES.md tabulates them.

// nfsCache mimics the Linux NFS client's default attribute caching:
// acregmin 3 s for attributes, acdirmin 30 s for names (a name is
// trusted as long as its directory's attributes are).
var nfsCache = Cache{Entry: Duration(30 * time.Second), Attr: Duration(3 * time.Second), Negative: Duration(30 * time.Second)}

// pageCache stands for a local file system's dentry and inode caches,
// which keep everything until memory runs short.
var pageCache = Cache{Entry: Duration(24 * time.Hour), Attr: Duration(24 * time.Hour), Negative: Duration(24 * time.Hour)}

// nfsReaddirBatch is derived: about 32 KiB of READDIRPLUS reply per round
// trip (CloudBees' rsize=32768) at about 256 bytes per entry.
const nfsReaddirBatch = 128

const (
	kib = 1024
	mib = 1024 * kib
)

// noneProfile injects nothing and caches like a local disk: it measures
// what the FUSE layer itself costs.
var noneProfile = Profile{
	Name:        "none",
	Description: "no injected latency; the FUSE layer's own cost",
	Cache:       pageCache,
}

// nfsLAN is a healthy NFS server on a LAN. GETATTR ≈ 0.41 ms and
// SETATTR-class ≈ 1.75 ms come from a measured mountstats example
// (utcc.utoronto.ca/~cks); a read is one round trip (server cache hit,
// derived); writes are buffered by the client and cost only link time
// until close commits them (1.75 ms, SETATTR-class). The link is assumed
// to be 1 GbE. Sigma 0.25 is assumed.
var nfsLAN = Profile{
	Name:         "nfs-lan",
	Description:  "NFS server on a LAN (GETATTR 0.41 ms, synchronous ops 1.75 ms)",
	Metadata:     Latency{us(410), 0.25},
	Open:         Latency{us(410), 0.25},
	Readdir:      Latency{us(410), 0.25},
	ReaddirBatch: nfsReaddirBatch,
	Read:         Latency{us(410), 0.25},
	Namespace:    Latency{ms(1.75), 0.25},
	Flush:        Latency{ms(1.75), 0.25},
	Fsync:        Latency{ms(1.75), 0.25},
	Writes:       WriteThrough,
	Throughput:   Cap{BaselinePerS: 125_000_000},
	Cache:        nfsCache,
}

// efsGeneralPurpose is EFS General Purpose (Regional) with burst credits
// left. AWS documents reads from 0.25 ms and writes from 2.7 ms; older
// docs give ≈ 1 ms per metadata operation, which we take for metadata,
// open, readdir and reads (0.25 ms is a best case). Throughput is the
// 100 MiB/s burst rate. Sigma 0.3 is assumed.
var efsGeneralPurpose = Profile{
	Name:         "efs-general-purpose",
	Description:  "EFS General Purpose with burst credits (1 ms metadata, 2.7 ms writes, 100 MiB/s)",
	Metadata:     Latency{ms(1), 0.3},
	Open:         Latency{ms(1), 0.3},
	Readdir:      Latency{ms(1), 0.3},
	ReaddirBatch: nfsReaddirBatch,
	Read:         Latency{ms(1), 0.3},
	Namespace:    Latency{ms(2.7), 0.3},
	Flush:        Latency{ms(2.7), 0.3},
	Fsync:        Latency{ms(2.7), 0.3},
	Writes:       WriteThrough,
	Throughput:   Cap{BaselinePerS: 100 * mib},
	Cache:        nfsCache,
}

// efsBurstingDepleted is efsGeneralPurpose on a 10 GiB file system in
// Bursting mode whose credits are spent: the baseline is 50 KiB/s per
// GiB, so 500 KiB/s (derived), and credits earned while idle may be
// spent at up to 100 MiB/s.
var efsBurstingDepleted = withName(efsGeneralPurpose, "efs-bursting-depleted",
	"EFS Bursting, 10 GiB, credits spent (500 KiB/s baseline)",
	func(p *Profile) {
		p.Throughput = Cap{BaselinePerS: 500 * kib, BurstPerS: 100 * mib}
	})

// ebsGP3 is an EBS gp3 volume with a local file system on it: lookups
// and writes hit the page cache, reads of uncached data and fsync pay
// the device's single-digit-millisecond latency (we take 1 ms), and the
// baseline caps are 3,000 IOPS and 125 MiB/s. Sigma 0.2 is assumed.
var ebsGP3 = Profile{
	Name:        "ebs-gp3",
	Description: "EBS gp3 (page cache; 1 ms device reads and fsync; 3,000 IOPS, 125 MiB/s)",
	Read:        Latency{ms(1), 0.2},
	Fsync:       Latency{ms(1), 0.2},
	Writes:      WriteBuffered,
	Throughput:  Cap{BaselinePerS: 125 * mib},
	IOPS:        Cap{BaselinePerS: 3000},
	Cache:       pageCache,
}

// ebsGP2Small is an 8 GiB gp2 volume (the Helm chart's default size):
// 3 IOPS per GiB with a minimum of 100, bursting to 3,000 IOPS on up to
// 5.4 million credits. It starts with its credits spent, as a busy
// controller's volume does; credits earned while idle are kept.
var ebsGP2Small = withName(ebsGP3, "ebs-gp2-8gi",
	"EBS gp2, 8 GiB, burst credits spent (100 IOPS baseline, bursts to 3,000)",
	func(p *Profile) {
		p.Throughput = Cap{}
		p.IOPS = Cap{BaselinePerS: 100, BurstPerS: 3000, MaxCredits: 5_400_000}
	})

// ebsSnapshotLazy is ebsGP3 restored from a snapshot without Fast
// Snapshot Restore: the first touch of each 512 KiB snapshot block
// fetches it from S3. No published figure gives that fetch time; 20 ms
// with sigma 0.5 is assumed.
var ebsSnapshotLazy = withName(ebsGP3, "ebs-snapshot-lazy",
	"EBS gp3 restored from a snapshot (first touch of each 512 KiB block fetched from S3, 20 ms assumed)",
	func(p *Profile) {
		p.Lazy = Lazy{ChunkBytes: 512 * kib, Fetch: Latency{ms(20), 0.5}}
	})

// nfsOverloaded is an overloaded NFS or SMB server. Users report 3–4 min
// to extract a few hundred files, 100–400 ms per file; at about five
// round trips per file that is 20–80 ms each (derived). We take 40 ms
// for reads and 80 ms for synchronous updates, about 200 ms per created
// file. Sigma 0.6 is assumed.
var nfsOverloaded = Profile{
	Name:         "nfs-overloaded",
	Description:  "overloaded NFS/SMB server (40 ms reads, 80 ms synchronous ops; ~200 ms per created file)",
	Metadata:     Latency{ms(40), 0.6},
	Open:         Latency{ms(40), 0.6},
	Readdir:      Latency{ms(40), 0.6},
	ReaddirBatch: nfsReaddirBatch,
	Read:         Latency{ms(40), 0.6},
	Namespace:    Latency{ms(80), 0.6},
	Flush:        Latency{ms(80), 0.6},
	Fsync:        Latency{ms(80), 0.6},
	Writes:       WriteThrough,
	Cache:        nfsCache,
}

// shipped lists the profiles jsbench ships.
var shipped = []Profile{noneProfile, nfsLAN, efsGeneralPurpose, efsBurstingDepleted,
	ebsGP3, ebsGP2Small, ebsSnapshotLazy, nfsOverloaded}

func withName(base Profile, name, description string, change func(*Profile)) Profile {
	base.Name, base.Description = name, description
	change(&base)
	return base
}

// Names returns the shipped profiles' names, sorted.
func Names() []string {
	names := make([]string, 0, len(shipped))
	for _, p := range shipped {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return names
}

// ByName returns the shipped profile called name.
func ByName(name string) (Profile, error) {
	for _, p := range shipped {
		if p.Name == name {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("find profile %q: known profiles: %s", name, strings.Join(Names(), ", "))
}
