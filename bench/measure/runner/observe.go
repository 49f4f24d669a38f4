package runner

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// Readiness is the "fully up" line in the log followed by HTTP 200 on
// /login. Jenkins opens its port long before it is ready, so a TCP
// connect proves nothing.
const (
	loginPollInterval = 50 * time.Millisecond
	// drainGrace is how long lines are still read after the subject exited.
	drainGrace = 2 * time.Second
	// lastLinesKept is how many log lines a failed run keeps.
	lastLinesKept = 30
)

// observation is what watching one start produced.
type observation struct {
	status, reason string
	parser         *jenkinslog.Parser
	streamed       int
	last           jenkinslog.Line // the last line streamed
	tail           []string
	httpReady      time.Time
	fullLog        *jenkinslog.Result
	warnings       []string
}

// observe feeds the subject's streamed log to the parser until the start
// is fully up, fails, exits or times out, then waits for /login.
func observe(ctx context.Context, inst contract.Instance, timeout time.Duration) *observation {
	obs := &observation{parser: jenkinslog.NewParser(parseOptions(inst))}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	lines, exited := inst.Lines(), inst.Exited()
	for obs.status == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				lines = nil
				obs.endOfOutput(exited != nil)
				continue
			}
			obs.feed(l)
		case <-exited:
			exited = nil
			obs.drain(lines)
			obs.endOfOutput(false)
		case <-deadline.C:
			obs.status, obs.reason = results.StatusTimeout, fmt.Sprintf("not fully up within %s", timeout)
		case <-ctx.Done():
			obs.status, obs.reason = results.StatusError, "interrupted"
		}
	}
	if obs.status == results.StatusOK {
		obs.waitForLogin(ctx, inst, deadline.C)
	}
	return obs
}

func (o *observation) feed(l jenkinslog.Line) {
	o.streamed++
	o.last = l
	o.tail = appendTail(o.tail, l.Text)
	o.parser.Feed(l)
	cur := o.parser.Current()
	switch {
	case cur == nil:
	case cur.FullyUp:
		o.status = results.StatusOK
	case cur.Failure != nil:
		o.status, o.reason = results.StatusFailed, cur.Failure.Reason
	}
}

// drain reads what is left of the output after the subject exited.
func (o *observation) drain(lines <-chan jenkinslog.Line) {
	grace := time.NewTimer(drainGrace)
	defer grace.Stop()
	for lines != nil && o.status == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				return
			}
			o.feed(l)
		case <-grace.C:
			return
		}
	}
}

// endOfOutput decides what an ended output means: once the process has
// exited without reaching "fully up", it failed. While it still runs the
// runner keeps waiting for the exit or the timeout.
func (o *observation) endOfOutput(stillRunning bool) {
	if o.status != "" || stillRunning {
		return
	}
	o.status, o.reason = results.StatusFailed, exitedBeforeReady
	if res := o.parser.Result(); len(res.Starts) > 0 {
		if f := res.Starts[len(res.Starts)-1].Failure; f != nil && f.Reason != "" {
			o.reason = exitedBeforeReady + ": " + f.Reason
		}
	}
}

// waitForLogin polls /login until it answers 200. A subject that logged
// "fully up" but never serves /login is a failure.
func (o *observation) waitForLogin(ctx context.Context, inst contract.Instance, deadline <-chan time.Time) {
	url, err := inst.LoginURL(ctx)
	if err != nil {
		o.status, o.reason = results.StatusFailed, fmt.Sprintf("find /login: %v", err)
		return
	}
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(loginPollInterval)
	defer tick.Stop()
	for {
		if loginAnswers(ctx, client, url) {
			o.httpReady = time.Now()
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			o.status, o.reason = results.StatusTimeout, "logged fully up but /login never answered 200"
			return
		case <-ctx.Done():
			o.status, o.reason = results.StatusError, "interrupted"
			return
		}
	}
}

func loginAnswers(ctx context.Context, client *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func appendTail(tail []string, line string) []string {
	if len(tail) == lastLinesKept {
		copy(tail, tail[1:])
		tail = tail[:lastLinesKept-1]
	}
	return append(tail, line)
}
