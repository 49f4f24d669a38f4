package subject

import "path/filepath"

// Where the simulated controller extracts the WAR (a scenario's
// sim.webroot), the two layouts ../shared/calibration.md names ("Where
// the WAR is extracted").
const (
	// WebrootHome extracts into $JENKINS_HOME/war, on the home's
	// volume, as `java -jar` and the official image do: a restart
	// skips the extraction while war/.timestamp matches the WAR, and
	// reads the web application's jars from the volume.
	WebrootHome = "home"
	// WebrootCache extracts into CacheWebroot, on node-local scratch
	// storage that every new pod gets empty, as the official Helm chart
	// does (--webroot=/var/jenkins_cache/war on an emptyDir): every
	// start extracts the whole WAR again, onto the node's disk, and
	// reads its jars from there.
	WebrootCache = "cache"
)

// ContainerCache is where the Helm chart mounts the controller's cache
// (an emptyDir), and CacheWebroot the webroot it gives Jenkins there.
const (
	ContainerCache = "/var/jenkins_cache"
	CacheWebroot   = ContainerCache + "/war"
)

// Cache is the node-local scratch directory of the WebrootCache layout,
// empty at every start.
type Cache struct {
	// HostDir is a fresh directory on this machine's disk, writable by
	// the subject, for the runtimes that run the controller here: the
	// container runtime bind-mounts it at ContainerCache, the process
	// runtime extracts into it. The Kubernetes runtime gives the pod an
	// emptyDir at ContainerCache instead, on whatever node it runs.
	HostDir string
}

// ContainerFlag is the simulated controller's --webroot inside a
// container or pod whose cache is mounted at ContainerCache.
func (Cache) ContainerFlag() string { return "--webroot=" + CacheWebroot }

// HostFlag is the simulated controller's --webroot when it runs as a
// process on this machine.
func (c Cache) HostFlag() string { return "--webroot=" + filepath.Join(c.HostDir, "war") }
