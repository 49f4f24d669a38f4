package jenkinslog

import (
	"fmt"
	"time"
)

// stamp is a timestamp read from a line. unixMS drives the clock of a
// start without building a time.Time for every line; t is built only for
// lines that become events.
type stamp struct {
	unixMS int64
	nanos  int32 // sub-millisecond part, for wrapper timestamps
	offset int32 // seconds east of UTC
	// res is the resolution the stamp was written with: a second for the
	// two-line format, Winstone and short journal prefixes, a millisecond
	// for Jenkins's current format, finer for wrappers. Zero means a
	// millisecond.
	res   time.Duration
	valid bool
}

// resolution is the stamp's resolution, a millisecond when unset.
func (s stamp) resolution() time.Duration {
	if s.res == 0 {
		return time.Millisecond
	}
	return s.res
}

// coarse tells one-second timestamps (two-line format, Winstone, short
// journal prefixes) from finer ones.
func (s stamp) coarse() bool { return s.resolution() >= time.Second }

// unixNS is the stamp in nanoseconds since the Unix epoch.
func (s stamp) unixNS() int64 { return s.unixMS*1e6 + int64(s.nanos) }

// time builds the time.Time of s in the zone it was written in.
func (s stamp) time(z *zones) time.Time {
	if !s.valid {
		return time.Time{}
	}
	sec, ms := s.unixMS/1000, s.unixMS%1000
	if ms < 0 {
		sec, ms = sec-1, ms+1000
	}
	return time.Unix(sec, ms*1e6+int64(s.nanos)).In(z.fixed(int(s.offset)))
}

// daysFromCivil converts a proleptic Gregorian date to days since
// 1970-01-01 (Howard Hinnant's algorithm): cheap enough for every line.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// civilMS returns the Unix milliseconds of a wall-clock time written with
// a known offset (seconds east of UTC).
func civilMS(y, mo, d, h, mi, s, ms, offset int) int64 {
	days := daysFromCivil(y, mo, d)
	secs := days*86400 + int64(h*3600+mi*60+s) - int64(offset)
	return secs*1000 + int64(ms)
}

// validCivil rejects dates and times that time.Date would normalize.
func validCivil(y, mo, d, h, mi, s int) bool {
	if y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60 {
		return false
	}
	return d <= daysIn(y, mo)
}

func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// localStamp reads a wall-clock time without offset in loc.
func localStamp(loc *time.Location, y, mo, d, h, mi, s int, res time.Duration) stamp {
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, loc)
	_, off := t.Zone()
	return stamp{unixMS: t.UnixMilli(), offset: int32(off), res: res, valid: true}
}

// zones caches fixed zones by offset, so that events of a log written at
// +0000 all share one *time.Location.
type zones struct {
	byOffset map[int]*time.Location
}

func (z *zones) fixed(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if loc, ok := z.byOffset[offset]; ok {
		return loc
	}
	if z.byOffset == nil {
		z.byOffset = map[int]*time.Location{}
	}
	sign, abs := '+', offset
	if offset < 0 {
		sign, abs = '-', -offset
	}
	loc := time.FixedZone(fmt.Sprintf("%c%02d%02d", sign, abs/3600, abs%3600/60), offset)
	z.byOffset[offset] = loc
	return loc
}

// backJump is how far the clock may step back before it is reported:
// records of concurrent threads reach the log a few milliseconds out of
// order, which is no clock change.
const backJump = int64(time.Second) // ns

// monotone is the clock of one start, in nanoseconds. It never goes
// backwards: a time earlier than the latest one is held at the latest
// time, and a step back of backJump or more is reported and absorbed
// (the time after the jump continues from where the clock was).
type monotone struct {
	started bool
	origin  int64 // ns, on the adjusted clock
	latest  int64 // ns, on the adjusted clock
	skew    int64 // ns added to every raw time after backward jumps
}

// advance feeds a raw time in ns and returns its offset from the origin
// in ns and, when the clock jumped back, by how much (0 otherwise).
func (m *monotone) advance(raw int64) (offset int64, jumped int64) {
	t := raw + m.skew
	if !m.started {
		m.started, m.origin, m.latest = true, t, t
		return 0, 0
	}
	if t < m.latest-backJump {
		jumped = m.latest - t
		m.skew += jumped
		t = m.latest
	}
	if t < m.latest {
		t = m.latest
	}
	m.latest = t
	return t - m.origin, jumped
}

// nsToMS converts a clock offset to the milliseconds of Event and Phase.
func nsToMS(ns int64) float64 { return float64(ns) / 1e6 }
