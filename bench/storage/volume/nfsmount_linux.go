package volume

import (
	"errors"

	"golang.org/x/sys/unix"
)

// mountNFS mounts an NFS export as Docker's local driver does: mount(2)
// with the text options, the server's address among them.
func mountNFS(source, target, data string) error {
	return unix.Mount(source, target, "nfs", 0, data)
}

// unmountNFS unmounts target, detaching it lazily when a process still
// holds it so that cleanup never hangs on a busy mount.
func unmountNFS(target string) error {
	err := unix.Unmount(target, 0)
	if errors.Is(err, unix.EBUSY) {
		err = unix.Unmount(target, unix.MNT_DETACH)
	}
	return err
}
