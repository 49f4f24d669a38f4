// Command jsbench-pause is the pod sandbox of the local Kubernetes
// cluster (scripts/cluster.sh): the process that holds a pod's namespaces
// open. It sleeps until SIGTERM or SIGINT and exits 0, as Kubernetes's
// own pause image does; it is built here because no registry is reachable.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
}
