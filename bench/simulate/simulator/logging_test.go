package simulator

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

func TestJavaExceptions(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"access denied", nioException(&fs.PathError{Op: "open", Path: "/var/jenkins_home/x", Err: syscall.EACCES}, "S"),
			"java.nio.file.AccessDeniedException: /var/jenkins_home/x\n\tat jenkins.sim.S(jenkins-sim)\n"},
		{"missing", nioException(&fs.PathError{Op: "open", Path: "/h/y", Err: syscall.ENOENT}, "S"),
			"java.nio.file.NoSuchFileException: /h/y\n"},
		{"read-only", nioException(&fs.PathError{Op: "open", Path: "/h/z", Err: syscall.EROFS}, "S"),
			"java.nio.file.FileSystemException: /h/z: Read-only file system\n"},
		{"rename", nioException(&os.LinkError{Op: "rename", Old: "/h/a", New: "/h/b", Err: syscall.EACCES}, "S"),
			"java.nio.file.AccessDeniedException: /h/a -> /h/b\n"},
		{"stream", ioException(&fs.PathError{Op: "open", Path: "/h/war/x", Err: syscall.EACCES}, "S"),
			"java.io.FileNotFoundException: /h/war/x (Permission denied)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.HasPrefix(tt.got, tt.want) {
				t.Errorf("got %q, want it to start with %q", tt.got, tt.want)
			}
		})
	}
}

func TestRecordFormat(t *testing.T) {
	var buf bytes.Buffer
	l := &logger{w: &buf}
	l.log(threadMain, levelInfo, "winstone.Logger#logInternal", "Beginning extraction from war file")
	l.logError(threadInit, levelSevere, "hudson.util.BootFailure#publish", "Failed to initialize Jenkins", "java.io.IOException: x\n")
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 || !recordLine.MatchString(lines[0]) || !recordLine.MatchString(lines[1]) || lines[2] != "java.io.IOException: x" {
		t.Errorf("records:\n%s", buf.String())
	}
	if !strings.Contains(lines[0], " [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file") {
		t.Errorf("record %q", lines[0])
	}
}

// recordLine is one Winstone SupportLogFormatter record (calibration.md).
var recordLine = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d{4} \[id=\d+\]\t(INFO|WARNING|SEVERE)\t[\w.$]+#[\w$<>]+: `)
