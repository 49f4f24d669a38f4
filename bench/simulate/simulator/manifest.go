package simulator

import "strings"

// parseManifest reads a JAR manifest's main section: "Name: value" lines,
// continued on lines that start with a space, ended by a blank line.
// Malformed lines are skipped, as java.util.jar is lenient with plugins.
func parseManifest(data []byte) map[string]string {
	attrs := map[string]string{}
	last := ""
	for _, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		switch {
		case line == "":
			if len(attrs) > 0 {
				return attrs
			}
		case line[0] == ' ' && last != "":
			attrs[last] += line[1:]
		default:
			name, value, ok := strings.Cut(line, ": ")
			if !ok {
				name, value, ok = strings.Cut(line, ":")
			}
			if ok && name != "" {
				last = name
				attrs[name] = value
			}
		}
	}
	return attrs
}
