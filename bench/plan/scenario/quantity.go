package scenario

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// MinMemoryBytes is the smallest memory limit Docker accepts: below 6 MiB
// (6291456 bytes) Docker 20.10 answers "Minimum memory limit allowed is
// 6MB" (linuxMinMemory in moby's daemon/daemon_unix.go).
const MinMemoryBytes = 6 << 20

var (
	decimal = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	// memoryPat is a Kubernetes memory quantity without exponent form.
	memoryPat  = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$`)
	memoryUnit = map[string]int64{
		"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
		"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "Pi": 1 << 50, "Ei": 1 << 60,
	}
)

// limits returns the cpu and memory limits, which only a container has.
func (c *checker) limits(f *fields, runtime string) (cpus float64, memory int64) {
	spec, _ := subject.Spec(c.runtimes, runtime)
	for _, key := range []string{"cpu", "memory"} {
		if n := f.value(key); n != nil && spec.RefusesLimits != "" {
			c.report(f.entries[key].key, f.field(key), "%s limits a container; %s", key, spec.RefusesLimits)
		}
	}
	return c.cpu(f), c.memory(f)
}

// cpu returns the CPU limit, a Kubernetes quantity: 2, 1.5 or "500m".
func (c *checker) cpu(f *fields) float64 {
	n := f.value("cpu")
	const want = "a CPU count of at least 1m, such as 2, 1.5 or 500m"
	if n == nil || !c.is(n, yaml.ScalarNode, f.field("cpu"), want) {
		return 0
	}
	cpus, ok := parseCPU(n.Value)
	if tag := n.ShortTag(); !ok || (tag != "!!str" && tag != "!!int" && tag != "!!float") {
		c.report(n, f.field("cpu"), "want %s, got %s", want, got(n))
		return 0
	}
	return cpus
}

// parseCPU reads "2", "1.5" or "500m" (thousandths of a CPU).
func parseCPU(s string) (float64, bool) {
	if milli, ok := strings.CutSuffix(s, "m"); ok {
		n, err := strconv.ParseUint(milli, 10, 32)
		return float64(n) / 1000, err == nil && n > 0
	}
	if !decimal.MatchString(s) {
		return 0, false
	}
	cpus, err := strconv.ParseFloat(s, 64)
	return cpus, err == nil && cpus >= 0.001
}

// memory returns the memory limit in bytes, a Kubernetes quantity such
// as 512Mi or 4Gi; a plain number is bytes.
func (c *checker) memory(f *fields) int64 {
	n := f.value("memory")
	const want = "a memory size such as 512Mi, 4Gi or 1.5G"
	if n == nil || !c.is(n, yaml.ScalarNode, f.field("memory"), want) {
		return 0
	}
	bytes, ok := parseMemory(n.Value)
	if tag := n.ShortTag(); !ok || (tag != "!!str" && tag != "!!int") {
		c.report(n, f.field("memory"), "want %s, got %s", want, got(n))
		return 0
	}
	if bytes < MinMemoryBytes {
		hint := ""
		if decimal.MatchString(n.Value) {
			hint = "; a plain number is bytes: did you mean " + strconv.Quote(n.Value+"Gi") + "?"
		}
		c.report(n, f.field("memory"), "want at least 6Mi, Docker's smallest limit, got %s%s", got(n), hint)
		return 0
	}
	return bytes
}

// parseMemory reads a memory quantity, rounding a fraction of a byte up
// as Kubernetes does.
func parseMemory(s string) (int64, bool) {
	m := memoryPat.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	r, ok := new(big.Rat).SetString(m[1])
	if !ok {
		return 0, false
	}
	r.Mul(r, new(big.Rat).SetInt64(memoryUnit[m[2]]))
	bytes := new(big.Int).Quo(r.Num(), r.Denom())
	if !r.IsInt() {
		bytes.Add(bytes, big.NewInt(1))
	}
	if !bytes.IsInt64() {
		return 0, false
	}
	return bytes.Int64(), true
}
