// Package runner is the one sequencer of side effects in jsbench: for each
// run of a scenario it prepares a volume, populates JENKINS_HOME, starts
// the subject, observes its log until it is up (or fails, or times out),
// records the result and cleans up, in that order. Every other package
// does one of those steps when asked.
//
// Volumes are interleaved across iterations (A B C, A B C, …) so that
// drift of the machine does not favour one of them. Each finished run is
// handed to a Sink at once, so an interrupted suite keeps what it measured.
package runner
