package container

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"strconv"
	"strings"

	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/client"
)

// ImageSpec describes an image built FROM scratch out of host files, such
// as a static binary and its data. Nothing is pulled to build it.
type ImageSpec struct {
	// Tag names the image, as "repository:tag".
	Tag string
	// Files maps absolute paths in the image to files on the host. A host
	// file with any execute bit becomes 0755 in the image, others 0644.
	Files map[string]string
	// Entrypoint is the program the image runs, in exec form.
	Entrypoint []string
	// User is "uid:gid" for processes of the image; empty means root.
	User string
	// Dirs are empty directories owned by User, such as JENKINS_HOME: a
	// new named volume mounted there takes their ownership, as with the
	// official image.
	Dirs []string
	// Labels are added to the image, next to LabelManaged.
	Labels map[string]string

	// The fields below are optional; they let an image keep another
	// image's contract (bench/runtime/container's stand-in for the official
	// Jenkins image).

	// Texts are files written from memory, by absolute path in the image.
	Texts map[string]Text
	// Links are symbolic links, by absolute path, to their targets.
	Links map[string]string
	// Owned lists directories whose content (files and directories below
	// them, from Files and Texts) belongs to User rather than root.
	Owned []string
	// UserName, when set, is what USER says (the image's /etc/passwd must
	// name it); User still gives the numeric owner of Dirs and Owned.
	UserName string
	// Env holds NAME=value lines, in order.
	Env []string
	// Volumes and Expose become VOLUME and EXPOSE lines.
	Volumes, Expose []string
	// ExtraTags are more names of the same image ("repository:latest").
	ExtraTags []string
}

// Text is a file of an image written from memory.
type Text struct {
	Data string
	Mode int64
}

// rootfsName is the archive in the build context that becomes the image's
// file system. ADD unpacks a local tar with the modes it records, which
// COPY would not keep (/tmp must be world-writable).
const rootfsName = "rootfs.tar"

// BuildImage builds spec on the Docker daemon with the classic builder,
// from a context streamed from the host files: no registry, no temporary
// copies.
func BuildImage(ctx context.Context, spec ImageSpec) error {
	docker, err := connect(ctx)
	if err != nil {
		return err
	}
	return buildImage(ctx, docker, spec)
}

func buildImage(ctx context.Context, docker client.APIClient, spec ImageSpec) error {
	if err := spec.check(); err != nil {
		return err
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeContext(pw, spec)) }()
	defer pr.Close()
	labels := maps.Clone(spec.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[LabelManaged] = "true"
	res, err := docker.ImageBuild(ctx, pr, client.ImageBuildOptions{
		Tags: append([]string{spec.Tag}, spec.ExtraTags...), Labels: labels, Remove: true, ForceRemove: true,
	})
	if err != nil {
		return fmt.Errorf("build image %q: %w", spec.Tag, err)
	}
	defer res.Body.Close()
	if err := buildOutcome(res.Body); err != nil {
		return fmt.Errorf("build image %q: %w", spec.Tag, err)
	}
	return nil
}

// check refuses a spec that cannot make an image.
func (spec ImageSpec) check() error {
	var problems []error
	if spec.Tag == "" {
		problems = append(problems, errors.New("no tag"))
	}
	if len(spec.Entrypoint) == 0 {
		problems = append(problems, errors.New("no entrypoint"))
	}
	for dst := range spec.Files {
		problems = append(problems, checkImagePath(dst))
	}
	for _, dir := range spec.Dirs {
		problems = append(problems, checkImagePath(dir))
	}
	for dst := range spec.Texts {
		problems = append(problems, checkImagePath(dst))
	}
	for dst := range spec.Links {
		problems = append(problems, checkImagePath(dst))
	}
	if _, _, err := spec.owner(); err != nil {
		problems = append(problems, err)
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("check image spec %q: %w", spec.Tag, err)
	}
	return nil
}

func checkImagePath(p string) error {
	if !path.IsAbs(p) || path.Clean(p) != p || p == "/" {
		return fmt.Errorf("image path %q is not absolute and clean", p)
	}
	return nil
}

// owner is User as numbers; a file system cannot record names without
// an /etc/passwd, which a scratch image lacks.
func (spec ImageSpec) owner() (uid, gid int, err error) {
	if spec.User == "" {
		return 0, 0, nil
	}
	u, g, _ := strings.Cut(spec.User, ":")
	if uid, err = strconv.Atoi(u); err == nil && g != "" {
		gid, err = strconv.Atoi(g)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("user %q is not numeric uid:gid", spec.User)
	}
	return uid, gid, nil
}

// buildOutcome reads the build's progress stream to its end and returns
// the error the daemon reported in it, if any.
func buildOutcome(body io.Reader) error {
	dec := json.NewDecoder(body)
	var last string
	for {
		var msg jsonstream.Message
		if err := dec.Decode(&msg); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("read build output: %w", err)
		}
		if msg.Error != nil {
			return fmt.Errorf("%s (after: %q)", msg.Error.Message, last)
		}
		if s := strings.TrimSpace(msg.Stream); s != "" {
			last = s
		}
	}
}

// dockerfile builds the image from rootfsName alone.
func (spec ImageSpec) dockerfile() string {
	entry, _ := json.Marshal(spec.Entrypoint)
	var b strings.Builder
	b.WriteString("FROM scratch\nADD " + rootfsName + " /\n")
	for _, e := range spec.Env {
		name, value, _ := strings.Cut(e, "=")
		quoted, _ := json.Marshal(value)
		b.WriteString("ENV " + name + "=" + string(quoted) + "\n")
	}
	if len(spec.Volumes) > 0 {
		vols, _ := json.Marshal(spec.Volumes)
		b.WriteString("VOLUME " + string(vols) + "\n")
	}
	if len(spec.Expose) > 0 {
		b.WriteString("EXPOSE " + strings.Join(spec.Expose, " ") + "\n")
	}
	switch {
	case spec.UserName != "":
		b.WriteString("USER " + spec.UserName + "\n")
	case spec.User != "":
		b.WriteString("USER " + spec.User + "\n")
	}
	b.WriteString("ENTRYPOINT " + string(entry) + "\n")
	return b.String()
}

// writeContext writes the build context: the Dockerfile and rootfsName.
// The root file system is written twice, first only to learn its size,
// since a tar header comes before its content; the host files are read
// twice rather than copied to a temporary file.
func writeContext(w io.Writer, spec ImageSpec) error {
	var size countingWriter
	if err := writeRootfs(&size, spec); err != nil {
		return err
	}
	tw := tar.NewWriter(w)
	df := spec.dockerfile()
	if err := tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))}); err != nil {
		return err
	}
	if _, err := io.WriteString(tw, df); err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: rootfsName, Mode: 0o644, Size: int64(size)}); err != nil {
		return err
	}
	if err := writeRootfs(tw, spec); err != nil {
		return err
	}
	return tw.Close()
}

// countingWriter counts what is written to it and keeps nothing.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
