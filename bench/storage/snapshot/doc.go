// Package snapshot archives a JENKINS_HOME and restores it onto a fresh
// volume before a run. Restoring a backup is how a real controller gets
// its home back after a node is lost (a Velero or cron backup in S3, an
// init container pulling a tarball), so the restore is measured as a
// phase of its own: the time spent waiting on the source (fetch) apart
// from the time spent decompressing and writing files (extract).
//
// Archives are tar streams, plain, gzip- or zstd-compressed. Create
// writes them deterministically (sorted entries, no access times, no
// user names); Restore streams them from a file, an HTTP(S) URL or S3
// without a copy on local disk first, and refuses entries that would
// land outside the destination.
package snapshot
