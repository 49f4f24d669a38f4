package suite

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/record/buildinfo"
	"github.com/jsbench/jsbench/bench/render/report"
	"github.com/jsbench/jsbench/bench/runtime/container"
)

// Environment describes the machine and the jsbench that measured, as
// key: value lines that every report carries. A figure that cannot be
// read (no Docker daemon, no /proc) is left out rather than guessed.
func Environment(ctx context.Context) []report.ConfigLine {
	lines := []report.ConfigLine{
		{Key: "goos", Value: runtime.GOOS},
		{Key: "goarch", Value: runtime.GOARCH},
		{Key: "cpus", Value: strconv.Itoa(runtime.NumCPU())},
		{Key: "jsbench", Value: buildinfo.Version()},
	}
	add := func(key, value string) {
		if value != "" {
			lines = append(lines, report.ConfigLine{Key: key, Value: value})
		}
	}
	add("cpu", cpuModel())
	add("kernel", readTrimmed("/proc/sys/kernel/osrelease"))
	if host, err := os.Hostname(); err == nil {
		add("host", host)
	}
	if docker, err := container.ServerVersion(ctx); err == nil {
		add("docker", docker)
	}
	add("go", runtime.Version())
	return lines
}

func readTrimmed(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
