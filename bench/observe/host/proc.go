package host

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// ClockTicks is USER_HZ, the unit of /proc/stat and /proc/PID/stat CPU
// times: 100 on every Linux architecture jsbench builds for (the kernel
// exports it to user space as a constant, whatever CONFIG_HZ is).
const ClockTicks = 100

// CPUTimes is the "cpu" line of /proc/stat: time spent by all CPUs in
// each state since boot, in ClockTicks.
type CPUTimes struct {
	User, Nice, System, Idle, IOWait, IRQ, SoftIRQ, Steal uint64
}

// Total is the sum of every state: CPUs × elapsed time.
func (c CPUTimes) Total() uint64 {
	return c.User + c.Nice + c.System + c.Idle + c.IOWait + c.IRQ + c.SoftIRQ + c.Steal
}

// Busy is the time spent running tasks or interrupts (guest time is
// part of user time).
func (c CPUTimes) Busy() uint64 { return c.User + c.Nice + c.System + c.IRQ + c.SoftIRQ }

// Stat is what jsbench reads of /proc/stat.
type Stat struct {
	CPU CPUTimes
	// ProcsRunning counts the tasks runnable at the moment of reading,
	// the reading one included.
	ProcsRunning int
}

// ParseStat reads /proc/stat.
func ParseStat(data []byte) (Stat, error) {
	var s Stat
	var sawCPU, sawRunning bool
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 9 && fields[0] == "cpu":
			v, err := uints(fields[1:9])
			if err != nil {
				return Stat{}, fmt.Errorf("parse /proc/stat cpu line: %w", err)
			}
			s.CPU = CPUTimes{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]}
			sawCPU = true
		case len(fields) == 2 && fields[0] == "procs_running":
			n, err := strconv.Atoi(fields[1])
			if err != nil || n < 0 {
				return Stat{}, fmt.Errorf("parse /proc/stat procs_running %q", fields[1])
			}
			s.ProcsRunning, sawRunning = n, true
		}
	}
	if !sawCPU || !sawRunning {
		return Stat{}, fmt.Errorf("parse /proc/stat: no cpu or procs_running line")
	}
	return s, nil
}

// ParseLoadavg returns the 1-minute load average of /proc/loadavg.
func ParseLoadavg(data []byte) (float64, error) {
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return 0, fmt.Errorf("parse /proc/loadavg: empty")
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("parse /proc/loadavg: load %q", fields[0])
	}
	return v, nil
}

// Stall is the cumulative stall time of one PSI resource, in
// microseconds since boot; Full is 0 where the kernel reports only some.
type Stall struct{ Some, Full uint64 }

// ParsePressure reads a /proc/pressure (or cgroup *.pressure) file:
//
//	some avg10=0.00 avg60=0.00 avg300=0.00 total=123
//	full avg10=0.00 avg60=0.00 avg300=0.00 total=45
func ParsePressure(data []byte) (Stall, error) {
	var s Stall
	sawSome := false
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || (fields[0] != "some" && fields[0] != "full") {
			continue
		}
		total, ok := keyValue(fields[1:], "total")
		if !ok {
			return Stall{}, fmt.Errorf("parse pressure: no total in %q", line)
		}
		if fields[0] == "some" {
			s.Some, sawSome = total, true
		} else {
			s.Full = total
		}
	}
	if !sawSome {
		return Stall{}, fmt.Errorf("parse pressure: no \"some\" line")
	}
	return s, nil
}

// ParseProcessCPU returns the CPU time of a process and of its waited-for
// children from /proc/PID/stat (utime, stime, cutime, cstime), in
// ClockTicks. The command name, in parentheses, may hold spaces.
func ParseProcessCPU(data []byte) (uint64, error) {
	end := bytes.LastIndexByte(data, ')')
	if end < 0 {
		return 0, fmt.Errorf("parse process stat: no command name")
	}
	// After ")": state is field 3, utime field 14 … cstime field 17.
	fields := strings.Fields(string(data[end+1:]))
	if len(fields) < 15 {
		return 0, fmt.Errorf("parse process stat: %d fields after the command", len(fields))
	}
	v, err := uints(fields[11:15])
	if err != nil {
		return 0, fmt.Errorf("parse process stat: %w", err)
	}
	return v[0] + v[1] + v[2] + v[3], nil
}

// ParseKeyValues reads "key value" lines, as cgroup cpu.stat files hold.
func ParseKeyValues(data []byte) map[string]uint64 {
	out := map[string]uint64{}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) != 2 {
			continue
		}
		if v, err := strconv.ParseUint(fields[1], 10, 64); err == nil {
			out[fields[0]] = v
		}
	}
	return out
}

func keyValue(fields []string, key string) (uint64, bool) {
	for _, f := range fields {
		if k, v, ok := strings.Cut(f, "="); ok && k == key {
			n, err := strconv.ParseUint(v, 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

func uints(fields []string) ([]uint64, error) {
	out := make([]uint64, len(fields))
	for i, f := range fields {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a count", f)
		}
		out[i] = v
	}
	return out, nil
}
