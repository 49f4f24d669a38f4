package runner

import (
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

func TestClassifyExit(t *testing.T) {
	tests := []struct {
		name     string
		code     int
		oom      bool
		want     results.Exit
		describe string
	}{
		{"exit 1", 1, false, results.Exit{Code: 1, Class: results.ExitExited}, "exited by itself with code 1"},
		{"exit 0", 0, false, results.Exit{Code: 0, Class: results.ExitExited}, "exited by itself with code 0"},
		{"docker kill", 137, false, results.Exit{Code: 137, Signal: "SIGKILL", Class: results.ExitKilled}, "killed from outside by SIGKILL (exit code 137)"},
		{"docker stop", 143, false, results.Exit{Code: 143, Signal: "SIGTERM", Class: results.ExitKilled}, "killed from outside by SIGTERM (exit code 143)"},
		{"OOM killer", 137, true, results.Exit{Code: 137, Signal: "SIGKILL", OOMKilled: true, Class: results.ExitOOMKilled}, "OOM-killed: the memory limit was too low (exit code 137)"},
		{"segfault", 139, false, results.Exit{Code: 139, Signal: "SIGSEGV", Class: results.ExitCrashed}, "crashed with SIGSEGV (exit code 139)"},
		{"JVM abort", 134, false, results.Exit{Code: 134, Signal: "SIGABRT", Class: results.ExitCrashed}, "crashed with SIGABRT (exit code 134)"},
		{"no such signal", 255, false, results.Exit{Code: 255, Class: results.ExitExited}, "exited by itself with code 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := contract.ExitFromCode(tt.code, tt.oom)
			e.Class = ClassifyExit(e)
			if e != tt.want || DescribeExit(e) != tt.describe {
				t.Errorf("exit %+v, %q\nwant %+v, %q", e, DescribeExit(e), tt.want, tt.describe)
			}
		})
	}
}
