// Package emufs emulates network and block storage for JENKINS_HOME: a
// FUSE loopback over a local directory that delays every operation the
// way a profiled storage would (an NFS server on a LAN, EFS, EBS gp2/gp3,
// a volume restored from a snapshot, an overloaded filer).
//
// It sits at the volume stage of the pipeline: the emulated volume kind
// (bench/storage/volume) mounts it over a fresh backing directory, the subject
// sees the mount point as JENKINS_HOME, and the runner unmounts it when
// the run is over. A mount is a client of the emulated storage: it
// starts cold, and Server.NewClient makes it cold again when a new
// controller mounts the volume anew (a failover's pod, a restart's
// container) while the mount on the host stays. Profiles are data
// (Profile), so a scenario can define its own; the shipped ones cite
// ../shared/calibration.md (see PROFILES.md). FIDELITY.md records how
// closely the delays are met, and what a restart costs.
//
// This is the only package of jsbench that imports go-fuse.
package emufs
