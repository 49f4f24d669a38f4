package simulator

import (
	"maps"
	"strings"
	"testing"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]string
	}{
		{"crlf with continuation",
			"Manifest-Version: 1.0\r\nPlugin-Dependencies: structs:350.v3b_30f09f2363,scm-api:70\r\n 4.v3ce5c542825a_\r\nShort-Name: git\r\n\r\n",
			map[string]string{"Manifest-Version": "1.0", "Plugin-Dependencies": "structs:350.v3b_30f09f2363,scm-api:704.v3ce5c542825a_", "Short-Name": "git"}},
		{"lf, no final blank line", "Short-Name: x\nLong-Name: X Plugin",
			map[string]string{"Short-Name": "x", "Long-Name": "X Plugin"}},
		{"second section ignored", "Short-Name: x\n\nName: lib/\nSealed: true\n",
			map[string]string{"Short-Name": "x"}},
		{"malformed lines skipped", " stray\nno colon here\n: no name\nShort-Name:x\n",
			map[string]string{"Short-Name": "x"}},
		{"empty", "", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseManifest([]byte(tt.in)); !maps.Equal(got, tt.want) {
				t.Errorf("parseManifest(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzParseManifest checks that attributes never carry a line break or
// an empty name, whatever the input.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("Manifest-Version: 1.0\r\nShort-Name: git\r\n Continued\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, value := range parseManifest(data) {
			if name == "" || strings.ContainsAny(name, "\n") || strings.ContainsAny(value, "\n") {
				t.Errorf("attribute %q: %q", name, value)
			}
		}
	})
}
