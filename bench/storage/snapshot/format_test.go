package snapshot

import "testing"

func TestFormatFromName(t *testing.T) {
	tests := []struct {
		name string
		want Format
	}{
		{"home.tar", FormatTar},
		{"/backups/home.tar.gz", FormatTarGzip},
		{"home.TGZ", FormatTarGzip},
		{"home.tar.zst", FormatTarZstd},
		{"home.tzst", FormatTarZstd},
		{"home.zip", ""},
		{"home", ""},
		{"home.gz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatFromName(tt.name)
			if got != tt.want || (err != nil) != (tt.want == "") {
				t.Errorf("FormatFromName(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
		})
	}
}
