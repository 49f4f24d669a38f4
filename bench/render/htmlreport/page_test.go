package htmlreport

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// run makes the record of one run of scenario "pick" on volume. A
// positive restoreMS makes it a restored snapshot.
func run(volume string, iteration int, readyMS, restoreMS, rtoMS float64) results.Record {
	r := results.Record{Schema: results.SchemaV1, SuiteID: "now", Scenario: "pick", Iteration: iteration,
		Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
		Volume:  results.Volume{Name: volume, Kind: "local"}, Status: results.StatusOK,
		StartedAt: time.Date(2026, 5, 1, 23, 0, iteration, 0, time.UTC),
		ReadyMS:   readyMS, RTOMS: rtoMS,
		Phases: []results.Phase{{Name: "pre_jvm", DurationMS: readyMS / 4}, {Name: "fully_up", StartMS: readyMS / 4, DurationMS: readyMS * 3 / 4}}}
	if restoreMS > 0 {
		r.Volume.Kind, r.RestoreMS, r.RecoveryMS = "snapshot", restoreMS, restoreMS+readyMS
	}
	if volume == "tmpfs" {
		r.Volume.Kind = "tmpfs"
	}
	return r
}

func runs(volume string, restoreMS, rtoMS float64, ready ...float64) []results.Record {
	var out []results.Record
	for i, v := range ready {
		out = append(out, run(volume, i+1, v, restoreMS, rtoMS))
	}
	return out
}

func failed(volume string, rtoMS float64) results.Record {
	r := run(volume, 9, 0, 0, rtoMS)
	r.Status, r.Reason, r.Phases, r.LastLines = results.StatusTimeout, "not fully up within 1m", nil, []string{"last line"}
	return r
}

// TestVerdict checks the headline against figures derived by hand, six
// runs a volume (enough for a 95 % interval: [X(1), X(6)]): tmpfs ready
// {100, 105, 110, 110, 115, 120} has median 110 ms but is a ceiling;
// local {300, 320, 330, 330, 340, 360} 330 ms; restored is 50 ms of
// restore + {200, 205, 210, 210, 215, 220} of ready, recovery {250 … 270}
// with median 260 ms: the fastest durable option. Run by run local took
// 300/250 … 360/270 = 1.20 … 1.33× restored's time, every ratio above 1,
// so the difference is beyond noise and restored is recommended. Local
// is 330/260 = 1.27× slower; tmpfs is shown apart at 110/260 = 0.423×.
// Against an RTO of 300 ms: restored's slowest recovery, 270 ms, is
// within, local's median is not. A seventh tmpfs run of 500 ms leaves
// its median at 110 ms and puts it at risk; it never becomes the
// recommendation.
func TestVerdict(t *testing.T) {
	tests := []struct {
		name                                             string
		extra                                            []results.Record
		rtoMS                                            float64
		recommended, slower, ceilings, met, risk, missed string
	}{
		{"no objective", nil, 0, "restored", "local 1.27× (330 ms)", "tmpfs 0.423× (110 ms)", "", "", ""},
		{"objective of 300 ms", nil, 300, "restored", "local 1.27× (330 ms)", "tmpfs 0.423× (110 ms)", "tmpfs restored", "", "local"},
		{"a timed-out run puts it at risk", []results.Record{failed("tmpfs", 300)}, 300, "restored",
			"local 1.27× (330 ms)", "tmpfs 0.423× (110 ms)", "restored", "tmpfs", "local"},
		{"objective below every median", nil, 100, "restored", "local 1.27× (330 ms)", "tmpfs 0.423× (110 ms)", "", "", "tmpfs restored local"},
		{"a slow run of the ceiling", []results.Record{run("tmpfs", 7, 500, 0, 300)}, 300, "restored",
			"local 1.27× (330 ms)", "tmpfs 0.423× (110 ms)", "restored", "tmpfs", "local"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []results.Record
			recs = append(recs, runs("local", 0, tt.rtoMS, 300, 320, 330, 330, 340, 360)...)
			recs = append(recs, runs("tmpfs", 0, tt.rtoMS, 100, 105, 110, 110, 115, 120)...)
			recs = append(recs, runs("restored", 50, tt.rtoMS, 200, 205, 210, 210, 215, 220)...)
			recs = append(recs, tt.extra...)
			h := buildPage(report.Build(recs, nil, compare.Options{}), Options{}).Scenarios[0].Headline
			views := func(vs []slowerView) string {
				var out []string
				for _, s := range vs {
					out = append(out, s.Volume+" "+s.Ratio+" ("+s.Figure+")")
				}
				return strings.Join(out, "; ")
			}
			got := []string{h.Recommended, views(h.Slower), views(h.Ceilings), strings.Join(h.RTOMet, " "),
				strings.Join(h.RTOAtRisk, " "), strings.Join(h.RTOMissed, " ")}
			want := []string{tt.recommended, tt.slower, tt.ceilings, tt.met, tt.risk, tt.missed}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("headline part %d = %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}

// payload would run if any string reached the page unescaped.
const payload = `</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">`

func TestEveryRecordedStringIsEscaped(t *testing.T) {
	recs := runs("local", 0, 0, 100, 110, 120)
	bad := failed("local", 0)
	bad.Reason, bad.LastLines = payload, []string{payload, "ok line"}
	bad.Volume.Params = map[string]string{"source": payload}
	bad.Home = results.Home{Kind: "dir", Source: payload}
	recs = append(recs, bad)
	recs[0].Subject.Name = payload
	m := report.Build(recs, nil, compare.Options{})
	m.Warnings = []string{payload}
	m.Config = []report.ConfigLine{{Key: "host", Value: payload}}
	var b bytes.Buffer
	if err := Render(&b, m, Options{History: []Past{{Label: payload, Records: runs("local", 0, 0, 90, 95, 99)}}}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("%d script elements, want the 3 of the page", n)
	}
	for _, raw := range []string{"<script>window.__pwned", "<img src=x", `onerror="window`} {
		if strings.Contains(page, raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
	if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;") {
		t.Error("the payload does not show as text")
	}
	charts := page[strings.Index(page, `id="jsbench-charts">`):]
	charts = charts[:strings.Index(charts, "</script>")]
	if strings.Contains(charts, "<") {
		t.Errorf("chart data holds a raw '<': %.200s", charts)
	}
}

func TestPageIsSelfContained(t *testing.T) {
	sum := sha256.Sum256([]byte(echartsJS))
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		t.Errorf("embedded echarts sha256 %s, want %s (run scripts/fetch-echarts.sh)", got, EChartsSHA256)
	}
	var b bytes.Buffer
	if err := HTML(&b, report.Build(runs("local", 0, 0, 100, 110), nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, link := range []string{"<script src", "<link", "go-echarts-assets", `src="http`, `href="http`, "@import"} {
		if strings.Contains(page, link) {
			t.Errorf("the page links %q: it must open with no network", link)
		}
	}
}

func TestTrendNeedsAnEarlierSession(t *testing.T) {
	current := runs("local", 0, 0, 100, 110, 120)
	for _, tt := range []struct {
		name string
		past []Past
		want bool
	}{
		{"no history", nil, false},
		{"the same runs only", []Past{{Label: "2026-05-01-nightly", Records: current}}, false},
		{"an earlier night", []Past{{Label: "2026-04-30-nightly", Records: relabel(runs("local", 0, 0, 90, 95, 99), "before")}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := buildPage(report.Build(current, nil, compare.Options{}), Options{History: tt.past})
			if got := p.Scenarios[0].TrendID != ""; got != tt.want {
				t.Errorf("trend chart %t, want %t", got, tt.want)
			}
		})
	}
}

func relabel(recs []results.Record, suite string) []results.Record {
	for i := range recs {
		recs[i].SuiteID = suite
	}
	return recs
}

// TestPurity checks that the renderer does no I/O of its own and links
// neither Docker, FUSE nor a browser.
func TestPurity(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}|{{join .Deps " "}}`, ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	imports, deps, _ := strings.Cut(string(out), "|")
	for _, imp := range strings.Fields(imports) {
		switch imp {
		case "os", "os/exec", "net", "net/http", "syscall", "time":
			t.Errorf("htmlreport imports %s: it takes a model and writes to a writer", imp)
		}
	}
	for _, dep := range strings.Fields(deps) {
		for _, heavy := range []string{"github.com/testcontainers/", "github.com/moby/", "github.com/hanwen/go-fuse", "github.com/chromedp/", "k8s.io/"} {
			if strings.HasPrefix(dep, heavy) {
				t.Errorf("htmlreport links %s", dep)
			}
		}
	}
}
