package csidriver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"
)

// Listener serves gRPC services on a unix socket.
type Listener struct {
	Socket string
	server *grpc.Server
	ln     net.Listener
}

// Listen binds socket (replacing a stale socket file a killed process
// left) with the services register adds.
func Listen(socket string, register func(*grpc.Server)) (*Listener, error) {
	if err := os.MkdirAll(filepath.Dir(socket), 0o755); err != nil {
		return nil, fmt.Errorf("listen on %s: %w", socket, err)
	}
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove stale socket %s: %w", socket, err)
	}
	ln, err := net.Listen("unix", socket)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", socket, err)
	}
	s := grpc.NewServer()
	register(s)
	l := &Listener{Socket: socket, server: s, ln: ln}
	go s.Serve(ln)
	return l, nil
}

// Close stops serving and removes the socket: the kubelet then
// deregisters a plugin whose registration socket it was.
func (l *Listener) Close() {
	l.server.Stop()
	os.Remove(l.Socket)
}

// ControllerServices registers the Identity and Controller services of
// d over store.
func ControllerServices(d Driver, store *Store) func(*grpc.Server) {
	return func(s *grpc.Server) {
		csi.RegisterIdentityServer(s, &Identity{Driver: d})
		csi.RegisterControllerServer(s, &Controller{Driver: d, Store: store})
	}
}

// NodeServices registers the Identity and Node services of n.
func NodeServices(n *Node) func(*grpc.Server) {
	return func(s *grpc.Server) {
		csi.RegisterIdentityServer(s, &Identity{Driver: n.Driver})
		csi.RegisterNodeServer(s, n)
	}
}

// RegistrationService registers r with the kubelet's plugin watcher API.
func RegistrationService(r *Registrar) func(*grpc.Server) {
	return func(s *grpc.Server) { registerapi.RegisterRegistrationServer(s, r) }
}
