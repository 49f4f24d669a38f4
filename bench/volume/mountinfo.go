package volume

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// mountFacts returns the file system type, source and mount options of
// the mount that holds path, read from /proc/self/mountinfo.
func mountFacts(path string) map[string]string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil
	}
	defer f.Close()
	return findMount(bufio.NewScanner(f), path)
}

// findMount picks the longest mount point that is a prefix of path.
// A mountinfo line reads:
// 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
func findMount(lines *bufio.Scanner, path string) map[string]string {
	path = filepath.Clean(path)
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	var best map[string]string
	bestLen := -1
	for lines.Scan() {
		before, after, ok := strings.Cut(lines.Text(), " - ")
		fields, tail := strings.Fields(before), strings.Fields(after)
		if !ok || len(fields) < 6 || len(tail) < 3 {
			continue
		}
		point := unescapeMountPath(fields[4])
		if !within(path, point) || len(point) <= bestLen {
			continue
		}
		bestLen = len(point)
		best = map[string]string{
			"mountpoint": point,
			"fstype":     tail[0],
			"source":     tail[1],
			"options":    fields[5] + "," + tail[2],
		}
	}
	return best
}

func within(path, mountPoint string) bool {
	return mountPoint == "/" || path == mountPoint || strings.HasPrefix(path, mountPoint+"/")
}

// unescapeMountPath undoes the octal escapes mountinfo uses for spaces,
// tabs, newlines and backslashes.
func unescapeMountPath(s string) string {
	r := strings.NewReplacer(`\040`, " ", `\011`, "\t", `\012`, "\n", `\134`, `\`)
	return r.Replace(s)
}
