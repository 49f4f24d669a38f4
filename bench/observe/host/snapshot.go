package host

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Snapshot is the host's cumulative counters at one moment; two of them
// make the figures of the time between (see Window).
type Snapshot struct {
	At   time.Time
	Stat Stat
	// Load1 is the 1-minute load average.
	Load1 float64
	// PSI holds the stall totals of "cpu", "memory" and "io"; nil when
	// the kernel has no PSI.
	PSI map[string]Stall
	// HarnessNS is the CPU time this process (jsbench) has used.
	HarnessNS uint64
}

// psiResources are the /proc/pressure files read.
var psiResources = []string{"cpu", "memory", "io"}

// Take reads the host's counters now. It fails only when /proc/stat
// cannot be read; what else is missing comes back as warnings.
func Take() (Snapshot, []string, error) {
	s := Snapshot{At: time.Now()}
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return Snapshot{}, nil, fmt.Errorf("read host counters: %w", err)
	}
	if s.Stat, err = ParseStat(data); err != nil {
		return Snapshot{}, nil, err
	}
	var warnings []string
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		s.Load1, _ = ParseLoadavg(data)
	}
	s.PSI, err = readPSI()
	if err != nil {
		warnings = append(warnings, err.Error())
	}
	s.HarnessNS = selfCPU()
	return s, warnings, nil
}

// readPSI reads /proc/pressure, or says why there is none: a kernel
// built without CONFIG_PSI has no such directory, one built with
// CONFIG_PSI_DEFAULT_DISABLED and booted without psi=1 refuses the reads.
func readPSI() (map[string]Stall, error) {
	out := make(map[string]Stall, len(psiResources))
	for _, r := range psiResources {
		data, err := os.ReadFile("/proc/pressure/" + r)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("no PSI: /proc/pressure/%s does not exist (kernel built without CONFIG_PSI)", r)
		case errors.Is(err, unix.EOPNOTSUPP):
			return nil, fmt.Errorf("no PSI: the kernel has it but it is off (boot with psi=1)")
		case err != nil:
			return nil, fmt.Errorf("no PSI: %w", err)
		}
		stall, err := ParsePressure(data)
		if err != nil {
			return nil, fmt.Errorf("no PSI: /proc/pressure/%s: %w", r, err)
		}
		out[r] = stall
	}
	return out, nil
}

// selfCPU is this process's user and system time, in nanoseconds.
func selfCPU() uint64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return uint64(ru.Utime.Nano() + ru.Stime.Nano())
}
