// Package noise judges whether runs were taken on a busy host, from the
// host figures each record carries (results.Host: the reference
// workload before and after the run, the host's CPU, steal and pressure
// during it). It sits between the records and their judges: bench/analyze/compare
// turns a verdict on a busy host into "inconclusive", and the reports
// mark the runs. It is pure: records in, assessment out; nothing is
// dropped, busy runs are named.
//
// A host is rarely idle: a CI agent has its daemons, a machine may keep
// a cluster's control plane up. Each session's steady state (Session:
// the typical reference workload time, the typical share of the machine
// other work used) is the host's normal state, and runs are judged
// against it, so that a steady light load is told from contention that
// comes and goes. A run is busy when any of these holds (the bounds are
// the constants below, each with its reason):
//   - contention around the run: the reference workload, both before
//     and after it, got less than MinCPUSharePct of the CPU time its
//     workers asked for or took more than MaxReferenceSlowdown times the
//     session's typical time (one slow reference alone is a moment of
//     the host, which a start of seconds averages away);
//   - contention during the run: work other than the subject and jsbench
//     used more than MaxOthersCPUPct points of the machine above the
//     session's steady level;
//   - heavy load all along: the steady level itself is above
//     MaxSteadyOthersPct, or the reference workload typically got less
//     than MinCPUSharePct of the CPU (every run of the session);
//   - the hypervisor stole more than MaxStealPct of the CPUs;
//   - memory stalled every task (PSI "memory full") more than
//     MaxMemoryFullPct of the time.
//
// The subject's CFS throttling and the run queue are reported but not
// judged: a subject with a CPU limit is throttled by its own limit, and
// it fills the run queue itself.
package noise
