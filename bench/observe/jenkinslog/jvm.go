package jenkinslog

import "bytes"

// msgKind sorts the records that matter to the borders between starts.
// The JVM kinds are lines that only a JVM starting Jenkins logs, in the
// order it logs them: Jetty 9's "Logging initialized @NNNms" (its
// uptime counts from the JVM's start), Winstone's war extraction, Jetty's
// version banner, WebAppMain's home directory and Jenkins's version.
// Each is logged once per JVM, all of them before the init reactor's
// first milestone.
type msgKind uint8

const (
	msgOther msgKind = iota
	msgLogging
	msgExtraction
	msgJetty
	msgHome
	msgVersion
	// msgInit is "Started initialization": the init reactor runs, at the
	// start of a JVM, and again in a running one for plugins installed
	// without a restart or a reload from disk.
	msgInit
	// msgShutdown is a line Jenkins, Winstone or Jetty logs while the JVM
	// stops.
	msgShutdown
)

// kindOf sorts a record's message; most records take the first test.
func kindOf(msg, logger []byte) msgKind {
	m := trimBlankRight(msg)
	if len(m) < 13 {
		return msgOther
	}
	switch m[0] {
	case 'L':
		if bytes.HasPrefix(m, []byte("Logging initialized @")) {
			return msgLogging
		}
	case 'B':
		if string(m) == "Beginning extraction from war file" {
			return msgExtraction
		}
	case 'j':
		if bytes.HasPrefix(m, []byte("jetty-")) {
			return msgJetty
		}
	case 'J':
		switch {
		case bytes.HasPrefix(m, homeDir):
			return msgHome
		case string(m) == "Jenkins stopped", bytes.HasPrefix(m, []byte("JVM is terminating. Shutting down")):
			return msgShutdown
		}
	case 'S':
		switch {
		case bytes.HasPrefix(m, []byte("Starting version ")):
			return msgVersion
		case string(m) == "Started initialization" && milestoneLogger(logger):
			return msgInit
		case string(m) == "Stopping Jenkins", string(m) == "Started termination",
			bytes.HasPrefix(m, []byte("Shutting down a Jenkins instance")), bytes.HasPrefix(m, []byte("Shutting down VM as requested")):
			return msgShutdown
		}
	case 'W':
		if bytes.HasPrefix(m, []byte("Winstone shutdown successfully")) {
			return msgShutdown
		}
	case 'R':
		if bytes.HasPrefix(m, []byte("Restarting VM as requested")) {
			return msgShutdown
		}
	}
	return msgOther
}

// jvmBit is the bit of a JVM kind in startState.jvmSeen.
func jvmBit(k msgKind) uint8 { return 1 << k }

// opens tells whether a record of kind k can only belong to a new start
// (doc.go lists the rules): a JVM line when the start already saw the
// same or a later one, or got further (a milestone, fully up, a failure,
// a shutdown; the HTTP port for the lines logged before it); "Started
// initialization" only after a shutdown, or again after a failure.
// Milestones in a running JVM with no JVM line before them are a plugin
// batch or a reload: the same start.
func (st *startState) opens(k msgKind) bool {
	switch {
	case k >= msgLogging && k <= msgVersion:
		later := st.jvmSeen &^ (jvmBit(k) - 1)
		return later != 0 || st.started(milestoneBits) || st.FullyUp || st.stop.Line > 0 ||
			(k < msgVersion && st.has(HTTPOpen))
	case k == msgInit:
		return st.stop.Line > 0 || (st.fatal && st.has(StartedInitialization))
	}
	return false
}

// noteKind records what a record of kind k says about the start: the JVM
// lines it saw, its first shutdown line, the init reactor's later runs.
func (st *startState) noteKind(k msgKind, n int, msg []byte) {
	switch {
	case k >= msgLogging && k <= msgVersion:
		st.jvmSeen |= jvmBit(k)
		if k != msgJetty && k != msgVersion {
			st.launcher = true
		}
	case k == msgShutdown && st.stop.Line == 0:
		st.stop = Ending{How: EndStopped, Line: n, Message: text(msg)}
	case k == msgInit && st.has(StartedInitialization):
		st.Reinits++
		if st.Reinits == 1 {
			st.FirstReinitLine = n
		}
	}
}

// noteOOM keeps the first sign of an OutOfMemoryError in a start that
// was up, which tells what killed it when no shutdown line follows.
func (st *startState) noteOOM(n int, b []byte) {
	if st.endHint.Line == 0 && bytes.Contains(b, []byte("OutOfMemoryError")) {
		st.endHint = Ending{Line: n, Message: text(b)}
	}
}

// closeCause is why a start closes, which tells how it ended and, for a
// start that was not up, the reason of its failure.
type closeCause struct {
	why  uint8
	line int
	pid  []byte
}

const (
	causeLogEnd uint8 = iota
	causeNewStart
	causeNewProcess
	causeReboot
)

// reason is the Failure.Reason of a start that closes before fully up
// without a fatal line.
func (c closeCause) reason() string {
	switch c.why {
	case causeNewStart:
		return "a new start began at line " + itoa(c.line) + " before fully up"
	case causeNewProcess:
		return "a new process (pid " + string(c.pid) + ") began at line " + itoa(c.line) + " before fully up"
	case causeReboot:
		return "the system rebooted (line " + itoa(c.line) + ") before fully up"
	}
	return ReasonIncomplete
}

// ending says how the start ended, closed for cause c.
func (st *startState) ending(c closeCause) Ending {
	switch {
	case st.stop.Line > 0:
		return st.stop
	case c.why == causeReboot:
		return Ending{How: EndRebooted, Line: c.line, Message: "-- Boot --"}
	case st.fatal && st.Failure != nil:
		return Ending{How: EndFailed, Line: st.fatalLine, Message: st.Failure.Reason}
	case c.why == causeLogEnd:
		return Ending{How: EndLogEnded, Line: st.endHint.Line, Message: st.endHint.Message}
	}
	return Ending{How: EndKilled, Line: st.endHint.Line, Message: st.endHint.Message}
}

// itoa formats a line number without fmt, which a log of a million
// starts would pay for a million times.
func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
