package container

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrMissingTool means a program an image is built from is not installed
// on this host; the error names the Debian package.
var ErrMissingTool = errors.New("program missing on this host")

// hostTool is a program copied from the host into an image: the first
// of Candidates found on PATH lands at Path.
type hostTool struct {
	Path       string
	Candidates []string
	// Package is the Debian package that installs it.
	Package string
}

// hostFiles returns the image files that run tools as they run on this
// host: each program at its Path, and every shared library ldd lists
// for it at the path ldd gives (the dynamic loader included), so that
// the image holds the host's own bash, coreutils and unzip with their
// libc. It reads, it copies nothing.
func hostFiles(ctx context.Context, tools []hostTool) (map[string]string, error) {
	files := map[string]string{}
	var missing []string
	for _, tool := range tools {
		bin := lookTool(tool.Candidates)
		if bin == "" {
			missing = append(missing, tool.Package)
			continue
		}
		files[tool.Path] = bin
		libs, err := sharedLibraries(ctx, bin)
		if err != nil {
			return nil, err
		}
		for _, lib := range libs {
			real, err := filepath.EvalSymlinks(lib)
			if err != nil {
				return nil, fmt.Errorf("resolve library %q of %q: %w", lib, bin, err)
			}
			files[lib] = real
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: install them with apt-get install %s", ErrMissingTool, strings.Join(dedupe(missing), " "))
	}
	return files, nil
}

// lookTool returns the first candidate found on PATH, its symbolic links
// resolved, or "".
func lookTool(candidates []string) string {
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			if real, err := filepath.EvalSymlinks(p); err == nil {
				return real
			}
		}
	}
	return ""
}

// sharedLibraries lists the libraries bin loads, as ldd resolves them; a
// static program has none.
func sharedLibraries(ctx context.Context, bin string) ([]string, error) {
	out, err := exec.CommandContext(ctx, "ldd", bin).CombinedOutput()
	if bytes.Contains(out, []byte("not a dynamic executable")) || bytes.Contains(out, []byte("statically linked")) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the libraries of %q with ldd: %w: %s", bin, err, bytes.TrimSpace(out))
	}
	return parseLDD(out)
}

// parseLDD reads ldd's lines: "libc.so.6 => /lib/…/libc.so.6 (0x…)" and
// "/lib64/ld-linux-x86-64.so.2 (0x…)"; the vDSO has no file.
func parseLDD(out []byte) ([]string, error) {
	var libs []string
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 3 && fields[1] == "=>":
			if fields[2] == "not" {
				return nil, fmt.Errorf("library %q not found (ldd: %s)", fields[0], strings.TrimSpace(line))
			}
			if strings.HasPrefix(fields[2], "/") {
				libs = append(libs, fields[2])
			}
		case len(fields) >= 1 && strings.HasPrefix(fields[0], "/"):
			libs = append(libs, fields[0])
		}
	}
	return libs, nil
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
