package host

import (
	"reflect"
	"testing"

	"github.com/jsbench/jsbench/bench/observe/mountinfo"
)

// statSample is a /proc/stat of a 2-CPU machine, cut to what matters.
const statSample = `cpu  79403 210 36331 18021 523 0 420 7 0 0
cpu0 39490 130 18102 9535 81 0 126 3 0 0
cpu1 39913 80 18228 8485 441 0 293 4 0 0
intr 1234 0 0
ctxt 5678
procs_running 12
procs_blocked 0
`

func TestParseStat(t *testing.T) {
	s, err := ParseStat([]byte(statSample))
	if err != nil {
		t.Fatal(err)
	}
	want := Stat{CPU: CPUTimes{User: 79403, Nice: 210, System: 36331, Idle: 18021, IOWait: 523, IRQ: 0, SoftIRQ: 420, Steal: 7}, ProcsRunning: 12}
	if s != want {
		t.Errorf("ParseStat = %+v, want %+v", s, want)
	}
	// 79403+210+36331+0+420 running; +18021+523+7 = 134915 in all.
	if s.CPU.Busy() != 116364 || s.CPU.Total() != 134915 {
		t.Errorf("busy %d, total %d; want 116364, 134915", s.CPU.Busy(), s.CPU.Total())
	}
	for _, bad := range []string{"", "cpu 1 2 3\nprocs_running 1\n", "cpu 1 2 3 4 5 6 7 x\nprocs_running 1\n", "cpu 1 2 3 4 5 6 7 8\n"} {
		if _, err := ParseStat([]byte(bad)); err == nil {
			t.Errorf("ParseStat(%q) accepted", bad)
		}
	}
}

func TestParsePressureAndLoad(t *testing.T) {
	s, err := ParsePressure([]byte("some avg10=96.19 avg60=94.54 avg300=79.25 total=509931390\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=17\n"))
	if err != nil || s != (Stall{Some: 509931390, Full: 17}) {
		t.Errorf("ParsePressure = %+v, %v", s, err)
	}
	if _, err := ParsePressure([]byte("full avg10=0 total=1\n")); err == nil {
		t.Error("a pressure file without a some line was accepted")
	}
	if l, err := ParseLoadavg([]byte("9.64 6.67 3.39 12/173 21310\n")); err != nil || l != 9.64 {
		t.Errorf("ParseLoadavg = %v, %v", l, err)
	}
}

func TestParseProcessCPU(t *testing.T) {
	// The command holds a space and a parenthesis; utime 100, stime 20,
	// cutime 3, cstime 4 (fields 14 to 17).
	stat := "4242 (jenkins (sim)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 100 20 3 4 20 0 9 0 12345 1000000 500 18446744073709551615\n"
	got, err := ParseProcessCPU([]byte(stat))
	if err != nil || got != 127 {
		t.Errorf("ParseProcessCPU = %d, %v; want 127", got, err)
	}
	if _, err := ParseProcessCPU([]byte("12 (short) S 1 2")); err == nil {
		t.Error("a short stat line was accepted")
	}
}

// TestCgroupFiles resolves a process's cgroup files on the three layouts:
// v1 and hybrid (this VM: cpu and cpuacct mounted apart, cgroup2 at
// unified), and v2 alone.
func TestCgroupFiles(t *testing.T) {
	hybrid := []mountinfo.Mount{
		{Point: "/sys/fs/cgroup/cpu", FSType: "cgroup", Options: "rw,relatime,rw,cpu"},
		{Point: "/sys/fs/cgroup/cpuacct", FSType: "cgroup", Options: "rw,relatime,rw,cpuacct"},
		{Point: "/sys/fs/cgroup/cpuset", FSType: "cgroup", Options: "rw,relatime,rw,cpuset"},
		{Point: "/sys/fs/cgroup/unified", FSType: "cgroup2", Options: "rw,relatime,rw"},
	}
	v2 := []mountinfo.Mount{{Point: "/sys/fs/cgroup", FSType: "cgroup2", Options: "rw,nosuid,rw,nsdelegate"}}
	dockerV1 := ParseCgroups([]byte("3:cpuset:/docker/abc\n2:cpuacct:/docker/abc\n1:cpu:/docker/abc\n0::/docker/abc\n"))
	systemdV2 := ParseCgroups([]byte("0::/system.slice/docker-abc.scope\n"))
	tests := []struct {
		name   string
		lines  []CgroupLine
		mounts []mountinfo.Mount
		want   Cgroup
		ok     bool
	}{
		{"hybrid", dockerV1, hybrid, Cgroup{Label: "v1 /docker/abc", Path: "/docker/abc",
			usageFile: "/sys/fs/cgroup/cpuacct/docker/abc/cpuacct.usage", statFile: "/sys/fs/cgroup/cpu/docker/abc/cpu.stat"}, true},
		{"v2", systemdV2, v2, Cgroup{Label: "v2 /system.slice/docker-abc.scope", Path: "/system.slice/docker-abc.scope", v2: true,
			statFile: "/sys/fs/cgroup/system.slice/docker-abc.scope/cpu.stat"}, true},
		{"v1 lines, v2 mounted", dockerV1, v2, Cgroup{Label: "v2 /docker/abc", Path: "/docker/abc", v2: true,
			statFile: "/sys/fs/cgroup/docker/abc/cpu.stat"}, true},
		{"nothing mounted", dockerV1, nil, Cgroup{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cgroupFiles(tt.lines, tt.mounts)
			if (err == nil) != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cgroupFiles = %+v, %v; want %+v (ok %v)", got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestParseKeyValues(t *testing.T) {
	got := ParseKeyValues([]byte("nr_periods 10\nnr_throttled 3\nthrottled_time 4500000\nbad line here\n"))
	want := map[string]uint64{"nr_periods": 10, "nr_throttled": 3, "throttled_time": 4500000}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseKeyValues = %v, want %v", got, want)
	}
}
