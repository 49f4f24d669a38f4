// Package mountinfo reads the kernel's mount table
// (/proc/self/mountinfo): the volumes record the file system a home lives
// on, and the sweeps find the mounts a killed jsbench left behind.
package mountinfo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Mount is one line of the mount table.
type Mount struct {
	// Point is where the file system is mounted.
	Point string
	// FSType is the file system type ("ext4", "tmpfs", "fuse.jsbench-emufs").
	FSType string
	// Source is the mounted device or server ("/dev/vda", "server:/export").
	Source string
	// Options are the per-mount options, then the file system's own.
	Options string
}

// Read reads this process's mount table.
func Read() ([]Mount, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, fmt.Errorf("read mount table: %w", err)
	}
	defer f.Close()
	return Parse(f)
}

// Parse reads a mount table in mountinfo's format. A line reads:
// 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
func Parse(r io.Reader) ([]Mount, error) {
	var mounts []Mount
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		before, after, ok := strings.Cut(lines.Text(), " - ")
		fields, tail := strings.Fields(before), strings.Fields(after)
		if !ok || len(fields) < 6 || len(tail) < 3 {
			continue
		}
		mounts = append(mounts, Mount{
			Point:   unescape(fields[4]),
			FSType:  tail[0],
			Source:  unescape(tail[1]),
			Options: fields[5] + "," + tail[2],
		})
	}
	if err := lines.Err(); err != nil {
		return nil, fmt.Errorf("read mount table: %w", err)
	}
	return mounts, nil
}

// Below returns the mounts at dir or below it.
func Below(mounts []Mount, dir string) []Mount {
	dir = filepath.Clean(dir)
	var out []Mount
	for _, m := range mounts {
		if m.Point == dir || strings.HasPrefix(m.Point, dir+"/") {
			out = append(out, m)
		}
	}
	return out
}

// Holding returns the mount that holds path (the longest mount point
// that is path or one of its parents), and whether there is one.
func Holding(mounts []Mount, path string) (Mount, bool) {
	path = filepath.Clean(path)
	var best Mount
	found := false
	for _, m := range mounts {
		inside := m.Point == "/" || path == m.Point || strings.HasPrefix(path, m.Point+"/")
		if inside && (!found || len(m.Point) > len(best.Point)) {
			best, found = m, true
		}
	}
	return best, found
}

// unescape undoes the octal escapes mountinfo uses for space, tab,
// newline and backslash.
func unescape(s string) string {
	return strings.NewReplacer(`\040`, " ", `\011`, "\t", `\012`, "\n", `\134`, `\`).Replace(s)
}
