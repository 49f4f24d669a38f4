// Package host measures what the machine does while jsbench measures:
// CPU time by kind (steal, iowait, busy) and by whom (the subject, jsbench
// itself, everything else), the run queue and load average, pressure
// stall information (PSI) where the kernel has it, and the CFS throttling
// of the subject's cgroup (cgroup v1, hybrid or v2).
//
// It sits beside the runner: the runner watches the host from the
// subject's start to its readiness, and bench/observe/yardstick reads the host
// around its reference workload. The figures land in each run's record
// (results.Host), where bench/analyze/noise judges whether the run was taken on
// a busy host. Parsing (Parse*) is pure and takes the bytes of /proc and
// /sys files; Take, Watch and the cgroup lookup read them.
package host
