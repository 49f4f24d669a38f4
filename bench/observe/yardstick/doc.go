// Package yardstick is jsbench's reference workload: the same CPU and
// small-file work every time, a few hundred milliseconds, run by the
// runner just before each run and just after its cleanup. How long it
// takes says how fast the host was at that moment, whatever the subject
// does: a run whose yardstick was slow, or got less CPU than it asked
// for, was taken on a busy host (bench/analyze/noise judges it).
//
// The CPU part runs one worker per CPU, so that any other runnable task
// takes CPU time from it; the file part creates, stats, reads, lists and
// removes small files on local disk through the page cache, as a
// Jenkins start does, without fsync (a device flush would measure the
// disk's other writers more than the host). Before either, the file
// system settles (Settle): what the run wrote and removed there is
// written back first, so that a subject's own file work cannot pass for
// a slow host.
package yardstick
