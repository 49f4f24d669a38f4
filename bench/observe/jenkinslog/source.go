package jenkinslog

import "bytes"

// cutPrefix removes a docker compose service prefix ("jenkins_1  | ",
// "rac-jenkins-1  | ", "jenkins-container |") or a kubectl --prefix
// ("[pod/jenkins-0/jenkins] ") and returns the service or container name.
func cutPrefix(b []byte) (name, rest []byte, ok bool) {
	if len(b) > 5 && b[0] == '[' {
		return cutKubectlPrefix(b)
	}
	i := 0
	for i < len(b) && i < 80 && composeNameByte(b[i]) {
		i++
	}
	if i == 0 || i >= len(b) || b[i] != ' ' {
		return nil, nil, false
	}
	j := i
	for j < len(b) && b[j] == ' ' {
		j++
	}
	if j >= len(b) || b[j] != '|' || (j+1 < len(b) && b[j+1] != ' ') {
		return nil, nil, false
	}
	rest = b[j+1:]
	if len(rest) > 0 {
		rest = rest[1:]
	}
	return b[:i], rest, true
}

func composeNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// cutKubectlPrefix reads "[pod/<pod>/<container>] ".
func cutKubectlPrefix(b []byte) (name, rest []byte, ok bool) {
	end := bytes.IndexByte(b, ']')
	if end < 0 || end+1 >= len(b) || b[end+1] != ' ' {
		return nil, nil, false
	}
	parts := bytes.Split(b[1:end], []byte("/"))
	if len(parts) != 3 || len(parts[0]) == 0 || len(parts[2]) == 0 || bytes.IndexByte(b[1:end], ' ') >= 0 {
		return nil, nil, false
	}
	return parts[2], b[end+2:], true
}

// sources decides which of several interleaved sources (compose
// services, containers of a pod, journal identifiers) is Jenkins. A name
// containing "jenkins" always is; otherwise the first source whose line
// looks like Jenkins's output is chosen, and the others are ignored.
type sources struct {
	chosen []byte
}

func (s *sources) judge(name, body []byte) wrapKind {
	switch {
	case containsFold(name, "jenkins"):
		if s.chosen == nil {
			s.chosen = append([]byte{}, name...)
		}
		return wrapPlain
	case s.chosen != nil:
		if bytes.Equal(name, s.chosen) {
			return wrapPlain
		}
		return wrapOther
	case looksLikeJenkins(body):
		s.chosen = append([]byte{}, name...)
		return wrapPlain
	}
	return wrapOther
}

// looksLikeJenkins tells whether a line of an unidentified source is
// Jenkins output: a record in either format, a level line, the launcher's
// lines or the official image's entrypoint.
func looksLikeJenkins(b []byte) bool {
	t := trimBlank(b)
	if _, n := parseModernStamp(t); n > 0 {
		return true
	}
	for _, p := range jenkinsOpeners {
		if bytes.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

var jenkinsOpeners = [][]byte{
	[]byte("Running from: "), []byte("webroot: "), []byte("Jenkins home directory: "),
	[]byte("touch: cannot touch"), []byte("Can not write to "),
}

// containsFold reports whether b contains the lower-case ASCII word.
func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		match := true
		for k := 0; k < len(word); k++ {
			c := b[i+k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[k] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
