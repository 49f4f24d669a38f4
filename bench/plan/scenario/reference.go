package scenario

import (
	"strings"
	"time"
)

// reference reads `reference`, the volume every other volume is paired
// with (paired ratios, bench/analyze/stats): a volume of the scenario. Left out,
// it is the first volume of kind local, if any.
func (c *checker) reference(f *fields, vols []Volume) string {
	if f.value("reference") == nil {
		for _, v := range vols {
			if v.Kind == "local" {
				return v.Name
			}
		}
		return ""
	}
	name := c.str(f, "reference", "")
	names := make([]string, 0, len(vols))
	for _, v := range vols {
		if v.Name == name {
			return name
		}
		names = append(names, v.Name)
	}
	if len(vols) > 0 {
		c.report(f.value("reference"), f.field("reference"), "no volume named %q; the scenario's volumes: %s", name, strings.Join(names, ", "))
	}
	return ""
}

// budget reads `budget`, the time an adaptive scenario may spend on its
// measured runs: once spent, the runner starts no new iteration.
func (c *checker) budget(f *fields, adaptive *Adaptive) time.Duration {
	if f.value("budget") == nil {
		return 0
	}
	if adaptive == nil {
		c.report(f.value("budget"), f.field("budget"), "only with runs: auto")
		return 0
	}
	return c.duration(f, "budget", 0)
}
