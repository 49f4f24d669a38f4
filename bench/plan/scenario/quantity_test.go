package scenario

import "testing"

func TestParseCPU(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2", 2, true},
		{"1.5", 1.5, true},
		{"500m", 0.5, true},
		{"1m", 0.001, true},
		{"2500m", 2.5, true},
		{"0.001", 0.001, true},
		{"0", 0, false},
		{"0m", 0, false},
		{"0.0001", 0.0001, false},
		{"-1", 0, false},
		{"1.5m", 0, false},
		{"1e3", 0, false},
		{".5", 0, false},
		{"two", 0, false},
		{"m", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseCPU(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseCPU(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseMemory(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"4Gi", 4 << 30, true},
		{"512Mi", 512 << 20, true},
		{"1.5Gi", 3 << 29, true},
		{"1G", 1e9, true},
		{"128974848", 128974848, true},
		{"129M", 129e6, true},
		{"1k", 1000, true},
		{"1Ki", 1024, true},
		{"0.5", 1, true},        // a fraction of a byte rounds up
		{"1.0001k", 1001, true}, // 1000.1 bytes round up to 1001
		{"7Ei", 7 << 60, true},
		{"8Ei", 0, false}, // 2^63 overflows int64
		{"4GB", 0, false},
		{"4gi", 0, false},
		{"-1Gi", 0, false},
		{"1e9", 0, false},
		{"Gi", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseMemory(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseMemory(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
