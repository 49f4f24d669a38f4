package scenario

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlLine picks the line out of yaml.v3's syntax errors, which read
// "yaml: line 3: could not find expected ':'".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document returns the root node of the single YAML document in data, or
// nil after reporting a syntax error, an empty file or a second document.
func (c *checker) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		c.syntax(err)
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return doc.Content[0]
	case err != nil:
		c.syntax(err)
	default:
		c.report(&next, "", "a second YAML document; a scenario file holds one (remove the \"---\" or split the file)")
	}
	return nil
}

// syntax reports a YAML syntax error, or an empty file.
func (c *checker) syntax(err error) {
	p := Problem{File: c.file}
	msg := err.Error()
	switch m := yamlLine.FindStringSubmatch(msg); {
	case errors.Is(err, io.EOF):
		p.Message = "empty file; a scenario needs at least version, name, subject and volumes"
	case m != nil:
		p.Line, _ = strconv.Atoi(m[1])
		p.Message = "invalid YAML: " + m[2]
	default:
		p.Message = "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")
	}
	c.problems = append(c.problems, p)
}
