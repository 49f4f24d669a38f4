package simulator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
)

// timeLayout is Winstone's SupportLogFormatter date: yyyy-MM-dd
// HH:mm:ss.SSSZ (../shared/calibration.md, "Line format since 2019").
const timeLayout = "2006-01-02 15:04:05.000-0700"

// Levels as java.util.logging names them.
const (
	levelInfo    = "INFO"
	levelWarning = "WARNING"
	levelSevere  = "SEVERE"
)

// Thread ids the records carry, as a 2.5xx controller's log shows them:
// main runs Winstone and Jetty, the init thread constructs Jenkins, the
// reactor's threads come after, the shutdown hook has its own.
const (
	threadMain     = 1
	threadInit     = 30
	threadWinstone = 31
	threadShutdown = 32
	threadReactor  = 36
)

// logger writes records in the format Jenkins's console shows:
//
//	2026-02-28 03:00:13.812+0000 [id=1]	INFO	winstone.Logger#logInternal: Beginning extraction from war file
//
// followed, for an error, by Java-style exception lines. Records go to
// stderr, as java.util.logging's ConsoleHandler writes them.
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

// log writes one record; source is "logger#method".
func (l *logger) log(thread int, level, source, format string, args ...any) {
	l.write(thread, level, source, fmt.Sprintf(format, args...), "")
}

// logError writes one record followed by the exception that caused it.
func (l *logger) logError(thread int, level, source, message string, exception string) {
	l.write(thread, level, source, message, exception)
}

func (l *logger) write(thread int, level, source, message, exception string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [id=%d]\t%s\t%s: %s\n", time.Now().Format(timeLayout), thread, level, source, message)
	b.WriteString(exception)
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = io.WriteString(l.w, b.String())
}

// nioException renders err as the java.nio.file exception Jenkins's
// Files.* calls throw, with one frame naming the step that failed.
func nioException(err error, step string) string {
	var path *fs.PathError
	var link *os.LinkError
	switch {
	case errors.As(err, &link):
		return exceptionText(nioClass(link.Err), link.Old+" -> "+link.New, link.Err, step)
	case errors.As(err, &path):
		return exceptionText(nioClass(path.Err), path.Path, path.Err, step)
	default:
		return fmt.Sprintf("java.io.IOException: %v\n\tat %s\n", err, frame(step))
	}
}

func nioClass(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "java.nio.file.AccessDeniedException"
	case errors.Is(err, fs.ErrNotExist):
		return "java.nio.file.NoSuchFileException"
	case errors.Is(err, fs.ErrExist):
		return "java.nio.file.FileAlreadyExistsException"
	default:
		return "java.nio.file.FileSystemException"
	}
}

func exceptionText(class, subject string, cause error, step string) string {
	if class == "java.nio.file.FileSystemException" {
		subject += ": " + strerror(cause)
	}
	return fmt.Sprintf("%s: %s\n\tat %s\n", class, subject, frame(step))
}

// ioException renders err as java.io's FileOutputStream reports it:
// java.io.FileNotFoundException: PATH (Permission denied).
func ioException(err error, step string) string {
	var path *fs.PathError
	if errors.As(err, &path) {
		return fmt.Sprintf("java.io.FileNotFoundException: %s (%s)\n\tat %s\n", path.Path, strerror(path.Err), frame(step))
	}
	return fmt.Sprintf("java.io.IOException: %v\n\tat %s\n", err, frame(step))
}

// strerror is the C library's message for an errno, as Java prints it.
func strerror(err error) string {
	var errno syscall.Errno
	msg := err.Error()
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// frame is the one stack frame the simulated controller prints: it names
// the step, not Java code it does not have.
func frame(step string) string { return "jenkins.sim." + step + "(jenkins-sim)" }
