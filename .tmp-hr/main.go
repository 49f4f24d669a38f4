package main

import (
	"os"

	"github.com/jsbench/jsbench/bench/compare"
	"github.com/jsbench/jsbench/bench/htmlreport"
	"github.com/jsbench/jsbench/bench/report"
	"github.com/jsbench/jsbench/bench/results"
)

func main() {
	recs, warns, err := results.Load(os.Args[1])
	if err != nil {
		panic(err)
	}
	m := report.Build(recs, nil, compare.Options{})
	m.Warnings = warns
	m.Config = []report.ConfigLine{{Key: "jsbench", Value: "devel"}, {Key: "cpu", Value: "x"}}
	if err := htmlreport.HTML(os.Stdout, m); err != nil {
		panic(err)
	}
}
