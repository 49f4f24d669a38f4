// Package calibrate makes the simulated controller start like a real
// Jenkins whose log a user has: a what-if for storage the user has not
// moved to yet. It sits beside bench/measure/runner, which measures; this package
// only computes and is pure (it takes parsed logs and measured phases and
// returns values).
//
// The simulated controller does Jenkins's file work but little of its CPU
// work, so on its own its log reaches fully up on local disk in under a
// second, where the real starts in ../shared/fixtures and
// ../shared/calibration.md take 7–71 s: its absolute figures answer
// nothing. A log of a start on local disk says how long each phase took
// there. What the simulated controller's own local-disk start does not
// take of that time is CPU and waiting, which does not depend on the
// storage: Plan.Extra spends it, phase by phase, on every volume, and the
// file work itself is done for real on each volume. So the simulated
// local-disk start lands on the log's phases, and a slower storage adds
// exactly what its file operations cost.
//
// The workload follows what the log and the home say: the war's size and
// entries from the Jenkins version in the log (../shared/calibration.md),
// the plugins and jobs from the scenario's home, which the simulated
// controller reads.
package calibrate
