package container

import (
	"archive/tar"
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// epoch stamps every entry of a built image, so the same files make the
// same layer.
var epoch = time.Unix(0, 0)

// writeRootfs writes the image's file system as a tar: /tmp (mode 1777,
// as on any Linux system), spec.Dirs owned by spec.User, the parent
// directories of every file, then the files, texts and links, in a fixed
// order; what lies below spec.Owned belongs to spec.User, the rest to
// root.
func writeRootfs(w io.Writer, spec ImageSpec) error {
	tw := tar.NewWriter(w)
	if err := writeDirs(tw, spec, entryPaths(spec)); err != nil {
		return err
	}
	for _, dst := range slices.Sorted(maps.Keys(spec.Files)) {
		if err := writeFile(tw, spec, dst, spec.Files[dst]); err != nil {
			return err
		}
	}
	for _, dst := range slices.Sorted(maps.Keys(spec.Texts)) {
		if err := writeText(tw, spec, dst, spec.Texts[dst]); err != nil {
			return err
		}
	}
	for _, dst := range slices.Sorted(maps.Keys(spec.Links)) {
		hdr := &tar.Header{Typeflag: tar.TypeSymlink, Name: strings.TrimPrefix(dst, "/"), Linkname: spec.Links[dst], Mode: 0o777, ModTime: epoch}
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("write link %q: %w", dst, err)
		}
	}
	return tw.Close()
}

// entryPaths lists every path of the image that is not a directory.
func entryPaths(spec ImageSpec) []string {
	paths := slices.Sorted(maps.Keys(spec.Files))
	paths = append(paths, slices.Sorted(maps.Keys(spec.Texts))...)
	return append(paths, slices.Sorted(maps.Keys(spec.Links))...)
}

// writeDirs writes /tmp, spec.Dirs and every parent directory, parents
// first.
func writeDirs(tw *tar.Writer, spec ImageSpec, dsts []string) error {
	dirs := map[string]*tar.Header{"tmp/": {Mode: 0o1777}}
	for _, dst := range append(dsts, spec.Dirs...) {
		for dir := path.Dir(dst); dir != "/"; dir = path.Dir(dir) {
			dirs[strings.TrimPrefix(dir, "/")+"/"] = spec.header(dir, 0o755)
		}
	}
	uid, gid, _ := spec.owner()
	for _, dir := range spec.Dirs {
		dirs[strings.TrimPrefix(dir, "/")+"/"] = &tar.Header{Mode: 0o755, Uid: uid, Gid: gid}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		hdr := dirs[d]
		hdr.Typeflag, hdr.Name, hdr.ModTime = tar.TypeDir, d, epoch
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("write directory %q: %w", d, err)
		}
	}
	return nil
}

// header is the start of p's tar header: its mode, and its owner, which
// is spec.User below one of spec.Owned and root elsewhere.
func (spec ImageSpec) header(p string, mode int64) *tar.Header {
	hdr := &tar.Header{Mode: mode}
	for _, dir := range spec.Owned {
		if strings.HasPrefix(p, dir+"/") {
			hdr.Uid, hdr.Gid, _ = spec.owner()
		}
	}
	return hdr
}

// writeFile copies the host file src to dst in the image.
func writeFile(tw *tar.Writer, spec ImageSpec, dst, src string) error {
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
	hdr := spec.header(dst, mode)
	hdr.Typeflag, hdr.Name, hdr.Size, hdr.ModTime = tar.TypeReg, strings.TrimPrefix(dst, "/"), info.Size(), epoch
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	if _, err := io.Copy(tw, f); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	return nil
}

// writeText writes a file of the image from memory.
func writeText(tw *tar.Writer, spec ImageSpec, dst string, t Text) error {
	hdr := spec.header(dst, cmp.Or(t.Mode, 0o644))
	hdr.Typeflag, hdr.Name, hdr.Size, hdr.ModTime = tar.TypeReg, strings.TrimPrefix(dst, "/"), int64(len(t.Data)), epoch
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	if _, err := io.WriteString(tw, t.Data); err != nil {
		return fmt.Errorf("write %q to image: %w", dst, err)
	}
	return nil
}
