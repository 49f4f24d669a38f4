// Package jenkinslog reads Jenkins controller logs and tells, for each
// start of Jenkins in them, when each startup milestone happened, how
// long each phase took, and why a start failed.
//
// It sits between the harness, which captures a subject's output while
// it starts (bench/measure/runner feeds lines to a Parser as they arrive), and
// the reports: `jsbench analyze` reads log files after the fact with
// Parse. It is pure: it reads lines given to it and returns values; it
// opens no file, reads no clock and prints nothing.
//
// # Formats
//
// Each line is recognised on its own, so formats may mix in one file:
//
//   - the current one-line format (Winstone's SupportLogFormatter, since
//     2019): "2024-04-19 00:52:09.255+0000 [id=1]<TAB>INFO<TAB>logger#method:
//     message", also with TABs turned into spaces and lines cut at the
//     terminal width ("winstone.Logge>", reported as a warning);
//   - the two-line java.util.logging format: a header "<date> <time>
//     [AM/PM] <class> <method>" and a line "<LEVEL>: <message>", with the
//     level word, month names and AM/PM marker localized (信息, 情報,
//     정보, INFORMATION, INFOS, 上午, 午後, NACHM., …) and the Java 6
//     date forms ("2011/12/03 19:03:17", "01.03.2015", "19-abr-2024");
//     these times have no zone and are read in Options.Location;
//   - Winstone 0.9's own lines "[Winstone 2011/12/03 19:03:16] - …";
//   - JSON records of a JSON log formatter (@timestamp/timestamp/millis,
//     level, logger_name/loggerName, message, stack_trace);
//   - around them: Docker or kubectl --timestamps (RFC 3339), Docker's
//     json-file records, docker compose service prefixes ("jenkins_1  | ",
//     "rac-jenkins-1  | ", with or without colours), kubectl --prefix
//     ("[pod/jenkins-0/jenkins] "), systemd journal prefixes ("Apr 21
//     11:16:47 host jenkins[820792]: ", also short-precise), `systemctl
//     status` headers, "-- Boot … --" markers, pager footers, leading
//     indentation and "\r\n" line ends.
//
// When a wrapper adds a timestamp, Event.Time stays Jenkins's own and the
// wrapper's goes to Event.Outer (which of them times the start, see
// Clock); Docker, kubectl and json-file stamps also
// stand in for Received when the caller gives none (journal stamps, at
// one-second resolution and without year, do not). When several sources
// are interleaved (compose services, containers of a pod, journal
// identifiers) the one whose name contains "jenkins" is read, else the
// first whose lines look like Jenkins's; the others are ignored.
//
// Lines without a timestamp of Jenkins's own (Running from:, webroot:,
// stack traces, banners, JVM warnings) belong to the start and record
// around them.
//
// # Starts
//
// A log may hold several starts (a restart loop, a crash and restart, two
// boots in a journal); each becomes its own Start, in log order. The
// borders follow what only a JVM starting Jenkins logs, each line once
// and in this order: Jetty 9's "Logging initialized @NNNms" (its uptime
// counts from the JVM's start), Winstone's "Beginning extraction from war
// file", Jetty's banner ("jetty-9.4.39…", "jetty-10.0.18; built: …"),
// WebAppMain's "Jenkins home directory: … found at:", Jenkins's
// "Starting version …". One of these begins a new start when the current
// one already saw the same line or a later one, or got further: an init
// milestone, fully up, a failure, a shutdown line, or (for all but the
// version) the HTTP port. So a restart with no shutdown line and no
// "Running from:" (a Windows service writes that to another file) begins
// at the new JVM's first line. A new start also begins at:
//
//   - "Running from:", when the current start already had one, got past
//     the war extraction, failed or logged a shutdown (entrypoint output
//     before it stays in the start; and since "Running from:" goes to
//     stdout and records to stderr, a collector that reads the two apart
//     may store it after the first records: it then joins their start);
//   - "Started initialization" after a shutdown line, or again after a
//     failure;
//   - systemd's "Starting <jenkins unit>", after any Jenkins line;
//   - a new process id of the Jenkins unit in the journal;
//   - the entrypoint's "touch: cannot touch…" / "Can not write to…" or
//     the launcher's "Error: Invalid or corrupt jarfile", after a Jenkins
//     line or a failure (a container restart loop).
//
// The init reactor also runs in a running JVM, with no JVM line before
// it: for plugins installed without a restart (the setup wizard's too)
// and "Reload Configuration from Disk". Its milestones then belong to
// the start (Start.Reinits counts the runs) and are not its events,
// which keep their first occurrence.
//
// A "-- Boot … --" marker ends the current start; the next start opens at
// the next Jenkins line. Lines before the first start that are not
// Jenkins's (compose and kubectl chatter, systemctl headers) belong to no
// start.
//
// # Endings and the restart history
//
// Each start says how it ended (Start.Ended): stopped, at its first
// shutdown line ("Stopping Jenkins", "Jenkins stopped", "Started
// termination", Winstone's "JVM is terminating. Shutting down …" and
// "Winstone shutdown successfully", "Shutting down a Jenkins instance
// that was still running", "Restarting VM as requested by …", systemd
// stopping the unit); failed, at its fatal line; killed, when the next
// start began with no shutdown line (an OutOfMemoryError seen after it
// was up, or systemd's report of the kill, is kept as the evidence);
// rebooted, at a journal boot marker; or log_ended. Start.End is the time
// of its last timestamped line, placed on its clock by Jenkins's own time
// since the origin. Result.History files every start: when it began, how
// the one before ended, the gap from the last line of one start to the
// first of the next, the outage from the last line of a start that was
// up to the next fully up (failed starts between included), and the time
// from one fully up to the next.
//
// A log copied from a viewer that glued its own date to every line, in
// the viewer's locale and zone and with no separator ("1/24/2024,
// 11:16:43 AM2024-01-24 10:16:43.271+0000 [id=1]…"), is read without
// it: the first line that is nothing known as it stands, but a Jenkins
// record or launcher line after a date with a time, teaches the date's
// shape, which is then cut from every line that starts with it.
//
// # Clock
//
// A line may carry up to three clocks: Jenkins's own timestamp
// (milliseconds in the current format, whole seconds in the two-line
// format and Winstone's), a wrapper's (Docker and kubectl --timestamps and
// Docker's json-file `time`: nanoseconds; the journal: microseconds with
// short-precise, seconds otherwise) and the caller's receipt time, which
// counts as a clock only when Options.Received describes it (a live run's
// Docker stamps). Each start is timed by one of them, the finest its first
// timestamped line carries, Jenkins's own on a tie; Start.Clock names it.
// Every offset of the start is on that clock, so a two-line log read
// through `docker logs --timestamps` is timed to the nanosecond, not the
// second. A later line that lacks the chosen clock is placed by Jenkins's
// own time since the origin, with a warning.
//
// Origin is the time, on the start's clock, of the first line of the
// start with a Jenkins timestamp; every OffsetMS and phase bound counts
// from it, in milliseconds. Each start's clock never goes back: a record
// earlier than the latest one (threads log out of order by a few
// milliseconds) is held at the latest time; a step back of a second or
// more is reported as a warning and absorbed, the clock continuing from
// where it was. So OffsetMS is the line's time minus Origin except after
// such a jump. Once a start is fully up its phases are final: its later
// records are only looked at for the markers of a new start (the bulk of
// a long log takes this cheap path), and its clock is no longer followed.
// running_from, which has no log time, is placed on the wrapper's stamps
// when they time the start, else on the Received clock: its OffsetMS is
// then Received minus the Received of the origin line (zero or negative);
// read after the first records, it takes the offset of the latest one.
//
// # Events and phases
//
// Events are the milestones in log order, each at its first occurrence in
// the start: war_extraction ("Beginning extraction from war file"),
// http_open (the first Jetty connector's "Started …Connector@…", Winstone
// 0.9's "HTTP Listener started", or Jetty's "Started Server@…"/"Started
// @Nms" when no connector line is logged), the init milestones
// started_initialization … completed_initialization (as logged by
// jenkins.InitReactorRunner$1, jenkins.model.Jenkins$N or any
// …#onAttained; "Started termination" and "Completed termination" are
// shutdown milestones and ignored), and fully_up ("Jenkins is fully up and
// running", from any logger). Milestones older versions do not log are
// simply absent.
//
// Phases tile the time from Origin to fully_up (or, when the start never
// gets there, to its last event): each begins where the previous one ends
// and the first begins at 0, so their durations add up to the total.
// Each phase is named after the event that ends it and runs from the end
// of the previous phase to that event; a missing milestone's time falls
// into the next phase. Two phases are special:
//
//   - war_extraction runs from "Beginning extraction from war file" to
//     the next line with a Jenkins timestamp (no line marks the end of
//     extraction). Winstone logs the line even when the webroot is up to
//     date and it extracts nothing; Skipped is then true. The evidence is
//     the gap to that next line, on the wrapper's clock when it is finer
//     than the log's: below 300 ms the extraction counts as skipped
//     (fixtures: 17–188 ms with the webroot in place, 461 ms and more for
//     a real extraction). With one-second timestamps and no finer clock a
//     gap under 1.3 s decides nothing: not skipped, and a warning.
//   - launch covers Origin to "Beginning extraction" when timestamped
//     lines come before it (Jetty's "Logging initialized"); it exists
//     only then. When war_extraction is not the first event, the gap
//     before it falls into war_extraction.
//
// The time before the JVM (container start or process exec to "Running
// from:") is not in the log; the harness adds it. Start.Uptime keeps the
// JVM uptime Jetty states ("Started Server@… @1363ms"), from which the
// JVM's time before the first record follows.
//
// # Failures
//
// A start fails as soon as a fatal line shows: "Failed to initialize
// Jenkins" (hudson.util.BootFailure), Winstone's "Container startup
// failed", the entrypoint's "Can not write to … Wrong volume
// permissions?", the launcher's "Error: Invalid or corrupt jarfile", an
// uncaught exception in the JVM's main thread, systemd reporting the
// unit failed or exited, or "Jenkins stopped" before fully up. The
// first fatal line's message and its first exception line make the
// Reason. (systemd reporting the unit started without a readable
// fully-up line only adds a warning: with Type=notify it means Jenkins
// was up, with older units nothing.)
// Parser.Result gives every start that did not reach fully up a Failure;
// without a fatal line its Reason says why the start ended ("log ended
// before fully up", a new start, a reboot) and quotes the last SEVERE
// message.
//
// The Signature is the most specific cause seen in the start's SEVERE
// records, their stack traces and the output outside records:
// permission_denied (Permission denied, AccessDeniedException, "Wrong
// volume permissions"), out_of_memory (OutOfMemoryError), port_in_use
// (BindException, "Address already in use"), war_corrupt (ZipException,
// "Invalid or corrupt jarfile"), plugin_failure (a SEVERE record about a
// plugin), else boot_failure for a fatal line, else incomplete. WARNING
// and INFO records never count: Jenkins logs many harmless stack traces.
//
// # Memory
//
// A Parser keeps, per start, its events, at most 20 last lines of 400
// bytes, 10 SEVERE messages, 10 tasks and 20 warnings; per line it
// allocates nothing on the paths common lines take, and runs of blank
// lines are counted in its read buffer. A Result keeps whole the first
// and the last Options.KeepStarts starts (and the latest that got fully
// up), the history's first and last HistoryRows rows and its longest
// outages, and 10 warnings about the log as a whole: a log of any length
// and any number of starts is read in bounded memory and linear time.
// ParseMaybeGzip bounds what a gzip-compressed log may unpack to
// (Options.MaxUnpackedBytes; by default UnpackRatio times the gzip read,
// at least MinUnpackLimit).
package jenkinslog
