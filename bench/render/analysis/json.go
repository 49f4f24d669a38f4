package analysis

import (
	"encoding/json"
	"fmt"
	"io"
)

// RenderJSON writes the report as one indented JSON document (schema
// jsbench.analysis/v2; durations in fields ending in _ms).
func RenderJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
