// Package noise judges whether runs were taken on a busy host, from the
// host figures each record carries (results.Host: the reference
// workload before and after the run, the host's CPU, steal and pressure
// during it). It sits between the records and their judges: bench/analyze/compare
// turns a verdict on a busy host into "inconclusive", and the reports
// mark the runs. It is pure: records in, assessment out; nothing is
// dropped, busy runs are named.
//
// A run is busy when any of these holds (the bounds are the constants
// below, each with its reason):
//   - the reference workload, before or after the run, got less than
//     MinCPUSharePct of the CPU time its workers asked for;
//   - the reference workload took more than MaxReferenceSlowdown times
//     its fastest time in the same session;
//   - during the run, work other than the subject and jsbench used more
//     than MaxOthersCPUPct of the machine;
//   - the hypervisor stole more than MaxStealPct of the CPUs;
//   - memory stalled every task (PSI "memory full") more than
//     MaxMemoryFullPct of the time.
//
// The subject's CFS throttling and the run queue are reported but not
// judged: a subject with a CPU limit is throttled by its own limit, and
// it fills the run queue itself.
package noise
