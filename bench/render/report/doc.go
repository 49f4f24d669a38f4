// Package report renders what jsbench found: it is the last stage of the
// pipeline, after bench/analyze/stats (summaries) and bench/analyze/compare (verdicts).
// Build makes one Model from the records; each format is a thin function
// of the Model that writes to an io.Writer: Text, JSON, Markdown (a
// GitHub job summary or pull-request comment), JUnit XML (one testcase per
// scenario × volume × phase, for Jenkins' junit step), CSV and Go
// benchmark text (for benchstat). The package is pure: it never opens
// files, reads the clock or prints on its own.
package report
