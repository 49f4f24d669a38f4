package htmlreport_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// chartState is what a chart container holds once the page has loaded.
type chartState struct {
	ID      string `json:"id"`
	Canvas  bool   `json:"canvas"`
	Painted int    `json:"painted"`
}

const chartsJS = `Array.from(document.querySelectorAll('.chart')).map(function (el) {
  var c = el.querySelector('canvas'), painted = 0;
  if (c && c.width > 0 && c.height > 0) {
    var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) painted++; }
  }
  return {id: el.id, canvas: !!c, painted: painted};
})`

// outline is what a reader finds on the page, scripts or not.
type outline struct {
	Headings []string `json:"headings"`
	Verdicts []string `json:"verdicts"`
	Tables   []string `json:"tables"`
	Hidden   []string `json:"hidden"`
	SVGRects int      `json:"svgRects"`
	Pwned    string   `json:"pwned"`
	Images   int      `json:"images"`
	Scripts  int      `json:"scripts"`
	Text     string   `json:"text"`
	Drawn    string   `json:"drawn"`
}

const outlineJS = `(function () {
  var text = function (e) { return e.textContent.trim().replace(/\s+/g, ' '); };
  var all = function (sel) { return Array.from(document.querySelectorAll(sel)); };
  return {
    headings: all('h1, h2, h3').map(text),
    verdicts: all('.verdict, .slower li, .rto-line').map(text),
    tables: all('table').map(function (t) { return (t.caption ? text(t.caption) : '') + ': ' + t.rows.length + ' rows'; }),
    hidden: all('h1, h2, .verdict, .options, .stats').filter(function (e) {
      return !e.closest('details') && e.getBoundingClientRect().height === 0;
    }).map(text),
    svgRects: all('svg.waterfall rect').length,
    pwned: typeof window.__pwned,
    images: document.images.length,
    scripts: document.scripts.length,
    text: document.body.textContent,
    drawn: document.documentElement.getAttribute('data-charts') || ''
  };
})()`

// TestReportInABrowser opens reports of a real run of the simulated
// controller in headless Chromium with no network: the run's own
// index.html, then a report of the same records carrying script payloads
// in their reason, log lines and volume parameters, with a history for
// the trend charts. It then reads that report with scripts disabled and
// under Jenkins's default Content-Security-Policy.
func TestReportInABrowser(t *testing.T) {
	browser := newBrowser(t)
	s := measure(t)
	s.reportWithHistory(t)

	t.Run("the run's index.html", func(t *testing.T) {
		ctx, v := open(t, browser, fileURL(s.out+"/index.html"), pageOptions{offline: true})
		checkCharts(t, ctx, 2) // waterfall and runs of the scenario that came up
		checkQuiet(t, v)
	})

	var withScripts outline
	t.Run("report with payloads and history", func(t *testing.T) {
		ctx, v := open(t, browser, fileURL(s.report), pageOptions{offline: true})
		checkCharts(t, ctx, 3) // and its trend
		checkQuiet(t, v)
		withScripts = eval[outline](t, ctx, outlineJS)
		checkPayloads(t, withScripts)
		if withScripts.Drawn != "3" {
			t.Errorf("the page's script drew %q charts, want 3", withScripts.Drawn)
		}
		eval[int](t, ctx, `(function () { var n = 0; document.querySelectorAll('.failure details').forEach(function (d) { d.open = true; n++; }); return n; })()`)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		saveArtifact(t, "report-full.png", png)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx, v := open(t, browser, fileURL(s.report), pageOptions{offline: true, noScripts: true})
		checkStatic(t, eval[outline](t, ctx, outlineJS), withScripts)
		checkQuiet(t, v)
	})

	t.Run("under Jenkins's Content-Security-Policy", func(t *testing.T) {
		url := serveWithCSP(t, s.report)
		ctx, v := open(t, browser, url, pageOptions{})
		checkStatic(t, eval[outline](t, ctx, outlineJS), withScripts)
		for _, r := range v.requests {
			if r != url && !strings.HasSuffix(r, "/favicon.ico") { // the browser's own request
				t.Errorf("request to %s: the page must load nothing", r)
			}
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		saveArtifact(t, "report-csp.png", png)
	})
}

// checkCharts wants every chart container to hold a painted canvas.
func checkCharts(t *testing.T, ctx context.Context, want int) {
	t.Helper()
	charts := eval[[]chartState](t, ctx, chartsJS)
	if len(charts) != want {
		t.Errorf("%d chart containers, want %d", len(charts), want)
	}
	for _, c := range charts {
		if !c.Canvas || c.Painted < 2000 {
			t.Errorf("chart %s: canvas %t with %d painted pixels: not drawn", c.ID, c.Canvas, c.Painted)
		}
	}
}

// checkQuiet wants no console error, no exception and no request that
// is not the file itself or inline data.
func checkQuiet(t *testing.T, v *visit) {
	t.Helper()
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, e := range v.errors {
		t.Errorf("browser reported %s", e)
	}
	for _, r := range v.requests {
		if !strings.HasPrefix(r, "file://") && !strings.HasPrefix(r, "data:") {
			t.Errorf("request to %s: the page must need no network", r)
		}
	}
}

// checkPayloads wants the payloads shown as text and never run.
func checkPayloads(t *testing.T, o outline) {
	t.Helper()
	if o.Pwned != "undefined" {
		t.Errorf("window.__pwned is %s: a payload ran", o.Pwned)
	}
	if o.Images != 0 || o.Scripts != 3 {
		t.Errorf("%d images and %d scripts: a payload became markup (want 0 and the page's 3)", o.Images, o.Scripts)
	}
	for _, p := range []string{scriptPayload, namePayload} {
		if !strings.Contains(o.Text, p) {
			t.Errorf("the page does not show %q as text", p)
		}
	}
}

// checkStatic wants a page whose scripts did not run to show every
// heading, verdict and table of the scripted page, and the static charts.
func checkStatic(t *testing.T, got, scripted outline) {
	t.Helper()
	if got.Drawn != "" {
		t.Errorf("the page's script ran (drew %s charts)", got.Drawn)
	}
	for _, f := range []struct {
		name      string
		got, want []string
	}{{"headings", got.Headings, scripted.Headings}, {"verdicts", got.Verdicts, scripted.Verdicts}, {"tables", got.Tables, scripted.Tables}} {
		if len(f.want) == 0 || !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s without scripts:\n%q\nwith scripts:\n%q", f.name, f.got, f.want)
		}
	}
	if len(got.Hidden) > 0 {
		t.Errorf("not shown: %q", got.Hidden)
	}
	if got.SVGRects < 10 {
		t.Errorf("%d bars in the static waterfalls: not drawn", got.SVGRects)
	}
	checkPayloads(t, got)
}
