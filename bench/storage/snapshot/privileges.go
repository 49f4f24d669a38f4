package snapshot

import (
	"archive/tar"
	"fmt"
	"os"
	"syscall"
)

// isFileType tells the entries restored as regular files: GNU's old
// sparse files and contiguous files are regular files too.
func isFileType(flag byte) bool {
	switch flag {
	case tar.TypeReg, tar.TypeRegA, tar.TypeGNUSparse, tar.TypeCont: //nolint:staticcheck // TypeRegA still appears in old archives
		return true
	}
	return false
}

// isTreeType tells the other entries Restore writes.
func isTreeType(flag byte) bool {
	return flag == tar.TypeDir || flag == tar.TypeSymlink || flag == tar.TypeLink
}

// fallbackOwner is who gets an entry the archive gave to root, when
// privileges are dropped: the owner of the target directory, or when
// that is root too, the jenkins user of the official image (1000:1000),
// whom a JENKINS_HOME belongs to.
func fallbackOwner(dir string) (uid, gid int) {
	uid, gid = jenkinsUID, jenkinsGID
	info, err := os.Stat(dir)
	if err != nil {
		return uid, gid
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		if st.Uid != 0 {
			uid = int(st.Uid)
		}
		if st.Gid != 0 {
			gid = int(st.Gid)
		}
	}
	return uid, gid
}

// warnDropped says, once, that privileges were dropped and how to keep them.
func (x *extractor) warnDropped() {
	if n := x.stats.DroppedPrivileges; n > 0 {
		x.stats.Warnings = append(x.stats.Warnings, fmt.Sprintf("dropped %d setuid/setgid bits and root ownerships (a JENKINS_HOME needs neither; --keep-privileges keeps them)", n))
	}
}

// jenkinsUID and jenkinsGID are the jenkins user of the official image
// (jenkinsci/docker: `ARG uid=1000`, `ARG gid=1000`).
const (
	jenkinsUID = 1000
	jenkinsGID = 1000
)
