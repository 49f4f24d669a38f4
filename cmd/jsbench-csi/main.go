// Command jsbench-csi is the CSI driver of jsbench's local Kubernetes
// cluster: its stand-in for the EBS, EFS and NFS drivers, never a
// storage for users (see bench/storage/csidriver). One binary serves
// both of its drivers (block.csi.jsbench.local, with attach, and
// file.csi.jsbench.local, without):
//
//	jsbench-csi controller --root DIR --sockets DIR
//	jsbench-csi node --root DIR --kubelet-dir DIR --node NAME [--zone ZONE]
//
// controller serves the Identity and Controller services of each driver
// on DIR/block.sock and DIR/file.sock, for the external-provisioner,
// external-attacher and csi-snapshotter beside it in the pod. node serves
// the Identity and Node services under the kubelet's plugins/ directory
// and registers each driver with the kubelet through its
// plugins_registry/ directory; it reads the node's zone from its
// topology.kubernetes.io/zone label unless --zone names it. Both run
// until SIGTERM; node then unmounts what it mounted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/jsbench/jsbench/bench/storage/csidriver"
)

// zoneWait bounds how long the node plugin waits for its node's zone
// label.
const zoneWait = 2 * time.Minute

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	logger := log.New(stderr, "jsbench-csi: ", log.LstdFlags|log.Lmicroseconds)
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: jsbench-csi controller|node [flags]")
		return 2
	}
	var err error
	switch args[0] {
	case "controller":
		err = controller(ctx, args[1:], stderr, logger)
	case "node":
		err = node(ctx, args[1:], stderr, logger)
	default:
		fmt.Fprintf(stderr, "jsbench-csi: unknown mode %q: want controller or node\n", args[0])
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		logger.Print(err)
		return 1
	}
	return 0
}

func controller(ctx context.Context, args []string, stderr io.Writer, logger *log.Logger) error {
	fs := flag.NewFlagSet("jsbench-csi controller", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "directory of the volumes and snapshots (the same on every node)")
	sockets := fs.String("sockets", "", "directory of the drivers' sockets (block.sock, file.sock)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *root == "" || *sockets == "" {
		return fmt.Errorf("controller: --root and --sockets are required")
	}
	store, err := csidriver.OpenStore(*root)
	if err != nil {
		return err
	}
	for _, d := range []csidriver.Driver{csidriver.BlockDriver, csidriver.FileDriver} {
		l, err := csidriver.Listen(filepath.Join(*sockets, socketName(d)), csidriver.ControllerServices(d, store))
		if err != nil {
			return err
		}
		defer l.Close()
		logger.Printf("controller of %s on %s", d.Name, l.Socket)
	}
	<-ctx.Done()
	return nil
}

func socketName(d csidriver.Driver) string {
	if d.Attach {
		return "block.sock"
	}
	return "file.sock"
}

func node(ctx context.Context, args []string, stderr io.Writer, logger *log.Logger) error {
	fs := flag.NewFlagSet("jsbench-csi node", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "directory of the volumes and snapshots (the same on every node)")
	kubelet := fs.String("kubelet-dir", "/var/lib/kubelet", "the kubelet's root directory")
	name := fs.String("node", os.Getenv("NODE_NAME"), "this node's name (default $NODE_NAME)")
	zone := fs.String("zone", "", "this node's zone (default: its "+csidriver.ZoneKey+" label)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *root == "" || *name == "" {
		return fmt.Errorf("node: --root and --node are required")
	}
	store, err := csidriver.OpenStore(*root)
	if err != nil {
		return err
	}
	if *zone == "" {
		zctx, cancel := context.WithTimeout(ctx, zoneWait)
		*zone, err = csidriver.NodeZone(zctx, *name)
		cancel()
		if err != nil {
			return err
		}
	}
	for _, d := range []csidriver.Driver{csidriver.BlockDriver, csidriver.FileDriver} {
		n := &csidriver.Node{Driver: d, Store: store, NodeID: *name, Zone: *zone}
		stop, err := serveNode(n, *kubelet, logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	logger.Printf("node %s (zone %s) serving both drivers", *name, *zone)
	<-ctx.Done()
	return nil
}

// serveNode serves n's CSI socket and registers it with the kubelet; the
// returned function deregisters it, unmounts its volumes and stops.
func serveNode(n *csidriver.Node, kubelet string, logger *log.Logger) (func(), error) {
	endpoint := filepath.Join(kubelet, "plugins", n.Driver.Name, "csi.sock")
	csiL, err := csidriver.Listen(endpoint, csidriver.NodeServices(n))
	if err != nil {
		return nil, err
	}
	reg := &csidriver.Registrar{Driver: n.Driver, Endpoint: endpoint, Status: func(err error) {
		if err != nil {
			logger.Print(err)
			return
		}
		logger.Printf("registered %s with the kubelet", n.Driver.Name)
	}}
	regL, err := csidriver.Listen(filepath.Join(kubelet, "plugins_registry", n.Driver.Name+"-reg.sock"), csidriver.RegistrationService(reg))
	if err != nil {
		csiL.Close()
		return nil, err
	}
	return func() {
		regL.Close()
		if err := n.UnmountAll(); err != nil {
			logger.Print(err)
		}
		csiL.Close()
	}, nil
}
