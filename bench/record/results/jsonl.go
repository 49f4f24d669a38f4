package results

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxLineBytes bounds one record line. A record holds at most a few
// hundred log lines in LastLines, far below this.
const maxLineBytes = 16 << 20

// ReadJSONL reads the records of a results.jsonl stream, one JSON Record
// per line. It refuses a record whose schema it does not know, naming the
// line. Blank lines are skipped. A record with a negative, infinite or
// NaN duration, or a line longer than a record can be, is refused with
// its line number. A last line that is cut short (no newline
// and not valid JSON, as a run killed while writing leaves it) and a
// record with a duration beyond MaxDurationMS are dropped with a warning;
// fields that this version does not know are kept out with a warning
// naming them.
func ReadJSONL(r io.Reader) ([]Record, []string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	sc.Split(scanLinesKeepingEnd)
	var (
		records  []Record
		warnings []string
		n        int // the line being read
	)
	for n = 1; sc.Scan(); n++ {
		raw := sc.Bytes()
		complete := bytes.HasSuffix(raw, []byte("\n"))
		line := bytes.TrimSpace(raw)
		if len(line) == 0 {
			continue
		}
		rec, warn, err := decodeLine(line, n)
		if err == nil {
			err = checkRecord(rec, n)
		}
		if err != nil && !complete && !json.Valid(line) {
			warnings = append(warnings, fmt.Sprintf("line %d: record cut short (no newline, invalid JSON): ignored", n))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if warn != "" {
			warnings = append(warnings, warn)
		}
		if why := implausible(rec); why != "" {
			warnings = append(warnings, fmt.Sprintf("line %d: %s: no run lasts that long; record ignored", n, why))
			continue
		}
		records = append(records, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, readError(err, n)
	}
	return records, warnings, nil
}

// decodeLine decodes one line strictly first, so that unknown fields are
// reported, then leniently.
func decodeLine(line []byte, n int) (Record, string, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return Record{}, "", fmt.Errorf("line %d: decode record: %w", n, err)
	}
	if head.Schema == nil {
		return Record{}, "", fmt.Errorf("line %d: record has no \"schema\" field (want %q)", n, Schema)
	}
	if !IsKnownSchema(*head.Schema) {
		return Record{}, "", fmt.Errorf("line %d: unknown schema %q (this jsbench reads %s; use a newer jsbench)", n, *head.Schema, strings.Join(KnownSchemas, ", "))
	}
	var rec Record
	strict := json.NewDecoder(bytes.NewReader(line))
	strict.DisallowUnknownFields()
	err := strict.Decode(&rec)
	if err == nil {
		return rec, "", nil
	}
	if !isUnknownField(err) {
		return Record{}, "", fmt.Errorf("line %d: decode record: %w", n, err)
	}
	rec = Record{}
	if err := json.Unmarshal(line, &rec); err != nil {
		return Record{}, "", fmt.Errorf("line %d: decode record: %w", n, err)
	}
	return rec, fmt.Sprintf("line %d: %v: ignored", n, err), nil
}

// isUnknownField tells the error DisallowUnknownFields produces, which
// encoding/json does not export as a type.
func isUnknownField(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) {
		return false
	}
	return bytes.HasPrefix([]byte(err.Error()), []byte("json: unknown field "))
}

// scanLinesKeepingEnd is bufio.ScanLines that keeps the newline, so that
// ReadJSONL can tell a complete last line from one cut short.
func scanLinesKeepingEnd(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// AppendJSONL writes rec as one line of results.jsonl in a single Write,
// so that concurrent appenders to an O_APPEND file do not interleave. An
// empty Schema is set to Schema; a record of an older known schema keeps
// its version, and an unknown schema is refused.
func AppendJSONL(w io.Writer, rec Record) error {
	if rec.Schema == "" {
		rec.Schema = Schema
	}
	if !IsKnownSchema(rec.Schema) {
		return fmt.Errorf("append record: unknown schema %q (want %q)", rec.Schema, Schema)
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode record: %w", err)
	}
	if _, err := w.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("append record: %w", err)
	}
	return nil
}
