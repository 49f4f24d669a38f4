package container

import (
	"errors"
	"strings"
	"testing"
)

func TestParseLDD(t *testing.T) {
	out := []byte(`	linux-vdso.so.1 (0x00007f40967fb000)
	libtinfo.so.6 => /lib/x86_64-linux-gnu/libtinfo.so.6 (0x00007f4096676000)
	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f4096494000)
	/lib64/ld-linux-x86-64.so.2 (0x00007f40967fd000)
`)
	libs, err := parseLDD(out)
	want := []string{"/lib/x86_64-linux-gnu/libtinfo.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"}
	if err != nil || len(libs) != len(want) {
		t.Fatalf("libs %q, %v; want %q", libs, err, want)
	}
	for i := range want {
		if libs[i] != want[i] {
			t.Errorf("lib %d = %q, want %q", i, libs[i], want[i])
		}
	}
	if _, err := parseLDD([]byte("\tlibfoo.so.1 => not found\n")); err == nil {
		t.Error("a missing library was not reported")
	}
}

// TestMissingToolNamesThePackage: a program the host lacks is named by
// its Debian package, with the command that installs it.
func TestMissingToolNamesThePackage(t *testing.T) {
	_, err := hostFiles(t.Context(), []hostTool{{Path: "/usr/bin/x", Candidates: []string{"no-such-program-jsbench"}, Package: "jsbench-nothing"}})
	if !errors.Is(err, ErrMissingTool) {
		t.Fatalf("error %v, want ErrMissingTool", err)
	}
	if want := "apt-get install jsbench-nothing"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
}
