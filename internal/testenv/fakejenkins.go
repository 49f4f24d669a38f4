package testenv

import (
	"fmt"
	"strings"
	"testing"
)

// fakeJenkinsPkg is the stand-in controller the runtimes' tests start: it
// writes a few log lines in Jenkins's format, serves /login and stops on
// SIGTERM, in milliseconds rather than a real controller's seconds.
const fakeJenkinsPkg = "./internal/testenv/testdata/fakejenkins"

// FakeJenkins builds the stand-in controller as a static binary, once per
// test process, and returns its path. Call RemoveBuilds from TestMain.
func FakeJenkins(t testing.TB) string {
	t.Helper()
	return Build(t, fakeJenkinsPkg)
}

// FakeJenkinsLog is what the stand-in writes before it is fully up, in
// order, when listening on port.
func FakeJenkinsLog(port int) []string {
	rec := func(thread int, level, msg string) string {
		return fmt.Sprintf("2024-01-24 10:16:43.271+0000 [id=%d]\t%s\t%s", thread, level, msg)
	}
	return []string{
		"Running from: /usr/share/jenkins/jenkins.war",
		rec(1, "INFO", "winstone.Logger#logInternal: Beginning extraction from war file"),
		rec(1, "WARNING", "o.e.j.s.handler.ContextHandler#setContextPath: Empty contextPath"),
		rec(1, "INFO", fmt.Sprintf("o.e.j.server.AbstractConnector#doStart: Started ServerConnector@6955cb39{HTTP/1.1, (http/1.1)}{0.0.0.0:%d}", port)),
		rec(35, "INFO", "jenkins.InitReactorRunner$1#onAttained: Started initialization"),
		rec(48, "INFO", "long: "+strings.Repeat("x", 40000)),
		rec(48, "INFO", "jenkins.InitReactorRunner$1#onAttained: Listed all plugins"),
		rec(26, "INFO", "hudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"),
	}
}
