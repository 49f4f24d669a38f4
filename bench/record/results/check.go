package results

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// MaxDurationMS bounds a plausible duration: about 31 years, the bound
// bench/analyze/stats applies too. A record with a longer one is no run
// (a corrupted or crafted line) and is left out with a warning by every
// reader, so that every format says the same of it.
const MaxDurationMS = 1e12

// checkRecord refuses a record whose durations no run can have: a
// negative, infinite or NaN duration, or a non-finite offset. JSON itself
// has no NaN or infinity, but a number too large for a float64 is one
// step from it, and a negative duration turns every statistic built on
// it into nonsense. n is the record's line, for the message.
func checkRecord(rec Record, n int) error {
	var bad []error
	eachDuration(rec, func(field string, v float64, offset bool) {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			bad = append(bad, fmt.Errorf("%s is %g: want a finite number of milliseconds", field, v))
		case v < 0 && !offset:
			bad = append(bad, fmt.Errorf("%s is %g: a duration cannot be negative", field, v))
		}
	})
	if err := errors.Join(bad...); err != nil {
		return fmt.Errorf("line %d: %w", n, err)
	}
	return nil
}

// implausible names the first duration of rec beyond MaxDurationMS, ""
// when there is none.
func implausible(rec Record) string {
	found := ""
	eachDuration(rec, func(field string, v float64, _ bool) {
		if found == "" && math.Abs(v) > MaxDurationMS {
			found = fmt.Sprintf("%s is %g ms, beyond %g ms (about 31 years)", field, v, MaxDurationMS)
		}
	})
	return found
}

// eachDuration calls f with every duration and offset of rec; offset is
// true for the values that may be negative.
func eachDuration(rec Record, f func(field string, v float64, offset bool)) {
	for _, d := range []struct {
		field string
		v     float64
	}{
		{"ready_ms", rec.ReadyMS}, {"log_ready_ms", rec.LogReadyMS}, {"http_ready_ms", rec.HTTPReadyMS},
		{"restore_ms", rec.RestoreMS}, {"recovery_ms", rec.RecoveryMS}, {"rto_ms", rec.RTOMS},
		{"home.populate_ms", rec.Home.PopulateMS},
	} {
		f(d.field, d.v, false)
	}
	for i, p := range rec.Phases {
		f(fmt.Sprintf("phases[%d].duration_ms", i), p.DurationMS, false)
		f(fmt.Sprintf("phases[%d].start_ms", i), p.StartMS, true)
	}
	for i, e := range rec.Events {
		f(fmt.Sprintf("events[%d].offset_ms", i), e.OffsetMS, true)
		f(fmt.Sprintf("events[%d].log_offset_ms", i), e.LogOffsetMS, true)
	}
	if p := rec.Probe; p != nil {
		for _, op := range slices.Sorted(maps.Keys(p.P50MS)) {
			f("probe.p50_ms."+op, p.P50MS[op], false)
		}
		f("probe.elapsed_ms", p.ElapsedMS, false)
	}
}

// readError names the line a read stopped at. A line longer than
// maxLineBytes is no record jsbench wrote (one holds at most a few
// hundred log lines): bufio's "token too long" would not say which.
func readError(err error, n int) error {
	if errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("line %d: longer than %d MiB, far more than a run's record holds: not a results.jsonl written by jsbench?", n, maxLineBytes>>20)
	}
	return fmt.Errorf("read results: line %d: %w", n, err)
}
