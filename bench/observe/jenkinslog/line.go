package jenkinslog

import "time"

// Line is one line of log text as the harness received it. Received is
// the moment of receipt by the harness's (or Docker's) clock, zero when
// unknown (a log file read after the fact).
type Line struct {
	Text     string
	Received time.Time
}
