package kube

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// maxLineBytes bounds one log line held in memory; a longer one is cut.
const maxLineBytes = 1 << 20

// logRequest reads a container's log through the API server with the
// node's timestamps (nanosecond resolution, written by the container
// runtime as each line arrived).
func (c *Cluster) logRequest(ctx context.Context, pod, container string, follow bool) (io.ReadCloser, error) {
	req := c.Client.CoreV1().Pods(c.Namespace).GetLogs(pod, &corev1.PodLogOptions{
		Container: container, Follow: follow, Timestamps: true,
	})
	rc, err := req.Stream(ctx)
	if err != nil {
		return nil, fmt.Errorf("read log of %s/%s: %w", pod, container, err)
	}
	return rc, nil
}

// readLines hands on every "TIMESTAMP TEXT" line of r as a line received
// at TIMESTAMP, by the node's clock: it is known to be jsbench's only on
// the same host, and the record says which (clock_source). A line without
// a timestamp keeps an unknown (zero) receipt time.
func readLines(r io.Reader, emit func(jenkinslog.Line) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	for sc.Scan() {
		if err := emit(parseLine(sc.Text(), 0)); err != nil {
			return err
		}
	}
	return sc.Err()
}

// parseLine splits a "TIMESTAMP TEXT" line, the timestamp less offset
// (a clock ahead of jsbench's by offset).
func parseLine(s string, offset time.Duration) jenkinslog.Line {
	stamp, text, ok := strings.Cut(s, " ")
	at, err := time.Parse(time.RFC3339Nano, stamp)
	if !ok || err != nil {
		return jenkinslog.Line{Text: strings.TrimSuffix(s, "\r")}
	}
	return jenkinslog.Line{Text: strings.TrimSuffix(text, "\r"), Received: at.Add(-offset)}
}

// fullLog reads a container's whole log, after the fact.
func (c *Cluster) fullLog(ctx context.Context, pod, container string) ([]jenkinslog.Line, error) {
	rc, err := c.logRequest(ctx, pod, container, false)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var lines []jenkinslog.Line
	err = readLines(rc, func(l jenkinslog.Line) error {
		lines = append(lines, l)
		return nil
	})
	if err != nil {
		return lines, fmt.Errorf("read log of %s/%s: %w", pod, container, err)
	}
	return lines, nil
}
