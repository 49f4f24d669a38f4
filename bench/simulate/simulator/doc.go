// Package simulator is jsbench's simulated Jenkins controller: it does on
// JENKINS_HOME the file work a real controller does at startup, in
// Jenkins's order, and logs it in Jenkins's format, so that jsbench can
// measure what storage does to a start without a JVM. It is the subject
// of `kind: sim` scenarios, run by the jenkins-sim command (cmd/jenkins-sim
// only wires flags to Run) as a process, in a FROM-scratch container as
// uid 1000, or as the `java` of the official image's stand-in
// (bench/runtime/container).
//
// As with Jenkins, "Running from:" and "webroot:" go to stdout without a
// timestamp and log records go to stderr. The HTTP port answers 503 from
// Jetty's "Started Server" line until "Jenkins is fully up and running",
// then 200 on / and /login.
//
// What it does: Winstone's WAR extraction into the webroot (skipped when
// its .timestamp matches the WAR; the webroot is the home's war/ unless
// --webroot puts it elsewhere, as the Helm chart puts it on an emptyDir),
// the web application's boot attempt record, the reading of its class
// path (every jar of the webroot's WEB-INF/lib, at every start),
// secret.key, plugin listing, explosion (unless .timestamp2
// matches) and manifest reads, loading every plugin's jars, descriptor and
// global config reads, loading every job (config.xml, nextBuildNumber,
// builds/legacyIds, the builds listing) on 2 × CPUs reactor threads with
// folders loaded one child after another, and a first boot's keys and
// settings files. What it does not do is Jenkins's CPU work (class
// loading, Groovy, XStream's reflection, JIT and GC) and its network
// waits: Config.Extra adds that time per phase, as a calibration from a
// real log measures it.
//
// Failures behave as Jenkins's do. When Winstone cannot extract the WAR
// (a webroot in an unwritable home) it logs "Container startup failed" and
// exits 1. When Jenkins cannot initialize (say, secret.key cannot be
// written) it logs hudson.util.BootFailure, cleans up and keeps serving
// an error page (HTTP 500) until SIGTERM, then exits 1; with
// ExitOnBootFailure it exits 1 at once.
package simulator
