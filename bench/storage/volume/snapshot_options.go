package volume

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// restoreOptions reads the options that bound a snapshot volume's
// restore of an untrusted backup:
//
//	max_bytes: 20Gi          # most the restore may write (default: from the archive's size and the free space; -1: no limit)
//	keep_privileges: true    # keep setuid/setgid bits (dropped by default)
func restoreOptions(opts *Options) (maxBytes int64, keep bool) {
	if v, ok := opts.take("max_bytes"); ok {
		n, err := snapshot.ParseSize(fmt.Sprint(v))
		if err != nil {
			opts.Problemf("max_bytes", v, "want a size such as 512Mi, 20Gi or 200GB, or -1 for no limit")
		}
		maxBytes = n
	}
	return maxBytes, opts.Bool("keep_privileges", false)
}
