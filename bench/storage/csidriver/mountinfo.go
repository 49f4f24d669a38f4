package csidriver

import (
	"strconv"
	"strings"
)

// mountPointIn tells whether path is a mount point in mountinfo, the
// text of /proc/self/mountinfo: its fifth field is the mount point, with
// spaces, tabs, newlines and backslashes escaped in octal.
func mountPointIn(mountinfo, path string) bool {
	for _, line := range strings.Split(mountinfo, "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && unescape(f[4]) == path {
			return true
		}
	}
	return false
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
