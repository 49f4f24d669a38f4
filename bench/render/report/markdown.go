package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
)

// Markdown writes the Model as GitHub-flavoured Markdown, fit for a job
// summary or a pull-request comment: the recommendation first, then the
// verdict's headline and table, then the summaries, then the warnings.
func Markdown(w io.Writer, m Model) error {
	var b strings.Builder
	b.WriteString("## jsbench startup times\n\n")
	markdownRecommendations(&b, m.Recommendations)
	markdownMatrices(&b, m.Matrices)
	if v := m.Verdict; v != nil {
		markdownVerdict(&b, *v)
	}
	b.WriteString("| scenario | volume | phase | runs | median ms | 95% CI ms | p5 ms | p95 ms | IQR ms | outliers | not finished |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range m.Summaries {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %d | %d |\n", cell(s.Scenario), cell(s.Volume),
			cell(s.Phase), s.N, ms(s.MedianMS), ciText(s), ms(s.P5MS), ms(s.P95MS), ms(s.IQRMS), len(s.Outliers), unfinished(s))
	}
	markdownCalibrations(&b, m.Calibrations)
	markdownPaired(&b, m.Paired)
	for _, line := range hostLines(m) {
		b.WriteString("\n" + escapeMarkdown(line) + "\n")
	}
	if lines := warningLines(m); len(lines) > 0 {
		b.WriteString("\n<details><summary>Warnings (" + fmt.Sprint(len(lines)) + ")</summary>\n\n")
		for _, l := range lines {
			b.WriteString("- " + escapeMarkdown(l) + "\n")
		}
		b.WriteString("\n</details>\n")
	}
	if len(m.Summaries) > 0 && m.Summaries[0].CIMethod != "" {
		b.WriteString("\nCI of the median: " + m.Summaries[0].CIMethod + ".\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func markdownVerdict(b *strings.Builder, v compare.Verdict) {
	label := map[compare.Outcome]string{compare.NoRegression: "✅ No regression", compare.Regression: "❌ Regression",
		compare.Unusable: "⚠️ Unusable input", compare.Inconclusive: "⏸️ Inconclusive: host too noisy"}
	fmt.Fprintf(b, "**%s** — %s\n\n", label[v.Outcome()], escapeMarkdown(v.Headline()))
	b.WriteString("| scenario / volume / phase | status | gate | baseline ms | new ms | change [95% CI] | paired ratio | p | why |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|--:|---|\n")
	for _, r := range v.Rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(r.Key.String()), statusText(r.Status), r.Gate,
			ms(r.BaselineMedianMS), ms(r.CurrentMedianMS), changeText(r), pairedChangeText(r), pText(r.Test.P, r.Test.Method), cell(r.Reason))
	}
	if len(v.Rows) > 0 {
		fmt.Fprintf(b, "\nTest: %s where both sides have fewer than 50 runs and no ties, else %s. Regression: p < %g and median slower by more than %g%%.\n\n",
			compare.MethodExact, compare.MethodNormal, v.Alpha, v.ThresholdPct)
	}
}

func statusText(status string) string {
	if status == compare.StatusRegression || status == compare.StatusUnusable || status == compare.StatusInconclusive {
		return "**" + status + "**"
	}
	return status
}

// cell escapes text for a table cell.
func cell(s string) string {
	return strings.ReplaceAll(escapeMarkdown(s), "|", `\|`)
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;", "\n", " ")

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
