//go:build !linux

package volume

import "errors"

var errNFSUnsupported = errors.New("mounting NFS from jsbench works on Linux only; use mount: docker")

func mountNFS(source, target, data string) error { return errNFSUnsupported }

func unmountNFS(target string) error { return errNFSUnsupported }
