package simulator

import (
	"archive/zip"
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWarLayout(t *testing.T) {
	tests := []struct {
		name    string
		entries int
		mb      float64
		// detached and static are the expected counts of .hpi and static files.
		detached, static int
	}{
		{"default, 2.541.3", DefaultWarEntries, DefaultWarSizeMB, 48, 674},
		{"small", 200, 4, 10, 135},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layout, err := warLayout(tt.entries, int64(tt.mb*1e6))
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			bytes := map[string]int{}
			for _, e := range layout {
				kind := entryKind(e.Name)
				counts[kind]++
				bytes[kind] += e.Size
			}
			if len(layout) != tt.entries || counts["hpi"] != tt.detached || counts["static"] != tt.static || counts["winstone"] != 1 {
				t.Errorf("%d entries %v, want %d with %d hpi and %d static", len(layout), counts, tt.entries, tt.detached, tt.static)
			}
			// 43 MB of plugins to 52 MB of jars (calibration.md).
			if ratio := float64(bytes["hpi"]) / float64(bytes["jar"]); math.Abs(ratio-43.0/52) > 0.01 {
				t.Errorf("hpi/jar bytes = %.3f, want %.3f", ratio, 43.0/52)
			}
			if layout[0].Name != "META-INF/MANIFEST.MF" {
				t.Errorf("first entry %q, want the manifest", layout[0].Name)
			}
		})
	}
}

func entryKind(name string) string {
	switch {
	case name == "winstone.jar":
		return "winstone"
	case strings.HasSuffix(name, ".hpi"):
		return "hpi"
	case strings.HasPrefix(name, "WEB-INF/lib/"):
		return "jar"
	case strings.HasPrefix(name, "help/"), strings.HasPrefix(name, "images/"), strings.HasPrefix(name, "css/"), strings.HasPrefix(name, "scripts/"):
		return "static"
	default:
		return "misc"
	}
}

func TestWarLayoutErrors(t *testing.T) {
	for _, tt := range []struct {
		entries int
		mb      float64
		want    string
	}{
		{5, 10, "too few"},
		{1000, 0.5, "too small"},
	} {
		if _, err := warLayout(tt.entries, int64(tt.mb*1e6)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("warLayout(%d, %v MB) error = %v, want %q", tt.entries, tt.mb, err, tt.want)
		}
	}
}

// TestMakeWar checks that the WAR is a zip of the asked size, its jars
// stored and its text deflated, and that it is the same every time.
func TestMakeWar(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.war"), filepath.Join(dir, "b.war")
	for _, path := range []string{a, b} {
		if _, err := WriteWar(path, 300, 8e6); err != nil {
			t.Fatal(err)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("two WARs made alike differ")
	}
	if size := float64(len(da)); math.Abs(size-8e6)/8e6 > 0.02 {
		t.Errorf("WAR is %.0f bytes, want 8 MB within 2%%", size)
	}
	r, err := zip.OpenReader(a)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if len(r.File) != 300 {
		t.Errorf("%d entries, want 300", len(r.File))
	}
	for _, f := range r.File {
		binary := strings.HasSuffix(f.Name, ".jar") || strings.HasSuffix(f.Name, ".hpi") || strings.HasSuffix(f.Name, ".png")
		if binary != (f.Method == zip.Store) {
			t.Errorf("%s: method %d", f.Name, f.Method)
		}
	}
}

// TestSyntheticWarIsMakeWars checks that --war-entries/--war-mb extract
// the very files the WAR make-war writes for the same numbers holds.
func TestSyntheticWarIsMakeWars(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jenkins.war")
	if _, err := WriteWar(path, 120, 3e6); err != nil {
		t.Fatal(err)
	}
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	files, err := syntheticWarFiles(120, 3e6)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(r.File) {
		t.Fatalf("%d synthetic files, %d in the WAR", len(files), len(r.File))
	}
	buf := make([]byte, copyBuffer)
	for i, f := range r.File {
		var fromWar, synthetic bytes.Buffer
		if err := copyEntry(&fromWar, f, buf); err != nil {
			t.Fatal(err)
		}
		if err := files[i].write(&synthetic); err != nil {
			t.Fatal(err)
		}
		if files[i].name != f.Name || !bytes.Equal(fromWar.Bytes(), synthetic.Bytes()) {
			t.Fatalf("entry %d: %s (%d bytes) in the WAR, %s (%d bytes) synthetic", i, f.Name, fromWar.Len(), files[i].name, synthetic.Len())
		}
	}
}

// BenchmarkMakeWar writes a default-sized WAR (96.3 MB); the target is
// well under 2 s.
func BenchmarkMakeWar(b *testing.B) {
	path := filepath.Join(b.TempDir(), "jenkins.war")
	for b.Loop() {
		size, err := WriteWar(path, DefaultWarEntries, int64(DefaultWarSizeMB*1e6))
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(size)
	}
}
