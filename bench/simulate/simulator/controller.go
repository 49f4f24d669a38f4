package simulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// Version is the Jenkins release the controller imitates, suffixed so
// that it reads as simulated everywhere it shows (log, X-Jenkins header,
// Jetty's context line) while a version parser still reads 2.541.3.
const Version = "2.541.3-jsbench-sim"

// jettyVersion is the Jetty that 2.541.x runs (fixture 02).
const jettyVersion = "12.1.5"

// controller is one start of the simulated controller.
type controller struct {
	cfg    Config
	stdout io.Writer
	log    *logger
	app    webapp
	// server and listener are nil when HTTP is disabled.
	server   *http.Server
	listener net.Listener
	// The identity hashes Jetty prints after class names.
	serverID, connectorID, contextID, handlerID int
}

func newController(cfg Config, stdout, stderr io.Writer) *controller {
	return &controller{cfg: cfg, stdout: stdout, log: &logger{w: stderr},
		serverID: rand.IntN(1 << 31), connectorID: rand.IntN(1 << 31), contextID: rand.IntN(1 << 31), handlerID: rand.IntN(1 << 31)}
}

// run starts the container and Jenkins, then serves until ctx ends.
func (c *controller) run(ctx context.Context) int {
	fmt.Fprintf(c.stdout, "Running from: %s\n", c.cfg.War)
	if !c.cfg.WebrootGiven {
		fmt.Fprintf(c.stdout, "webroot: %s\n", c.cfg.Webroot)
	}
	c.spend(ctx, jenkinslog.Launcher) // the JVM and Winstone before they log
	if err := c.startContainer(ctx); err != nil {
		if ctx.Err() != nil { // SIGTERM during extraction: Jenkins never started
			c.stopContainer()
			return ExitOK
		}
		c.containerFailed(err)
		return ExitFailed
	}
	bootErr := c.boot(ctx)
	switch {
	case ctx.Err() != nil:
		c.stopContainer()
		c.cleanUp(threadShutdown)
		return ExitOK
	case bootErr != nil:
		c.bootFailed(bootErr)
		if !c.cfg.ExitOnBootFailure {
			<-ctx.Done()
		}
		c.stopContainer()
		return ExitFailed
	}
	<-ctx.Done()
	c.stopContainer()
	c.cleanUp(threadShutdown)
	return ExitOK
}

// startContainer is Winstone and Jetty: extract the WAR, start the web
// application (which records the boot attempt) and open the HTTP port.
// Jetty's "Started Server" comes long before Jenkins is ready
// (../shared/calibration.md), so the port answers 503 meanwhile.
func (c *controller) startContainer(ctx context.Context) error {
	if c.cfg.Extra[jenkinslog.Launch] > 0 {
		// Jetty 9 logs this before Winstone extracts (fixture 05): the
		// launch phase of a calibration source.
		c.log.log(threadMain, levelInfo, "org.eclipse.jetty.util.log.Log#initialized", "Logging initialized @%dms to org.eclipse.jetty.util.log.JavaUtilLog",
			time.Since(processStart).Milliseconds())
		c.spend(ctx, jenkinslog.Launch)
	}
	c.log.log(threadMain, levelInfo, "winstone.Logger#logInternal", "Beginning extraction from war file")
	if err := c.extractWar(ctx); err != nil {
		return err
	}
	c.spend(ctx, jenkinslog.WarExtraction)
	c.log.log(threadMain, levelWarning, "o.e.j.ee9.nested.ContextHandler#setContextPath", "Empty contextPath")
	c.log.log(threadMain, levelInfo, "org.eclipse.jetty.server.Server#doStart",
		"jetty-%s; built: 2025-12-03T22:18:24.732Z; git: 4905d09d7b6801e792d7b73946cf7b66e4be25d6; jvm %s", jettyVersion, runtime.Version())
	c.log.log(threadMain, levelInfo, "o.e.j.e.w.StandardDescriptorProcessor#visitServlet", "NO JSP Support for /, did not find org.eclipse.jetty.ee9.jsp.JettyJspServlet")
	c.log.log(threadMain, levelInfo, "o.e.j.s.DefaultSessionIdManager#doStart", "Session workerName=node0")
	c.log.log(threadMain, levelInfo, "hudson.WebAppMain#contextInitialized", "Jenkins home directory: %s found at: %s", c.cfg.Home, c.cfg.HomeSource)
	_ = os.MkdirAll(c.cfg.Home, 0o755) // as WebAppMain; what fails to be written later reports why
	c.recordBootAttempt()
	c.loadWebapp()
	c.log.log(threadMain, levelInfo, "o.e.j.s.handler.ContextHandler#doStart",
		"Started oeje9n.ContextHandler$CoreContextHandler@%x{Jenkins v%s,/,b=file://%s/,a=AVAILABLE,h=oeje9n.ContextHandler$CoreContextHandler$CoreToNestedHandler@%x{STARTED}}",
		c.contextID, Version, c.cfg.Webroot, c.handlerID)
	c.spend(ctx, jenkinslog.HTTPOpen)
	if err := c.listen(); err != nil {
		return err
	}
	c.log.log(threadMain, levelInfo, "org.eclipse.jetty.server.Server#doStart", "Started oejs.Server@%x{STARTING}[%s,sto=0] @%dms",
		c.serverID, jettyVersion, time.Since(processStart).Milliseconds())
	c.log.log(threadWinstone, levelInfo, "winstone.Logger#logInternal", "Winstone Servlet Engine running: controlPort=disabled")
	return nil
}

// containerFailed reports a Winstone failure as Winstone's Launcher does:
// the stack trace on stderr, then a SEVERE record.
func (c *controller) containerFailed(err error) {
	exception := fmt.Sprintf("java.io.IOException: %v\n", err)
	var ce *containerError
	if errors.As(err, &ce) {
		exception = ce.exception
	}
	_, _ = io.WriteString(c.log.w, exception)
	c.log.logError(threadMain, levelSevere, "winstone.Logger#logInternal", "Container startup failed", exception)
}

// stopContainer is Winstone's shutdown hook stopping Jetty on SIGTERM.
func (c *controller) stopContainer() {
	c.log.log(threadShutdown, levelInfo, "winstone.Logger#logInternal", "JVM is terminating. Shutting down Jetty")
	if c.server == nil {
		return
	}
	_ = c.server.Close()
	c.log.log(threadShutdown, levelInfo, "org.eclipse.jetty.server.Server#doStop", "Stopped oejs.Server@%x{STOPPING}[%s,sto=0]", c.serverID, jettyVersion)
	c.log.log(threadShutdown, levelInfo, "o.e.j.server.AbstractConnector#doStop", "Stopped oejs.ServerConnector@%x{HTTP/1.1, (http/1.1)}{%s}", c.connectorID, c.listener.Addr())
}
