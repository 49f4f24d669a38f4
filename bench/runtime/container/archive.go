package container

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"runtime"
)

// WriteArchive writes spec as an image archive in the layout `docker
// save` writes (manifest.json, the config, one layer), which `ctr images
// import` and `docker load` read. No daemon is involved: this is how a
// cluster without a registry gets jsbench's images. The layer is the same
// root file system BuildImage sends to Docker, written twice (first only
// to learn its digest and size) rather than held in memory.
func WriteArchive(w io.Writer, spec ImageSpec) error {
	if err := spec.check(); err != nil {
		return err
	}
	layerSum, layerSize, err := rootfsDigest(spec)
	if err != nil {
		return err
	}
	config, err := spec.imageConfig(layerSum)
	if err != nil {
		return err
	}
	configSum := sha256.Sum256(config)
	configName := hex.EncodeToString(configSum[:]) + ".json"
	layerName := layerSum + "/layer.tar"
	manifest, err := json.Marshal([]map[string]any{{
		"Config": configName, "RepoTags": []string{spec.Tag}, "Layers": []string{layerName},
	}})
	if err != nil {
		return fmt.Errorf("write image archive %q: %w", spec.Tag, err)
	}
	tw := tar.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{configName, config}, {"manifest.json", manifest}} {
		if err := writeArchiveFile(tw, f.name, f.data); err != nil {
			return fmt.Errorf("write image archive %q: %w", spec.Tag, err)
		}
	}
	if err := tw.WriteHeader(&tar.Header{Name: layerName, Mode: 0o644, Size: layerSize, ModTime: epoch}); err != nil {
		return fmt.Errorf("write image archive %q: %w", spec.Tag, err)
	}
	if err := writeRootfs(tw, spec); err != nil {
		return fmt.Errorf("write image archive %q: %w", spec.Tag, err)
	}
	return tw.Close()
}

// rootfsDigest is the hex SHA-256 and size of the layer.
func rootfsDigest(spec ImageSpec) (string, int64, error) {
	h := sha256.New()
	var n countingWriter
	if err := writeRootfs(io.MultiWriter(h, &n), spec); err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), int64(n), nil
}

// imageConfig is the image's configuration as the OCI image spec has it.
func (spec ImageSpec) imageConfig(layerSum string) ([]byte, error) {
	labels := maps.Clone(spec.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[LabelManaged] = "true"
	cfg := map[string]any{
		"architecture": runtime.GOARCH,
		"os":           "linux",
		"created":      epoch.UTC(),
		"config": map[string]any{
			"Entrypoint": spec.Entrypoint,
			"User":       spec.User,
			"Env":        []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
			"Labels":     labels,
		},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + layerSum}},
	}
	return json.Marshal(cfg)
}

func writeArchiveFile(tw *tar.Writer, name string, data []byte) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: epoch}); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}
