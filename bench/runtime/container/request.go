package container

import (
	"fmt"
	"maps"
	"net/netip"
	"strconv"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// quiet keeps testcontainers from printing: a library returns what it
// knows, it does not print it.
var quiet = tclog.NewNoopLogger()

// loopback is where the controller's port is published: reachable by the
// harness, not by the network.
var loopback = netip.MustParseAddr("127.0.0.1")

// request turns a launch into a testcontainers request. No wait strategy
// is set: how long the controller takes to be ready is what jsbench
// measures, so the caller watches for it itself.
func (r *Runtime) request(launch subject.Launch) testcontainers.ContainerRequest {
	env := map[string]string{"JENKINS_HOME": subject.ContainerHome}
	maps.Copy(env, launch.Env)
	labels := maps.Clone(launch.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	maps.Copy(labels, r.labels)
	port := httpPortOf(launch.HTTPPort)
	return testcontainers.ContainerRequest{
		Image:        launch.Image,
		Cmd:          launch.Command,
		Env:          env,
		Labels:       labels,
		ExposedPorts: []string{port.String()},
		ConfigModifier: func(c *container.Config) {
			c.User = launch.User
			c.StopSignal = "SIGTERM"
		},
		HostConfigModifier: func(h *container.HostConfig) {
			h.Mounts = append(h.Mounts, homeMount(launch))
			if c := launch.Cache; c != nil { // the Helm chart's emptyDir: node-local, empty at every start
				h.Mounts = append(h.Mounts, mount.Mount{Type: mount.TypeBind, Source: c.HostDir, Target: subject.ContainerCache})
			}
			h.PortBindings = network.PortMap{port: {{HostIP: loopback}}}
			h.NanoCPUs = int64(launch.CPUs * 1e9)
			h.Memory = launch.MemoryBytes
		},
	}
}

// httpPortOf is the controller's TCP port inside the container; check
// has made sure it is valid.
func httpPortOf(port int) network.Port {
	p, _ := network.ParsePort(strconv.Itoa(port) + "/tcp")
	return p
}

// check refuses a launch this runtime cannot start, naming every problem.
func check(launch subject.Launch) error {
	var problems []string
	if launch.HTTPPort < 1 || launch.HTTPPort > 65535 {
		problems = append(problems, fmt.Sprintf("http port %d is not a TCP port", launch.HTTPPort))
	}
	if launch.HomeDir == "" && launch.DockerVolume == nil {
		problems = append(problems, "no JENKINS_HOME: neither a host directory nor a Docker volume")
	}
	if launch.DockerVolume != nil && launch.DockerVolume.Name == "" {
		problems = append(problems, "docker volume without a name")
	}
	if len(problems) > 0 {
		return fmt.Errorf("check launch of %q: %s", launch.Image, strings.Join(problems, "; "))
	}
	return nil
}

// homeMount mounts JENKINS_HOME: the named volume when there is one, else
// the host directory.
func homeMount(launch subject.Launch) mount.Mount {
	if v := launch.DockerVolume; v != nil {
		return mount.Mount{Type: mount.TypeVolume, Source: v.Name, Target: subject.ContainerHome, ReadOnly: launch.HomeReadOnly}
	}
	return mount.Mount{Type: mount.TypeBind, Source: launch.HomeDir, Target: subject.ContainerHome, ReadOnly: launch.HomeReadOnly}
}
