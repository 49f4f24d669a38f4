package host

import (
	"fmt"
	"os"
	"strconv"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// subject reads the CPU time of the process under measurement: from its
// cgroup when it has one of its own (a container), else from its
// /proc/PID/stat (a process in jsbench's cgroup; children count once
// they are waited for).
type subject struct {
	pid    int
	cgroup *Cgroup
}

// findSubject locates the subject's CPU accounting. A pid of 0 (a
// runtime that does not tell) gives no subject.
func findSubject(pid int) (*subject, []string) {
	if pid <= 0 {
		return nil, []string{"subject's process unknown: its CPU time is counted with the other work on the host"}
	}
	s := &subject{pid: pid}
	mounts, err := mountinfo.Read()
	if err != nil {
		return s, []string{err.Error()}
	}
	cg, err := LocateCgroup(pid, mounts)
	if err != nil {
		return s, []string{fmt.Sprintf("subject's cgroup: %v; its CPU time read from /proc/%d/stat", err, pid)}
	}
	self, err := LocateCgroup(0, mounts)
	if err == nil && self.Path == cg.Path {
		return s, nil // the subject shares jsbench's cgroup: count the process
	}
	s.cgroup = &cg
	return s, nil
}

// sample is the subject's cumulative CPU time and, with a cgroup of its
// own, its throttling.
type subjectSample struct {
	cpuNS  uint64
	cgroup *CgroupSample
}

func (s *subject) read() (subjectSample, error) {
	if s.cgroup != nil {
		cs, err := s.cgroup.Read()
		if err != nil {
			return subjectSample{}, err
		}
		return subjectSample{cpuNS: cs.UsageNS, cgroup: &cs}, nil
	}
	data, err := os.ReadFile("/proc/" + strconv.Itoa(s.pid) + "/stat")
	if err != nil {
		return subjectSample{}, fmt.Errorf("read subject's CPU time: %w", err)
	}
	ticks, err := ParseProcessCPU(data)
	if err != nil {
		return subjectSample{}, err
	}
	return subjectSample{cpuNS: ticks * (1e9 / ClockTicks)}, nil
}
