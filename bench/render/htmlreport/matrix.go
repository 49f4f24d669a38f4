package htmlreport

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/render/report"
)

// matrixView is a recovery matrix as the page shows it: failures down,
// storages across, its verdict in words above.
type matrixView struct {
	Scenario, Anchor string
	Lines            []string
	Volumes          []string
	Rows             []matrixRowView
	LossNote         string
	Phases           []string
}

// matrixRowView is one failure of a matrix.
type matrixRowView struct {
	Failure string
	Cells   []matrixCellView
}

// matrixCellView is one storage × failure; Bad marks one that did not
// recover, Title says why or how many runs.
type matrixCellView struct {
	Text, Title string
	Bad         bool
}

func buildMatrices(ms []report.Matrix) []matrixView {
	var out []matrixView
	for i, m := range ms {
		v := matrixView{Scenario: m.Scenario, Anchor: fmt.Sprintf("matrix-%d", i), Lines: m.Lines(),
			LossNote: m.LossNote(), Phases: m.PhaseLines()}
		for _, r := range m.Rows {
			v.Volumes = append(v.Volumes, r.Volume)
		}
		for c, col := range m.Columns {
			row := matrixRowView{Failure: col.Label}
			for _, r := range m.Rows {
				cell := r.Cells[c]
				title := fmt.Sprintf("%d of %d runs recovered", cell.OK, cell.Total)
				if cell.Reason != "" {
					title += ": " + cell.Reason
				}
				row.Cells = append(row.Cells, matrixCellView{Text: report.CellText(cell), Title: title,
					Bad: cell.Measured() && !cell.Survived()})
			}
			v.Rows = append(v.Rows, row)
		}
		out = append(out, v)
	}
	return out
}
