// Package subject describes what jsbench starts: the built-in simulated
// controller, a Jenkins container image or a jenkins.war. A Launch is
// plain data that a runtime (bench/container or bench/process) turns into
// a running controller.
package subject

// Kinds of subject.
const (
	KindSim   = "sim"
	KindImage = "image"
	KindWar   = "war"
)

// Runtimes a subject can run in.
const (
	RuntimeContainer = "container"
	RuntimeProcess   = "process"
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
	DockerVolume *DockerVolume
	// User is "uid:gid" for containers; empty keeps the image's user.
	User string
	// HTTPPort is the port the controller listens on inside its network
	// namespace (process runtime: on the host).
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
	Claim      *Claim
	Restore    *Restore
}

// DockerVolume is a named volume of Docker's local driver with mount
// options, as `docker volume create --opt type=nfs --opt o=… --opt device=…`.
type DockerVolume struct {
	Name       string
	DriverOpts map[string]string
}
