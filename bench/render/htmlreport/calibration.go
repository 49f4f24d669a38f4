package htmlreport

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/render/report"
)

// calibrationView shows a calibrated scenario's source log against the
// simulated start on local disk, and what each storage predicts.
type calibrationView struct {
	Source, Version, Local, Workload string
	Tolerance                        string
	Rows                             []calibrationRowView
	Predictions                      []predictionView
	Warnings                         []string
}

type calibrationRowView struct {
	Phase, Log, Simulated, Difference, Verdict string
	Outside                                    bool
}

type predictionView struct {
	Volume, FullyUp, VsLocal, Ops, Injected, Explained string
	Ceiling                                            bool
}

// buildCalibration finds the model's calibration of a scenario.
func buildCalibration(m report.Model, scenario string) *calibrationView {
	for _, c := range m.Calibrations {
		if c.Scenario == scenario {
			return calibrationOf(c)
		}
	}
	return nil
}

func calibrationOf(c report.Calibration) *calibrationView {
	v := &calibrationView{Source: c.Source, Version: c.JenkinsVersion, Local: c.Local, Workload: c.Workload,
		Tolerance: fmt.Sprintf("±%.0f%%", report.CalibrationTolerance*100), Warnings: c.Warnings}
	for _, r := range append(append([]report.CalibrationRow{}, c.Phases...), c.FullyUp) {
		row := calibrationRowView{Phase: r.Name, Log: duration(r.LogMS), Simulated: "–", Difference: "–"}
		if r.HasSim {
			row.Simulated = duration(r.SimMS)
			if r.LogMS > 0 {
				row.Difference = fmt.Sprintf("%+.0f%%", (r.SimMS-r.LogMS)/r.LogMS*100)
			}
		}
		if r.Judged {
			row.Verdict, row.Outside = "within", !r.Within
			if row.Outside {
				row.Verdict = "outside"
			}
		}
		v.Rows = append(v.Rows, row)
	}
	for _, p := range c.Predictions {
		pv := predictionView{Volume: p.Volume, FullyUp: duration(p.FullyUpMS), VsLocal: "–", Ops: "–", Injected: "–", Ceiling: p.Ceiling}
		if p.VsLocal > 0 {
			pv.VsLocal = ratio(p.VsLocal)
		}
		if p.Ops > 0 {
			pv.Ops, pv.Injected = fmt.Sprint(p.Ops), duration(p.InjectedMS)
			for i, o := range p.TopOps {
				if i > 0 {
					pv.Explained += ", "
				}
				pv.Explained += fmt.Sprintf("%d %s × %s", o.Count, o.Op, duration(o.InjectedMS/float64(max(o.Count, 1))))
			}
		}
		v.Predictions = append(v.Predictions, pv)
	}
	return v
}
