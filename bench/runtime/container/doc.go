// Package container is the container runtime of the runner: it starts a
// controller from an image on Docker through testcontainers-go, streams
// its log with Docker's own timestamps, and removes what it created. It
// also builds the simulated controller's image locally (nothing is pulled)
// and sweeps what a killed jsbench left behind.
//
// It is the only package of jsbench that imports Docker or testcontainers.
// testcontainers' reaper container cannot be pulled everywhere, so it is
// disabled and every container, volume and image jsbench creates carries
// LabelManaged and LabelPID instead; Sweep removes those of dead processes.
package container
