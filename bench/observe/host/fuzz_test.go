package host

import "testing"

// FuzzParse feeds every parser the same bytes: none may panic, and
// what ParseStat accepts must add up.
func FuzzParse(f *testing.F) {
	f.Add([]byte(statSample))
	f.Add([]byte("some avg10=1.00 avg60=0.00 avg300=0.00 total=5\nfull avg10=0 avg60=0 avg300=0 total=2\n"))
	f.Add([]byte("1 (a b) S 1 1 1 0 -1 0 0 0 0 0 1 2 3 4 20 0 1 0 1 1 1\n"))
	f.Add([]byte("0::/\n1:cpu,cpuacct:/docker/x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := ParseStat(data); err == nil && s.CPU.Busy() > s.CPU.Total() {
			t.Errorf("busy %d exceeds total %d", s.CPU.Busy(), s.CPU.Total())
		}
		ParsePressure(data)
		ParseLoadavg(data)
		ParseProcessCPU(data)
		ParseCgroups(data)
		ParseKeyValues(data)
	})
}
