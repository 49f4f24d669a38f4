package results

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// checkRecord refuses a record whose durations no run can have: a
// negative, infinite or NaN duration, or a non-finite offset. JSON itself
// has no NaN or infinity, but a number too large for a float64 is one
// step from it, and a negative duration turns every statistic built on
// it into nonsense. n is the record's line, for the message.
func checkRecord(rec Record, n int) error {
	var bad []error
	check := func(field string, v float64, offset bool) {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			bad = append(bad, fmt.Errorf("%s is %g: want a finite number of milliseconds", field, v))
		case v < 0 && !offset:
			bad = append(bad, fmt.Errorf("%s is %g: a duration cannot be negative", field, v))
		}
	}
	for _, d := range []struct {
		field string
		v     float64
	}{
		{"ready_ms", rec.ReadyMS}, {"log_ready_ms", rec.LogReadyMS}, {"http_ready_ms", rec.HTTPReadyMS},
		{"restore_ms", rec.RestoreMS}, {"recovery_ms", rec.RecoveryMS}, {"rto_ms", rec.RTOMS},
		{"home.populate_ms", rec.Home.PopulateMS},
	} {
		check(d.field, d.v, false)
	}
	for i, p := range rec.Phases {
		check(fmt.Sprintf("phases[%d].duration_ms", i), p.DurationMS, false)
		check(fmt.Sprintf("phases[%d].start_ms", i), p.StartMS, true)
	}
	for i, e := range rec.Events {
		check(fmt.Sprintf("events[%d].offset_ms", i), e.OffsetMS, true)
		check(fmt.Sprintf("events[%d].log_offset_ms", i), e.LogOffsetMS, true)
	}
	if p := rec.Probe; p != nil {
		for _, op := range slices.Sorted(maps.Keys(p.P50MS)) {
			check("probe.p50_ms."+op, p.P50MS[op], false)
		}
		check("probe.elapsed_ms", p.ElapsedMS, false)
	}
	if err := errors.Join(bad...); err != nil {
		return fmt.Errorf("line %d: %w", n, err)
	}
	return nil
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
