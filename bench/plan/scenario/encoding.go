package scenario

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// maxEncodingProblems bounds the encoding problems reported for one file:
// a binary file given by mistake has thousands.
const maxEncodingProblems = 5

// utf16BOMs start files that yaml.v3 decodes as UTF-16; they are left to it.
var utf16BOMs = [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}}

// encoding reports, at their line and column, NUL bytes, control
// characters YAML does not allow and bytes that are not UTF-8: yaml.v3
// names none of them with a position ("control characters are not
// allowed"). It returns false when it found any.
func (c *checker) encoding(data []byte) bool {
	for _, bom := range utf16BOMs {
		if bytes.HasPrefix(data, bom) {
			return true
		}
	}
	found := 0
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if msg := badRune(r, size, data[i]); msg != "" {
			if found < maxEncodingProblems {
				c.problems = append(c.problems, Problem{File: c.file, Line: line, Column: col, Message: msg})
			}
			found++
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		i += size
	}
	if found > maxEncodingProblems {
		c.problems = append(c.problems, Problem{File: c.file, Message: fmt.Sprintf("%d more encoding problems not listed; is this a scenario file?", found-maxEncodingProblems)})
	}
	return found == 0
}

// badRune says what is wrong with one character, or "" when YAML takes
// it: tab, line feed, carriage return and every printable character
// (YAML 1.2, "c-printable").
func badRune(r rune, size int, first byte) string {
	switch {
	case r == utf8.RuneError && size <= 1:
		return fmt.Sprintf("invalid UTF-8 byte 0x%02x; save the file as UTF-8", first)
	case r == 0:
		return "NUL byte; a scenario file is text (is this a binary or UTF-16 file without its byte-order mark?)"
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return fmt.Sprintf("control character U+%04X is not allowed in YAML; remove it", r)
	case r == 0xfffe || r == 0xffff || (r >= 0xd800 && r <= 0xdfff):
		return fmt.Sprintf("character U+%04X is not allowed in YAML; remove it", r)
	}
	return ""
}
