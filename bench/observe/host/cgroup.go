package host

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// CgroupLine is one line of /proc/PID/cgroup: hierarchy ID, its
// controllers (none for the v2 unified hierarchy) and the path.
type CgroupLine struct {
	ID          int
	Controllers []string
	Path        string
}

// ParseCgroups reads /proc/PID/cgroup ("4:cpu,cpuacct:/docker/3f2a",
// "0::/user.slice").
func ParseCgroups(data []byte) []CgroupLine {
	var out []CgroupLine
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		id, err := strconv.Atoi(parts[0])
		if err != nil {
			continue
		}
		l := CgroupLine{ID: id, Path: parts[2]}
		if parts[1] != "" {
			l.Controllers = strings.Split(parts[1], ",")
		}
		out = append(out, l)
	}
	return out
}

// Cgroup is where a process's CPU usage and throttling are read: the v1
// cpuacct and cpu controllers where they are mounted (v1 or hybrid), else
// the v2 unified hierarchy.
type Cgroup struct {
	// Label names the hierarchy and path, as results record it.
	Label string
	// Path is the cgroup's path inside its hierarchy, to tell cgroups apart.
	Path      string
	usageFile string // v1 cpuacct.usage (ns); "" on v2
	statFile  string // v1 cpu.stat or v2 cpu.stat
	v2        bool
}

// CgroupSample is a cgroup's cumulative CPU figures.
type CgroupSample struct {
	UsageNS          uint64
	Periods          uint64
	ThrottledPeriods uint64
	ThrottledNS      uint64
}

// LocateCgroup finds the CPU cgroup files of the process pid (0: this
// process) in the mount table.
func LocateCgroup(pid int, mounts []mountinfo.Mount) (Cgroup, error) {
	proc := "self"
	if pid > 0 {
		proc = strconv.Itoa(pid)
	}
	data, err := os.ReadFile("/proc/" + proc + "/cgroup")
	if err != nil {
		return Cgroup{}, fmt.Errorf("read cgroup of process %s: %w", proc, err)
	}
	return cgroupFiles(ParseCgroups(data), mounts)
}

// cgroupFiles resolves a process's cgroup lines against the mount table.
func cgroupFiles(lines []CgroupLine, mounts []mountinfo.Mount) (Cgroup, error) {
	var cpu, cpuacct, unified *CgroupLine
	for i := range lines {
		l := &lines[i]
		switch {
		case len(l.Controllers) == 0 && l.ID == 0:
			unified = l
		case slices.Contains(l.Controllers, "cpuacct"):
			cpuacct = l
		}
		if slices.Contains(l.Controllers, "cpu") {
			cpu = l
		}
	}
	if cpu != nil && cpuacct != nil {
		cpuDir, okCPU := v1Dir(mounts, "cpu", cpu.Path)
		acctDir, okAcct := v1Dir(mounts, "cpuacct", cpuacct.Path)
		if okCPU && okAcct {
			return Cgroup{Label: "v1 " + cpu.Path, Path: cpu.Path,
				usageFile: path.Join(acctDir, "cpuacct.usage"), statFile: path.Join(cpuDir, "cpu.stat")}, nil
		}
	}
	if unified != nil {
		for _, m := range mounts {
			if m.FSType == "cgroup2" {
				return Cgroup{Label: "v2 " + unified.Path, Path: unified.Path, v2: true,
					statFile: path.Join(m.Point, unified.Path, "cpu.stat")}, nil
			}
		}
	}
	return Cgroup{}, fmt.Errorf("find cpu cgroup: no mounted cgroup v1 cpu and cpuacct controllers nor cgroup2 hierarchy")
}

// v1Dir is the directory of path in the v1 hierarchy that holds
// controller.
func v1Dir(mounts []mountinfo.Mount, controller, p string) (string, bool) {
	for _, m := range mounts {
		if m.FSType == "cgroup" && slices.Contains(strings.Split(m.Options, ","), controller) {
			return path.Join(m.Point, p), true
		}
	}
	return "", false
}

// Read reads the cgroup's cumulative figures.
func (c Cgroup) Read() (CgroupSample, error) {
	data, err := os.ReadFile(c.statFile)
	if err != nil {
		return CgroupSample{}, fmt.Errorf("read cgroup %s: %w", c.Label, err)
	}
	kv := ParseKeyValues(data)
	s := CgroupSample{Periods: kv["nr_periods"], ThrottledPeriods: kv["nr_throttled"]}
	if c.v2 {
		s.UsageNS = kv["usage_usec"] * 1000
		s.ThrottledNS = kv["throttled_usec"] * 1000
		return s, nil
	}
	s.ThrottledNS = kv["throttled_time"]
	usage, err := os.ReadFile(c.usageFile)
	if err != nil {
		return CgroupSample{}, fmt.Errorf("read cgroup %s: %w", c.Label, err)
	}
	s.UsageNS, err = strconv.ParseUint(strings.TrimSpace(string(usage)), 10, 64)
	if err != nil {
		return CgroupSample{}, fmt.Errorf("read cgroup %s usage %q: %w", c.Label, usage, err)
	}
	return s, nil
}
