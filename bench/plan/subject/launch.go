// Package subject describes what jsbench starts: the built-in simulated
// controller, a Jenkins container image or a jenkins.war. A Launch is
// plain data that a runtime (bench/runtime/container or bench/runtime/process) turns into
// a running controller.
package subject

import (
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// Kinds of subject.
const (
	KindSim   = "sim"
	KindImage = "image"
	KindWar   = "war"
)

// ContainerHome is where the official Jenkins image expects JENKINS_HOME.
const ContainerHome = "/var/jenkins_home"

// JenkinsUID and JenkinsGID are the ids the official image runs as; the
// home must be writable for them.
const (
	JenkinsUID = 1000
	JenkinsGID = 1000
)

// Launch is everything a runtime needs to start one controller.
type Launch struct {
	Kind string
	// Image is the container image (container runtime).
	Image string
	// Command is the program and its arguments (process runtime), or the
	// arguments given to the image's entrypoint (container runtime).
	Command []string
	// SimArgs are the simulated controller's arguments when Kind is
	// KindSim and neither Image nor Command is set: its workload settings
	// and calibration. The runtime adds its program or image and the port.
	SimArgs []string
	// Env holds extra environment variables, JAVA_OPTS among them.
	Env map[string]string
	// HomeDir is JENKINS_HOME as a directory on the host. The container
	// runtime bind-mounts it at ContainerHome.
	HomeDir string
	// HomeReadOnly mounts the home read-only (a volume with readOnly:
	// true); only the container runtime can.
	HomeReadOnly bool
	// DockerVolume, when set instead of HomeDir, is a named Docker volume
	// the container runtime creates with the given driver options (NFS,
	// EFS) and mounts at ContainerHome.
	DockerVolume *homemount.DockerVolume
	// User is "uid:gid" for containers; empty keeps the image's user.
	User string
	// HTTPPort is the port the controller listens on inside its network
	// namespace (process runtime: on the host); zero lets the runtime
	// choose (HTTPPort in a container or pod, a free port for a process,
	// which then adds the port's flag to Command).
	HTTPPort int
	// CPUs and MemoryBytes limit a container as a Kubernetes pod's limits
	// would; zero means no limit.
	CPUs        float64
	MemoryBytes int64
	// Labels mark everything the runtime creates, so a later start can
	// sweep what a killed one left behind.
	Labels map[string]string
	// Kubernetes, Claim and Restore are read by the Kubernetes runtime
	// only: where the pod runs, the claim of a pvc volume (instead of
	// HomeDir), and a restore by init container.
	Kubernetes *Kubernetes
	Claim      *homemount.Claim
	Restore    *homemount.Restore
	// Cache, when set, asks for the WebrootCache layout: the runtime
	// gives the simulated controller an empty node-local cache and its
	// --webroot there. Nil extracts into the home (WebrootHome).
	Cache *Cache
}

// HTTPPort is the port a controller listens on inside its container or
// pod, Jenkins's default.
const HTTPPort = 8080

// HTTPPortFlag is the controller's flag for its HTTP port (Winstone's).
func HTTPPortFlag(port int) string { return "--httpPort=" + strconv.Itoa(port) }

// StandInRepository is the image name scenarios give for the stand-in of
// the official image (bench/runtime/container builds it under that name).
const StandInRepository = "jsbench/jenkins-standin"

// IsStandIn tells whether an image reference names the stand-in.
func IsStandIn(image string) bool {
	repo, _, _ := strings.Cut(image, ":")
	return repo == StandInRepository
}
