package simulator

import (
	"fmt"
	mathrand "math/rand/v2"
	"os"
	"path/filepath"
)

// atomicWrite saves as Jenkins's AtomicFileWriter: write a temporary file
// beside path, force it to disk, rename it over path.
func atomicWrite(path string, data []byte) error {
	// Named as Files.createTempFile(dir, "atomic", "tmp") names it.
	name := filepath.Join(filepath.Dir(path), fmt.Sprintf("atomic%dtmp", mathrand.Uint64()))
	tmp, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

func plainWrite(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
