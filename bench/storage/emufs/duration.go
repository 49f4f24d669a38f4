package emufs

import (
	"fmt"
	"time"
)

// Duration is a time.Duration that YAML and JSON spell as text ("410us",
// "1.75ms", "30s") rather than as a count of nanoseconds.
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats d as time.Duration does.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText spells d as time.Duration's String does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a duration such as "410us" or "1.75ms".
func (d *Duration) UnmarshalText(text []byte) error {
	v, err := time.ParseDuration(string(text))
	if err != nil {
		return fmt.Errorf("parse duration %q: %w", text, err)
	}
	*d = Duration(v)
	return nil
}

// us and ms write the shipped profiles' figures in the unit their
// sources use.
func us(n float64) Duration { return Duration(n * float64(time.Microsecond)) }
func ms(n float64) Duration { return Duration(n * float64(time.Millisecond)) }
