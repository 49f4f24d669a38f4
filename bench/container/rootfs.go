package container

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

// epoch stamps every entry of a built image, so the same files make the
// same layer.
var epoch = time.Unix(0, 0)

// writeRootfs writes the image's file system as a tar: /tmp (mode 1777,
// as on any Linux system), spec.Dirs owned by spec.User, the parent
// directories of every file, then the files, in a fixed order and owned
// by root.
func writeRootfs(w io.Writer, spec ImageSpec) error {
	tw := tar.NewWriter(w)
	dsts := make([]string, 0, len(spec.Files))
	for dst := range spec.Files {
		dsts = append(dsts, dst)
	}
	sort.Strings(dsts)
	if err := writeDirs(tw, spec, dsts); err != nil {
		return err
	}
	for _, dst := range dsts {
		if err := writeFile(tw, dst, spec.Files[dst]); err != nil {
			return err
		}
	}
	return tw.Close()
}

// writeDirs writes /tmp, spec.Dirs and every parent directory, parents
// first.
func writeDirs(tw *tar.Writer, spec ImageSpec, dsts []string) error {
	uid, gid, _ := spec.owner()
	dirs := map[string]*tar.Header{"tmp/": {Mode: 0o1777}}
	for _, dst := range append(dsts, spec.Dirs...) {
		for dir := path.Dir(dst); dir != "/"; dir = path.Dir(dir) {
			dirs[strings.TrimPrefix(dir, "/")+"/"] = &tar.Header{Mode: 0o755}
		}
	}
	for _, dir := range spec.Dirs {
		dirs[strings.TrimPrefix(dir, "/")+"/"] = &tar.Header{Mode: 0o755, Uid: uid, Gid: gid}
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		hdr := dirs[d]
		hdr.Typeflag, hdr.Name, hdr.ModTime = tar.TypeDir, d, epoch
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("write directory %q: %w", d, err)
		}
	}
	return nil
}

// writeFile copies the host file src to dst in the image.
func writeFile(tw *tar.Writer, dst, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("read file for image: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read file for image: %w", err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("read file for image: %q is not a regular file", src)
	}
	mode := int64(0o644)
	if info.Mode()&0o111 != 0 {
		mode = 0o755
	}
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: strings.TrimPrefix(dst, "/"), Mode: mode, Size: info.Size(), ModTime: epoch}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	if _, err := io.Copy(tw, f); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	return nil
}
