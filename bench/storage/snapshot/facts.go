package snapshot

import (
	"strconv"
	"strings"
)

// StatsLinePrefix starts the line on which cmd/jsbench-restore prints its
// Stats as JSON, for a reader of its log (bench/runtime/kube).
const StatsLinePrefix = "jsbench-restore: "

// Facts gives what a restore found as a volume's facts (results'
// volume.params): format, sizes, file count, fetch and extract times, the
// byte budget, and the sparse files and warnings when there were any.
func (s Stats) Facts() map[string]string {
	facts := map[string]string{
		"snapshot_format":        string(s.Format),
		"snapshot_archive_bytes": strconv.FormatInt(s.ArchiveBytes, 10),
		"snapshot_bytes":         strconv.FormatInt(s.Bytes, 10),
		"snapshot_files":         strconv.Itoa(s.Files),
		"snapshot_fetch_ms":      strconv.FormatFloat(s.FetchMS, 'f', 3, 64),
		"snapshot_extract_ms":    strconv.FormatFloat(s.ExtractMS, 'f', 3, 64),
		"snapshot_limit_bytes":   strconv.FormatInt(s.LimitBytes, 10),
	}
	if s.SparseFiles > 0 {
		facts["snapshot_sparse_files"] = strconv.Itoa(s.SparseFiles)
	}
	if s.Kept != "" {
		facts["restore_kept"] = s.Kept
	}
	if len(s.Warnings) > 0 {
		facts["snapshot_warnings"] = strings.Join(s.Warnings, "; ")
	}
	return facts
}
