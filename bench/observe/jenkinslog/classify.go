package jenkinslog

import (
	"bytes"
)

// eventOf names the event a record marks, "" for most records.
func eventOf(r record) string {
	m := trimBlankRight(r.message)
	if len(m) < 8 {
		return ""
	}
	switch m[0] {
	case 'B':
		if string(m) == "Beginning extraction from war file" {
			return WarExtraction
		}
	case 'J':
		if string(m) == "Jenkins is fully up and running" {
			return FullyUp
		}
	case 'H':
		if bytes.HasPrefix(m, []byte("HTTP Listener started: ")) {
			return HTTPOpen
		}
	}
	if len(m) <= len("Configuration for all jobs updated") && milestoneLogger(r.logger) {
		if name, ok := milestones[string(m)]; ok {
			return name
		}
	}
	if httpStarted(m) {
		return HTTPOpen
	}
	return ""
}

// milestoneLogger accepts the loggers of init milestones in every
// version: jenkins.InitReactorRunner$1#onAttained (current format),
// "jenkins.InitReactorRunner$1 onAttained" and "jenkins.model.Jenkins$6
// onAttained" (two-line format), or no logger at all (JSON records that
// omit it). Other loggers echoing the text do not count.
func milestoneLogger(logger []byte) bool {
	return len(logger) == 0 || bytes.HasSuffix(logger, []byte("onAttained")) || bytes.Contains(logger, []byte("InitReactorRunner"))
}

// httpStarted recognises the line Jetty logs when the HTTP port is open:
// the connector's "Started ServerConnector@…" (Jetty 9+),
// "Started SelectChannelConnector@…" (Jetty 7/8 in Winstone 2), or, for
// a Jetty that logs no connector line, "Started Server@…"/"Started @Nms".
// The web application's "Started w.@…{Jenkins v…}" comes before the port
// opens and does not count.
func httpStarted(m []byte) bool {
	rest, ok := bytes.CutPrefix(m, []byte("Started "))
	if !ok {
		return false
	}
	word := rest[:wordEnd(rest)]
	at := bytes.IndexByte(word, '@')
	switch {
	case at < 0:
		return false
	case bytes.HasSuffix(word[:at], []byte("Connector")):
		return true
	case at == 0:
		return len(word) > 1 && isDigit(word[1])
	}
	name := word[:at]
	return bytes.Equal(name, []byte("Server")) || bytes.HasSuffix(name, []byte(".Server"))
}

// messageChecks reads what a record says besides events: version, task
// timings, SEVERE messages and failures.
func (p *Parser) messageChecks(st *startState, lv level, logger, msg []byte) {
	if len(msg) == 0 {
		return
	}
	switch msg[0] {
	case 'S':
		if st.Version == "" {
			st.Version = version(msg)
		}
	case 'T':
		if t, ok := parseTook(msg); ok {
			st.SlowestTasks = insertTop(st.SlowestTasks, t, tasksMax, func(a, b Task) bool { return a.DurationMS > b.DurationMS })
		}
	}
	if lv == levelSevere {
		p.severe(st, msg)
	}
	if reason, sig := fatalMessage(msg, lv); reason != "" && !st.FullyUp {
		st.note(sig)
		p.fail(st, reason, sig)
	}
}

// version reads "Starting version 2.541.2" and "Started …{Jenkins
// v2.426.2,…}".
func version(msg []byte) string {
	if v, ok := bytes.CutPrefix(msg, []byte("Starting version ")); ok {
		return text(v[:wordEnd(v)])
	}
	if i := bytes.Index(msg, []byte("{Jenkins v")); i >= 0 {
		v := msg[i+len("{Jenkins v"):]
		if end := bytes.IndexAny(v, ",}"); end > 0 {
			return text(v[:end])
		}
	}
	return ""
}

// severe keeps a SEVERE message and the signature it points to.
func (p *Parser) severe(st *startState, msg []byte) {
	st.severe++
	st.lastSevere = append(st.lastSevere[:0], clip(msg, messageMax)...)
	if len(st.severeList) < severeMax {
		st.severeList = append(st.severeList, text(msg))
	}
	if containsFold(msg, "plugin") {
		st.note(SignaturePluginFailure)
	}
	if sig := signatureOf(msg); sig != "" {
		st.note(sig)
	}
}

// fatalMessage recognises the records after which Jenkins does not come
// up, with the signature they imply by themselves.
func fatalMessage(msg []byte, lv level) (string, string) {
	m := trimBlankRight(msg)
	switch {
	case bytes.HasPrefix(m, []byte("Failed to initialize Jenkins")):
		return text(m), SignatureBootFailure
	case bytes.HasPrefix(m, []byte("Container startup failed")) && lv >= levelWarning:
		return text(m), SignatureBootFailure
	case string(m) == "Jenkins stopped":
		return "Jenkins stopped before fully up", SignatureIncomplete
	}
	return "", ""
}

// fail marks the start failed by a fatal line; the first one wins.
func (p *Parser) fail(st *startState, reason, sig string) {
	if st.Failure != nil {
		return
	}
	st.fatal, st.fatalSig, st.fatalLine = true, sig, p.lines
	st.Failure = &Failure{Reason: reason}
	p.rec.fatal = true
}

// jvmUptime reads the uptime in Jetty's "Started Server@… @1363ms",
// "Started @2345ms" and "Logging initialized @638ms ...".
func jvmUptime(msg []byte) (float64, bool) {
	if !bytes.HasPrefix(msg, []byte("Started ")) && !bytes.HasPrefix(msg, []byte("Logging initialized @")) {
		return 0, false
	}
	for rest := msg; ; {
		at := bytes.IndexByte(rest, '@')
		if at < 0 {
			return 0, false
		}
		rest = rest[at+1:]
		n := 0
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		if n > 0 && bytes.HasPrefix(rest[n:], []byte("ms")) && (len(rest) == n+2 || rest[n+2] == ' ') {
			return float64(digits(rest[:n])), true
		}
	}
}
