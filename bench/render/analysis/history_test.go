package analysis

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

func parseShape(t *testing.T, name string) Log {
	t.Helper()
	f, err := os.Open("../../observe/jenkinslog/testdata/shapes/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := jenkinslog.Parse(f, jenkinslog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Log{Name: name, Result: r}
}

// TestRenderHistory checks the restart history of restart-history.log
// in text and HTML: each start with when it began, how the one before
// ended, the gap and the outage (figures derived in the parser's
// TestShapeHistory).
func TestRenderHistory(t *testing.T) {
	r := Build([]Log{parseShape(t, "restart-history.log")})
	var text, page bytes.Buffer
	if err := RenderText(&text, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"restart history: 5 starts, 3 fully up, 2 failed; ended: 3 stopped, 1 killed or crashed, no shutdown line, 1 log ends",
		"4 gaps, median 37.500 s, longest 1 min 35 s", "2 outages, median 1 min 32 s, longest 2 min 57 s",
		"│     5 │ 2025-06-04 11:03:05.417 +0000 │ killed               │ 1 min 35 s │ 2 min 57 s │ up in 3.391 s        │",
		"ended: stopped (line 23: Restarting VM as requested by admin); last timestamped line at 2025-06-03 11:00:04.042 +0000",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if err := RenderHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, want := range []string{"<h3>Restart history</h3>", "<td>killed</td>", `<td class="num">2 min 57 s</td>`, "Ended: stopped (line 51: JVM is terminating. Shutting down Jetty)"} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "http://") || strings.Contains(html, "https://") {
		t.Error("the page is not self-contained: it holds a script or a link out")
	}
}
