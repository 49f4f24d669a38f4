package home

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

// writePlugins writes plugins/<name>.jpi archives, not exploded: Jenkins
// explodes them into plugins/<name>/ at startup (../shared/calibration.md).
func writePlugins(t *tree, spec Spec) error {
	if err := t.dir("plugins"); err != nil {
		return err
	}
	for i := 0; i < spec.Plugins; i++ {
		if err := writePlugin(t, spec.Seed, catalogPlugin(i)); err != nil {
			return err
		}
	}
	return nil
}

func writePlugin(t *tree, seed int64, p plugin) error {
	src := synth.New(seed, "plugin/"+p.name)
	entries := pluginEntries(src, p)
	return t.stream(path.Join("plugins", p.name+".jpi"), func(w io.Writer) error {
		return synth.WriteZip(w, src, epoch, entries)
	})
}

// pluginEntries lays out one plugin archive as maven-hpi-plugin builds
// it: manifest and Maven metadata, the plugin's own jar and a few bundled
// libraries in WEB-INF/lib (most of the bytes), then small help pages,
// scripts and images.
func pluginEntries(src *synth.Source, p plugin) []synth.Entry {
	total := src.Size(PluginMedianBytes, PluginSizeSigma, 16<<10, PluginMaxBytes)
	count := src.Between(PluginMinEntries, PluginMaxEntries)
	group := "org.jenkins-ci.plugins"
	entries := []synth.Entry{
		{Name: "META-INF/MANIFEST.MF", Data: manifest(src, p, group)},
		{Name: "META-INF/maven/" + group + "/" + p.name + "/pom.xml", Size: src.Between(2<<10, 8<<10)},
		{Name: "META-INF/maven/" + group + "/" + p.name + "/pom.properties",
			Data: fmt.Appendf(nil, "artifactId=%s\ngroupId=%s\nversion=%s\n", p.name, group, p.version)},
		{Name: "WEB-INF/licenses.xml", Size: src.Between(1<<10, 24<<10)},
		{Name: "index.jelly", Size: src.Between(200, 600)},
	}
	small := 0
	for i := 0; len(entries) < count-4; i++ {
		e := smallEntry(src, p.name, i)
		small += e.Size
		entries = append(entries, e)
	}
	return append(entries, jarEntries(src, p.name, max(total-small, 8<<10))...)
}

// smallEntry is a help page, a script or an icon.
func smallEntry(src *synth.Source, name string, i int) synth.Entry {
	size := src.Size(StaticMedianBytes, 1.0, 64, 64<<10)
	switch i % 4 {
	case 0, 1:
		return synth.Entry{Name: fmt.Sprintf("help-%s-%d.html", src.Pick(words), i), Size: size}
	case 2:
		return synth.Entry{Name: fmt.Sprintf("scripts/%s-%d.js", name, i), Size: size}
	default:
		return synth.Entry{Name: fmt.Sprintf("images/%s-%d.png", name, i), Size: size, Binary: true}
	}
}

var words = []string{"credentialsId", "branch", "timeout", "script", "label", "url", "name", "strategy", "filter", "retention"}

// jarEntries splits n bytes into the plugin's own jar and up to four
// bundled libraries.
func jarEntries(src *synth.Source, name string, n int) []synth.Entry {
	libs := src.IntN(5)
	own := n
	if libs > 0 {
		own = n * src.Between(30, 90) / 100
	}
	entries := []synth.Entry{{Name: "WEB-INF/lib/" + name + ".jar", Size: own, Binary: true}}
	for i := 0; i < libs; i++ {
		size := (n - own) / libs
		entries = append(entries, synth.Entry{Name: fmt.Sprintf("WEB-INF/lib/%s-%d.%d.jar", src.Pick(libraries), 1+src.IntN(9), src.IntN(20)), Size: size, Binary: true})
	}
	return entries
}

var libraries = []string{"commons-codec", "httpclient", "jgit", "antlr4-runtime", "okio", "kotlin-stdlib",
	"joda-time", "annotations", "javax.inject", "reactive-streams", "jna", "snakeyaml", "jsr305", "checker-qual"}

// manifest returns META-INF/MANIFEST.MF with the attributes Jenkins reads
// (Short-Name, Plugin-Version, Jenkins-Version, Plugin-Dependencies),
// CRLF-terminated and wrapped at 72 bytes as the JDK writes it.
func manifest(src *synth.Source, p plugin, group string) []byte {
	deps := make([]string, len(p.deps))
	for i, dep := range p.deps {
		deps[i] = dep + ":" + depVersion(dep)
	}
	attrs := [][2]string{
		{"Manifest-Version", "1.0"},
		{"Created-By", "Maven JAR Plugin 3.4.2"},
		{"Build-Jdk-Spec", "17"},
		{"Specification-Title", longName(p.name)},
		{"Implementation-Title", p.name},
		{"Implementation-Version", p.version},
		{"Group-Id", group},
		{"Artifact-Id", p.name},
		{"Short-Name", p.name},
		{"Long-Name", longName(p.name)},
		{"Url", "https://github.com/jenkinsci/" + p.name + "-plugin"},
		{"Plugin-Version", p.version},
		{"Hudson-Version", "2.479.3"},
		{"Jenkins-Version", "2.479.3"},
		{"Minimum-Java-Version", "17"},
		{"Plugin-Dependencies", strings.Join(deps, ",")},
		{"Plugin-Developers", ""},
		{"Plugin-License-Name", "MIT License"},
		{"Plugin-License-Url", "https://opensource.org/licenses/MIT"},
		{"Plugin-ScmConnection", "scm:git:https://github.com/jenkinsci/" + p.name + "-plugin.git"},
		{"Plugin-GitHash", src.Hex(40)},
	}
	var b strings.Builder
	for _, a := range attrs {
		if a[0] == "Plugin-Dependencies" && a[1] == "" {
			continue
		}
		writeWrapped(&b, a[0]+": "+a[1])
	}
	b.WriteString("\r\n")
	return []byte(b.String())
}

// writeWrapped writes one manifest line, continued on lines that start
// with a space once it passes 72 bytes.
func writeWrapped(b *strings.Builder, line string) {
	limit := 72
	for len(line) > limit {
		b.WriteString(line[:limit] + "\r\n ")
		line = line[limit:]
		limit = 71
	}
	b.WriteString(line + "\r\n")
}

func depVersion(name string) string {
	for _, p := range catalog {
		if p.name == name {
			return p.version
		}
	}
	return "1.0"
}

// longName turns "workflow-aggregator" into "Workflow Aggregator Plugin".
func longName(name string) string {
	parts := strings.Split(name, "-")
	for i, part := range parts {
		parts[i] = strings.ToUpper(part[:1]) + part[1:]
	}
	return strings.Join(parts, " ") + " Plugin"
}
