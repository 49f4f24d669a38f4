package analysis

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// TestFullyUpOnTheStartsClock: a two-line log read through docker logs
// --timestamps is timed by the Docker stamps, and analyze says when it
// was fully up on that clock: 09:15:30.611 + 11.294 s = 09:15:41.905,
// not the log's own whole second, 09:15:41.
func TestFullyUpOnTheStartsClock(t *testing.T) {
	f, err := os.Open("../../observe/jenkinslog/testdata/synthetic/s14-two-line-docker-timestamps.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := jenkinslog.Parse(f, jenkinslog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RenderText(&out, Build([]Log{{Name: "s14", Result: res}})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"timed by the --timestamps stamps of docker or kubectl (1ns)",
		"fully up at 2024-04-19 09:15:41.905 +0000 (11.294 s after the first timestamped line)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
