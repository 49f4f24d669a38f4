package snapshot

import "testing"

func TestParseSize(t *testing.T) {
	good := map[string]int64{"0": 0, "1024": 1024, "512Mi": 512 << 20, "20G": 20 << 30, "1.5Ti": 3 << 39, "200GB": 200e9, "10k": 10000, "-1": -1}
	for in, want := range good {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-5", "1e400", "NaN", "20 furlongs", "9999999999T"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}
