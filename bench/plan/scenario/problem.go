package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a scenario file, positioned so an editor
// can jump to it.
type Problem struct {
	// File is the scenario file's path as given to Parse.
	File string
	// Line and Column are 1-based; zero when the position is unknown.
	Line, Column int
	// Field is the path of the offending field, such as
	// "volumes[1].kind"; empty for YAML syntax errors.
	Field string
	// Value is the offending value as written, empty when a value is missing.
	Value string
	// Message says what is wrong and what is allowed; it quotes Value.
	Message string
}

// String formats the problem as "file:line:column: field: message",
// leaving out the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Error holds the problems found in one or more scenario files: the
// first keptProblems of each file, and how many more there were.
type Error struct {
	Problems []Problem
	// Unlisted counts the problems found beyond Problems.
	Unlisted int
}

// Bounds of what a scenario's problems take: a file of 200,000 unknown
// fields once printed 51 MB of them. The first ones are kept and the
// first shownProblems printed, with a count of the rest.
const (
	keptProblems  = 100
	shownProblems = 20
)

// Error lists the first problems one per line, then counts the rest.
func (e *Error) Error() string {
	n := min(len(e.Problems), shownProblems)
	lines := make([]string, 0, n+1)
	for _, p := range e.Problems[:n] {
		lines = append(lines, p.String())
	}
	if rest := len(e.Problems) - n + e.Unlisted; rest > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems not shown (%d in all): fix these first", rest, len(e.Problems)+e.Unlisted))
	}
	return strings.Join(lines, "\n")
}

// sortProblems puts problems in file order, so they read top to bottom.
func sortProblems(problems []Problem) {
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
