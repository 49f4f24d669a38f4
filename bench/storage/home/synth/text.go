package synth

// words are what help pages, build logs and scripts are made of; text
// built from them deflates about as well as real HTML and logs do.
var words = []string{
	"the", "build", "job", "plugin", "Jenkins", "configure", "parameter", "if", "is", "of",
	"to", "a", "in", "this", "field", "value", "when", "will", "be", "used", "for",
	"workspace", "agent", "node", "pipeline", "stage", "step", "script", "sh", "git",
	"checkout", "branch", "credentials", "id", "<p>", "</p>", "<code>", "</code>", "<div>",
	"</div>", "option", "default", "enabled", "disabled", "true", "false", "path", "file",
	"directory", "environment", "variable", "$WORKSPACE", "${BUILD_NUMBER}", "mvn", "-B",
	"clean", "install", "test", "deploy", "docker", "image", "tag", "push", "artifact",
	"archive", "junit", "report", "results", "timeout", "retry", "echo", "&&", "|", "--quiet",
	"[INFO]", "Downloading", "from", "central:", "https://repo.maven.apache.org/maven2/",
	"Compiling", "source", "files", "to", "target/classes", "Tests", "run:", "Failures:", "0,",
	"Errors:", "Skipped:", "BUILD", "SUCCESS", "Finished:", "Started", "by", "user", "admin",
}

// Text returns n bytes of word-built text broken into lines.
func (s *Source) Text(n int) []byte {
	b := make([]byte, 0, n+16)
	line := 0
	for len(b) < n {
		w := words[s.rand.IntN(len(words))]
		switch {
		case line > 0 && line+len(w) > 72:
			b = append(b, '\n')
			line = 0
		case line > 0:
			b = append(b, ' ')
			line++
		}
		b = append(b, w...)
		line += len(w)
	}
	b = b[:n]
	if n > 0 {
		b[n-1] = '\n'
	}
	return b
}

// Lines returns lines picked from choices, as many as fit in n bytes
// with their newlines, and at least one; scripts and build logs are
// grown to size this way.
func (s *Source) Lines(choices []string, n int) []string {
	lines := []string{s.Pick(choices)}
	for total := len(lines[0]) + 1; ; {
		line := s.Pick(choices)
		if total+len(line)+1 > n {
			return lines
		}
		lines = append(lines, line)
		total += len(line) + 1
	}
}
