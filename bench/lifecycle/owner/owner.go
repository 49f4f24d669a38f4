// Package owner ties what jsbench creates outside its own process
// (containers, volumes, pods, claims) to the jsbench process that
// created it, through labels, so that a later start can tell what a
// killed jsbench left behind from what a running one still uses.
package owner

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Labels on everything jsbench creates. The values are valid as Docker
// and as Kubernetes labels.
const (
	// LabelManaged marks objects jsbench created.
	LabelManaged = "jsbench.managed"
	// LabelPID is the process id of the jsbench that created the object.
	LabelPID = "jsbench.pid"
	// LabelPIDStart is that process's start time in clock ticks since
	// boot, which tells a reused pid from the original process.
	LabelPIDStart = "jsbench.pid.start"
)

// Labels are the labels that tie an object to this process.
func Labels() map[string]string {
	labels := map[string]string{
		LabelManaged: "true",
		LabelPID:     strconv.Itoa(os.Getpid()),
	}
	if start, err := ProcessStart(os.Getpid()); err == nil {
		labels[LabelPIDStart] = start
	}
	return labels
}

// Orphaned tells whether the jsbench that labelled an object is gone:
// no process has its pid, or one does but started at another time.
// Objects without a readable pid are not jsbench's to remove.
func Orphaned(labels map[string]string) bool {
	pid, err := strconv.Atoi(labels[LabelPID])
	if err != nil || pid <= 0 {
		return false
	}
	start, err := ProcessStart(pid)
	if err != nil {
		return errors.Is(err, os.ErrNotExist)
	}
	want, ok := labels[LabelPIDStart]
	return ok && want != start
}

// ProcessStart is a process's start time in clock ticks since boot,
// field 22 of /proc/PID/stat.
func ProcessStart(pid int) (string, error) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", err
	}
	// The command name (field 2) may hold spaces; fields after it follow ')'.
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	fields := strings.Fields(rest)
	if len(fields) < 20 {
		return "", fmt.Errorf("parse /proc/%d/stat: %d fields after the name", pid, len(fields))
	}
	return fields[19], nil
}
