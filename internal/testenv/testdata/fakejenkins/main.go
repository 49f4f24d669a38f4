// Command fakejenkins stands in for a Jenkins controller in the runtime
// tests: it writes a few log lines in Jenkins' format with pauses (one on
// stderr, one written in two pieces, one longer than Docker's 16 KiB log
// entries, one ending in CRLF), marks JENKINS_HOME, serves 200 on /login,
// and exits 0 on SIGTERM.
//
//	fakejenkins [--httpPort=8080] [--exit-code=N] [--ignore-term]
//	fakejenkins make-war OUT
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// pause separates lines, so their receipt times differ and stdout and
// stderr cannot overtake each other.
const pause = 20 * time.Millisecond

// LongLineBytes is the length of the long line's text.
const LongLineBytes = 40000

func main() {
	if len(os.Args) == 3 && os.Args[1] == "make-war" {
		if err := os.WriteFile(os.Args[2], []byte("PK\x05\x06"+strings.Repeat("\x00", 18)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	port := flag.Int("httpPort", 8080, "HTTP port")
	exitCode := flag.Int("exit-code", -1, "exit with this code after the log instead of serving")
	ignoreTerm := flag.Bool("ignore-term", false, "ignore SIGTERM")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if *ignoreTerm {
		signal.Ignore(syscall.SIGTERM)
	}
	if err := markHome(); err != nil {
		say(os.Stdout, "touch: cannot touch '"+os.Getenv("JENKINS_HOME")+"/copy_reference_file.log': Permission denied\n")
		say(os.Stdout, "Can not write to "+os.Getenv("JENKINS_HOME")+"/copy_reference_file.log. Wrong volume permissions?\n")
		os.Exit(1)
	}
	l, err := net.Listen("tcp", fmt.Sprintf(":%d", *port))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	writeLog(*port)
	if *exitCode >= 0 {
		os.Exit(*exitCode)
	}
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/login" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "login")
	}))
	say(os.Stdout, stamp(26, "hudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running")+"\n")
	<-ctx.Done()
	if *ignoreTerm {
		select {}
	}
	say(os.Stdout, stamp(1, "hudson.lifecycle.Lifecycle#onStatusUpdate: Stopping Jenkins")+"\n")
}

// writeLog writes every line before "fully up".
func writeLog(port int) {
	say(os.Stdout, "Running from: /usr/share/jenkins/jenkins.war\n")
	say(os.Stdout, stamp(1, "winstone.Logger#logInternal: Beginning extraction from war file")+"\n")
	say(os.Stderr, strings.Replace(stamp(1, "o.e.j.s.handler.ContextHandler#setContextPath: Empty contextPath"), "INFO", "WARNING", 1)+"\n")
	say(os.Stdout, stamp(1, fmt.Sprintf("o.e.j.server.AbstractConnector#doStart: Started ServerConnector@6955cb39{HTTP/1.1, (http/1.1)}{0.0.0.0:%d}", port))+"\n")
	say(os.Stdout, stamp(35, "jenkins.InitReactorRunner$1#onAttained: "))
	say(os.Stdout, "Started initialization\n")
	say(os.Stdout, stamp(48, "long: "+strings.Repeat("x", LongLineBytes))+"\n")
	say(os.Stdout, stamp(48, "jenkins.InitReactorRunner$1#onAttained: Listed all plugins")+"\r\n")
}

// stamp formats a record as Jenkins does, at a fixed moment so that the
// text is the same on every run.
func stamp(thread int, msg string) string {
	return fmt.Sprintf("2024-01-24 10:16:43.271+0000 [id=%d]\tINFO\t%s", thread, msg)
}

func say(f *os.File, s string) {
	f.WriteString(s)
	time.Sleep(pause)
}

// markHome proves JENKINS_HOME is writable, as the official image's
// entrypoint does before starting Java.
func markHome() error {
	return os.WriteFile(filepath.Join(os.Getenv("JENKINS_HOME"), "copy_reference_file.log"), []byte("ok\n"), 0o644)
}
