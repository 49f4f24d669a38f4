package simulator

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// States of the web application, as the HTTP port shows them.
const (
	stateLoading = iota // 503 "Please wait while Jenkins is getting ready to work"
	stateReady          // 200 on / and /login
	stateFailed         // 500, the boot failure page
)

// webapp answers HTTP as Jenkins does around its startup: Jetty is up
// before Jenkins, and Jenkins's loading page is a 503 until the init
// reactor completes. Probes (the Helm chart's on /login, ../shared/calibration.md)
// therefore see 503, then 200.
type webapp struct {
	state atomic.Int32
}

func (a *webapp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Jenkins", Version)
	w.Header().Set("Content-Type", "text/html;charset=utf-8")
	switch a.state.Load() {
	case stateLoading:
		w.Header().Set("Retry-After", "10")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, loadingPage)
	case stateFailed:
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, failedPage)
	default:
		if r.URL.Path != "/" && r.URL.Path != "/login" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, loginPage)
	}
}

const loadingPage = `<!DOCTYPE html><html><head><title>Starting Jenkins</title></head>
<body><h1>Please wait while Jenkins is getting ready to work ...</h1>
<p>Your browser will reload automatically when Jenkins is ready.</p>
<p>(jsbench simulated controller)</p></body></html>
`

const failedPage = `<!DOCTYPE html><html><head><title>Jenkins</title></head>
<body><h1>Error</h1><p>Jenkins failed to start: see the log (hudson.util.HudsonFailedToLoad).</p>
<p>(jsbench simulated controller)</p></body></html>
`

const loginPage = `<!DOCTYPE html><html><head><title>Sign in [Jenkins]</title></head>
<body><h1>Sign in to Jenkins</h1><p>(jsbench simulated controller: there is nothing behind this page)</p></body></html>
`

// listen opens the HTTP port and serves the webapp on it; --httpPort=-1
// disables HTTP, as it does for Winstone.
func (c *controller) listen() error {
	if c.cfg.HTTPPort < 0 {
		return nil
	}
	addr := net.JoinHostPort(c.cfg.ListenAddress, strconv.Itoa(c.cfg.HTTPPort))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return &containerError{err: fmt.Errorf("listen on %q: %w", addr, err),
			exception: fmt.Sprintf("java.io.IOException: Failed to bind to %s\n\tat %s\n", addr, frame("Jetty.ServerConnector.open"))}
	}
	c.listener = l
	c.server = &http.Server{Handler: &c.app, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = c.server.Serve(l) }()
	c.log.log(threadMain, levelInfo, "o.e.j.server.AbstractConnector#doStart", "Started oejs.ServerConnector@%x{HTTP/1.1, (http/1.1)}{%s}", c.connectorID, l.Addr())
	return nil
}
