// Package testenv lets tests that need root, Docker or FUSE skip on a
// laptop without them, but fail in CI (CI=true), so that CI can never
// pass by skipping. It also builds the project's commands and a stand-in
// controller for tests, and reads and checks the log lines they stream.
package testenv

import (
	"os"
	"testing"
)

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require skips the test when ok is false, or fails it in CI.
func Require(t testing.TB, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if InCI() {
		t.Fatalf("CI=true but %s is not available", what)
	}
	t.Skipf("%s is not available", what)
}

// RequireRoot needs the tests to run as root.
func RequireRoot(t testing.TB) {
	t.Helper()
	Require(t, os.Geteuid() == 0, "root")
}
