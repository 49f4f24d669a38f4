package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/record/history"
	"github.com/jsbench/jsbench/bench/render/htmlreport"
	"github.com/jsbench/jsbench/bench/render/report"
)

// indexFile is the HTML report jsbench run writes next to results.jsonl.
const indexFile = "index.html"

// htmlWithHistory is the html renderer with the trend over the entries of
// a history directory, and the warnings met reading them.
func htmlWithHistory(format, dir string) (report.Renderer, []string, error) {
	if format != "html" {
		return nil, nil, fmt.Errorf("--history draws trend charts: use it with --format html, not %q", format)
	}
	entries, err := history.List(dir)
	if err != nil {
		return nil, nil, err
	}
	past := make([]htmlreport.Past, 0, len(entries))
	var warnings []string
	for _, e := range entries {
		past = append(past, htmlreport.Past{Label: e.Name, Records: e.Records})
		for _, w := range e.Warnings {
			warnings = append(warnings, "history entry "+e.Name+": "+w)
		}
	}
	return htmlreport.Renderer(htmlreport.Options{History: past}), warnings, nil
}

// sessionConfig reads the environment lines that jsbench run wrote into
// results.json beside the results, when there is one.
func sessionConfig(dir string) []report.ConfigLine {
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		return nil
	}
	var summary struct {
		Config []report.ConfigLine `json:"config"`
	}
	if json.Unmarshal(data, &summary) != nil {
		return nil
	}
	return summary.Config
}

// writeHTML writes the HTML report of a session into dir.
func writeHTML(dir string, m report.Model) error {
	path := filepath.Join(dir, indexFile)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	err = htmlreport.HTML(f, m)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write html report %q: %w", path, err)
	}
	return nil
}
