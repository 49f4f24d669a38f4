package htmlreport

import _ "embed"

// EChartsVersion is the Apache ECharts release embedded in every page:
// the 5.4 line that go-echarts v2.6 generates options for.
const EChartsVersion = "5.4.3"

// EChartsSHA256 is the SHA-256 of the embedded dist/echarts.min.js, as
// scripts/fetch-echarts.sh verifies it when it takes the file from the
// npm package echarts@5.4.3.
const EChartsSHA256 = "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19"

// echartsJS is the library itself, so that a page draws its charts with
// no network at all.
//
//go:embed assets/echarts-5.4.3.min.js
var echartsJS string

//go:embed web/page.html.tmpl
var pageTemplate string

//go:embed web/style.css
var styleCSS string

//go:embed web/app.js
var appJS string
