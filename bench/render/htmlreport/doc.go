// Package htmlreport renders what jsbench found as one self-contained
// HTML page: the last stage of the pipeline, beside bench/render/report's text
// formats, and the only package that links the chart library (go-echarts
// builds the chart options; the page draws them with Apache ECharts).
//
// What a reader sees first is the recommendation of each scenario (built
// by bench/render/report): the fastest durable storage with its median time to
// ready and 95% interval, how many times slower each other option is,
// the ceilings (tmpfs, volumes marked `ceiling: true`) apart and never
// recommended, and which options meet the scenario's recovery-time
// objective (rto), restore time included. Then come the
// charts (a phase waterfall, every run over a box plot, the trend over a
// history of nightly results), the statistics as tables, each failed run
// with the end of its log, and the environment, with a banner at the top
// when the numbers come from the simulated controller.
//
// The page needs no network: Apache ECharts 5.4.3 (the 5.4 line that
// go-echarts v2.6 generates options for) is embedded from
// assets/echarts-5.4.3.min.js, with its LICENSE and NOTICE beside it.
// scripts/fetch-echarts.sh (make echarts) takes that file from the npm
// package echarts@5.4.3 and checks its SHA-256, EChartsSHA256, which a
// test checks again. go-echarts' page templates, which link a CDN, are
// never used: only its option structures, marshalled as JSON.
//
// Escaping is by construction: html/template writes every string of the
// results (scenario and volume names, reasons, log lines, paths) as text,
// and the chart options go into a script element of type
// application/json through html/template's JSON escaping, so that no
// string can close the element.
//
// Restricted viewers: Jenkins serves archived artifacts with the
// Content-Security-Policy "sandbox allow-same-origin; default-src 'none';
// img-src 'self'; style-src 'self';", which blocks the page's scripts and
// its style element, and img-src 'self' blocks data: images too. Every
// headline and table is therefore plain HTML, and the phase waterfall of
// each scenario is also drawn as an inline <svg> element with
// presentation attributes only, which that policy does not block: the
// page reads, unstyled, with its verdicts, tables and static charts.
//
// The package is pure: Render takes a report.Model and writes to an
// io.Writer; it opens no file and reads no clock.
package htmlreport
