// Package history keeps accepted baselines for the nightly regression
// gate: it stores a results.jsonl with what is known about where it came
// from, and points at the one that jsbench compare measures against. It
// sits beside bench/record/results, at the edge of the pipeline: it reads and
// writes files but computes nothing.
//
// Layout of a history directory:
//
//	HISTORY/
//	  baseline                      one line: the name of the accepted entry
//	  2026-05-01-nightly/           one entry per accepted run, <date>-<label>
//	    results.jsonl               the records, byte for byte as measured
//	    meta.json                   Meta: date, label, commit, version,
//	                                subjects, record count, environment
//	  2026-04-12-2.504.1/
//	    …
//
// Entries are never rewritten; accepting again adds an entry (with a -2,
// -3 … suffix on the same day and label) and moves the pointer, so the
// history doubles as a record of every baseline the gate has used. To go
// back to an older baseline, write its name into the baseline file.
package history
