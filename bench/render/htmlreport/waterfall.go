package htmlreport

// waterfall is the median duration of each phase of each option: the
// data of both the static and the interactive phase chart.
type waterfall struct {
	Scenario string
	// Volumes are the bars, fastest first.
	Volumes []string
	// Phases are the slices of each bar in start order: the restore of a
	// snapshot first, then the logged phases.
	Phases []string
	// MS holds the median of phase i on volume j at [i][j], 0 when the
	// volume lacks the phase.
	MS [][]float64
	// TotalMS is the ranked figure of each volume (the label of a bar).
	TotalMS []float64
	Unit    unit
}

// buildWaterfall lays out the phases of the options in rank order.
func buildWaterfall(d *scenarioData, ranked []option) waterfall {
	w := waterfall{Scenario: d.name}
	for _, o := range ranked {
		if o.HasData {
			w.Volumes = append(w.Volumes, o.Volume)
			w.TotalMS = append(w.TotalMS, o.Figure.MedianMS)
		}
	}
	phases := d.phases
	for _, v := range w.Volumes {
		if _, ok := d.summary(v, "restore"); ok {
			phases = append([]string{"restore"}, d.phases...)
			break
		}
	}
	longest := 0.0
	for _, p := range phases {
		row := make([]float64, len(w.Volumes))
		for j, v := range w.Volumes {
			if s, ok := d.summary(v, p); ok {
				row[j] = s.MedianMS
			}
		}
		w.Phases = append(w.Phases, p)
		w.MS = append(w.MS, row)
	}
	for j := range w.Volumes {
		longest = max(longest, w.TotalMS[j], w.barMS(j))
	}
	w.Unit = unitFor(longest)
	return w
}

// barMS is the length of bar j: the sum of its phase medians.
func (w waterfall) barMS(j int) float64 {
	sum := 0.0
	for i := range w.Phases {
		sum += max(w.MS[i][j], 0)
	}
	return sum
}

// phaseColors gives the phases that every start has fixed colors, so
// that charts of different scenarios read alike; milestones take the
// palette in order.
var phaseColors = map[string]string{
	// The cluster's steps before Jenkins's own (Kubernetes runtime), in
	// greys and browns so that they read apart from Jenkins's phases.
	"terminating":     "#7a5c3e",
	"detach":          "#a07850",
	"pvc_bind":        "#c4a484",
	"schedule":        "#b8b8b8",
	"attach":          "#8e8e8e",
	"pod_setup":       "#6e7781",
	"init_restore":    "#6b4c9a",
	"image":           "#c7b9d6",
	"container_start": "#d3d9de",
	"restore":         "#6b4c9a",
	"pre_jvm":         "#9aa5b1",
	"entrypoint":      "#7b8794",
	"launcher":        "#9aa5b1",
	"war_extraction":  "#e8833a",
	"http_open":       "#f2c14e",
	"fully_up":        "#1f2933",
}

var palette = []string{"#2f6db5", "#4c9be8", "#59b5a6", "#3d8c5c", "#8cc56b", "#c95a8c",
	"#e392b5", "#7f6fd1", "#a3a0e8", "#b5835a", "#5b6570", "#d64545"}

// colors assigns a color to each phase.
func colors(phases []string) []string {
	out := make([]string, len(phases))
	next := 0
	for i, p := range phases {
		if c, ok := phaseColors[p]; ok {
			out[i] = c
			continue
		}
		out[i] = palette[next%len(palette)]
		next++
	}
	return out
}
