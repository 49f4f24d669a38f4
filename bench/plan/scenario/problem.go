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

// Error holds every problem found in one or more scenario files.
type Error struct {
	Problems []Problem
}

// Error lists the problems one per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
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
