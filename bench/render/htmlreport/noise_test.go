package htmlreport

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

func quietHost() *results.Host {
	other := 3.0
	return &results.Host{CPUs: 2, ReferenceBefore: &results.Reference{CPUMS: 110, FileMS: 30, CPUSharePct: 97},
		During: &results.HostDuring{OthersPct: &other, PSI: &results.Pressure{CPUSomePct: 2}}}
}

// TestNoiseStrip: six runs, the fourth taken while other work used half
// the CPUs. The strip has a bar per run, one of them red and marked, the
// table names the reason, and the paired ratios are listed.
func TestNoiseStrip(t *testing.T) {
	var recs []results.Record
	for i, ready := range []float64{100, 110, 120, 130, 105, 115} {
		local, nfs := run("local", i+1, ready, 0, 0), run("nfs", i+1, 10*ready, 0, 0)
		local.Host, nfs.Host = quietHost(), quietHost()
		recs = append(recs, local, nfs)
	}
	busy := 52.0
	recs[7].Host.During.OthersPct = &busy // nfs#4
	m := report.Build(recs, nil, compare.Options{})
	sv := buildPage(m, Options{}).Scenarios[0]
	if sv.Noise == nil || len(sv.Noise.Strip.Bars) != 12 {
		t.Fatalf("noise view %+v: want 12 bars", sv.Noise)
	}
	var marked []string
	for _, b := range sv.Noise.Strip.Bars {
		if b.Busy {
			marked = append(marked, b.Title)
		}
	}
	if len(marked) != 1 || !strings.HasPrefix(marked[0], "nfs#4: ") || !strings.Contains(marked[0], "other work used 52% of the CPUs") {
		t.Errorf("marked bars %q, want nfs#4 with its reason", marked)
	}
	if !strings.Contains(sv.Noise.Summary, "1 of 12 runs were taken on a busy host") {
		t.Errorf("summary %q", sv.Noise.Summary)
	}
	if len(sv.Paired) != 1 || sv.Paired[0].Volume != "nfs" || sv.Paired[0].Ratio != "10.00×" || sv.Paired[0].CI != "10.00–10.00×" {
		t.Errorf("paired %+v, want nfs at 10.00× [10.00–10.00]", sv.Paired)
	}
	var b bytes.Buffer
	if err := Render(&b, m, Options{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`class="noise-strip"`, `fill="#c0392b"`, ">▲</text>", "Host figures run by run (12 runs)", "Paired with local, run by run"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestNoNoiseStripWithoutHostFigures(t *testing.T) {
	m := report.Build(runs("local", 0, 0, 100, 110, 120), nil, compare.Options{})
	if sv := buildPage(m, Options{}).Scenarios[0]; sv.Noise != nil {
		t.Errorf("noise strip %+v for runs without host figures", sv.Noise)
	}
}
