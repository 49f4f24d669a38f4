package simulator

import (
	"fmt"
	"math"
	"slices"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

// zipOverhead estimates a zip's bytes per entry besides the data: local
// header, data descriptor and central directory record, without the name.
const zipOverhead = 30 + 16 + 46 + 2*9

// warLayout lays out a WAR of entries files and about size bytes: the
// manifest and a few classes, winstone.jar, the static web files (help
// pages, images, styles, scripts), the WEB-INF/lib jars and the bundled
// plugins, in the shares ../shared/calibration.md gives.
func warLayout(entries int, size int64) ([]synth.Entry, error) {
	src := synth.New(warSeed, "war-layout")
	detached := int(math.Round(float64(entries) * detachedShare))
	static := int(math.Round(float64(entries) * staticShare))
	misc := max(int(math.Round(float64(entries)*miscShare)), 1)
	libs := entries - detached - static - misc - 1
	if libs < 1 {
		return nil, fmt.Errorf("lay out war: %d entries is too few (want at least 10)", entries)
	}
	small := append(miscEntries(misc), staticEntries(src, static)...)
	rest := size
	for _, e := range small {
		stored := e.Size + len(e.Data)
		if !e.Binary {
			stored /= 2 // text deflates to about half (synth's words)
		}
		rest -= int64(stored) + zipOverhead + 2*int64(len(e.Name))
	}
	rest -= int64(detached+libs+1) * (zipOverhead + 2*40)
	if rest < int64(detached+libs+1)*1024 {
		return nil, fmt.Errorf("lay out war: %.1f MB is too small for %d entries", float64(size)/1e6, entries)
	}
	whole := detachedBytes + libBytes + winstoneBytes
	layout := append(small[:1:1], synth.Entry{Name: "winstone.jar", Size: int(float64(rest) * winstoneBytes / whole), Binary: true})
	layout = append(layout, small[1:]...)
	layout = append(layout, jars(src, "WEB-INF/lib/", ".jar", libNames, libs, int64(float64(rest)*libBytes/whole))...)
	return append(layout, jars(src, "WEB-INF/detached-plugins/", ".hpi", detachedNames, detached, int64(float64(rest)*detachedBytes/whole))...), nil
}

// miscEntries are the manifest, executable.Main's classes and the web
// descriptors.
func miscEntries(n int) []synth.Entry {
	manifest := "Manifest-Version: 1.0\r\nMain-Class: executable.Main\r\nJenkins-Version: " + Version + "\r\n\r\n"
	fixed := []string{"WEB-INF/web.xml", "WEB-INF/jboss-web.xml", "WEB-INF/sun-web.xml", "WEB-INF/ibm-web-bnd.xmi",
		"executable/Main.class", "executable/Main$FileAndDescription.class", "executable/Main$VersionNumber.class",
		"META-INF/maven/org.jenkins-ci.main/jenkins-war/pom.xml", "META-INF/maven/org.jenkins-ci.main/jenkins-war/pom.properties"}
	entries := []synth.Entry{{Name: "META-INF/MANIFEST.MF", Data: []byte(manifest)}}
	for i := 1; i < n; i++ {
		name := fmt.Sprintf("executable/Main$%d.class", i)
		if i-1 < len(fixed) {
			name = fixed[i-1]
		}
		entries = append(entries, synth.Entry{Name: name, Size: 600 + 97*i%2000})
	}
	return entries
}

// staticEntries are help pages (381 of 674), images (268) and styles and
// scripts (the rest), log-normal around the 636-byte median.
func staticEntries(src *synth.Source, n int) []synth.Entry {
	help := n * 381 / 674
	images := n * 268 / 674
	topics := []string{"project-config", "system-config", "tasks", "model", "scm", "triggers", "security", "slaves", "tools", "views"}
	entries := make([]synth.Entry, 0, n)
	for i := 0; i < n; i++ {
		size := src.Size(staticMedianBytes, 1.0, 40, 64<<10)
		var e synth.Entry
		switch {
		case i < help:
			e = synth.Entry{Name: fmt.Sprintf("help/%s/help-%03d.html", topics[i%len(topics)], i), Size: size}
		case i < help+images:
			e = synth.Entry{Name: fmt.Sprintf("images/%dx%d/icon-%03d.png", 16<<(i%3), 16<<(i%3), i), Size: size, Binary: true}
		case i%2 == 0:
			e = synth.Entry{Name: fmt.Sprintf("css/style-%03d.css", i), Size: size}
		default:
			e = synth.Entry{Name: fmt.Sprintf("scripts/script-%03d.js", i), Size: size}
		}
		entries = append(entries, e)
	}
	return entries
}

// jars splits total bytes over n archives, log-normally, the largest going
// to the first (and largest in reality) names.
func jars(src *synth.Source, dir, ext string, names []string, n int, total int64) []synth.Entry {
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = src.LogNormal(1, 1.2)
		sum += weights[i]
	}
	slices.SortFunc(weights, func(a, b float64) int { return int(math.Copysign(1, b-a)) })
	entries := make([]synth.Entry, n)
	for i := range entries {
		name := fmt.Sprintf("module-%03d", i)
		if i < len(names) {
			name = names[i]
		}
		entries[i] = synth.Entry{Name: dir + name + ext, Size: int(float64(total) * weights[i] / sum), Binary: true}
	}
	return entries
}

var libNames = []string{"jenkins-core-2.541.3", "groovy-all-2.4.21", "bcprov-jdk18on-1.81", "guava-33.4.8-jre", "jna-5.17.0",
	"remoting-3327.v868139a_d00e0", "xstream-1.4.21", "spring-security-web-6.5.1", "spring-core-6.2.8", "jackson-databind-2.19.0",
	"commons-compress-1.27.1", "ant-1.10.15", "antlr4-runtime-4.13.2", "jline-2.14.6", "commons-io-2.19.0", "kxml2-2.3.0",
	"stapler-1975.v8b_7c5b_2b_4f29", "asm-9.8", "jakarta.servlet-api-5.0.0", "txw2-20110809", "jzlib-1.1.3", "j-interop-2.0.8-kohsuke-1",
	"commons-lang-2.6", "commons-codec-1.18.0", "commons-fileupload2-core-2.0.0-M2", "spring-web-6.2.8", "spring-context-6.2.8",
	"spring-beans-6.2.8", "spring-aop-6.2.8", "spring-expression-6.2.8", "spring-security-core-6.5.1", "spring-security-config-6.5.1",
	"logback-classic-1.5.18", "slf4j-api-2.0.17", "jcl-over-slf4j-2.0.17", "log4j-over-slf4j-2.0.17", "jbcrypt-1.0.2", "json-lib-2.4-jenkins-15",
	"localizer-1.31", "annotation-indexer-1.18", "bridge-method-annotation-1.30", "symbol-annotation-1.25", "task-reactor-1.9",
	"version-number-1.12", "embedded_su4j-1.1", "memory-monitor-1.13", "winp-1.31", "windows-package-checker-1.2", "websocket-jetty12-ee9-2.541.3",
	"cli-2.541.3", "instance-identity-203.v15e81a_1b_7a_38", "sshd-3.353.v2b_d33c46e110", "slave-installer-1.9", "launchd-slave-installer-1.2"}

var detachedNames = []string{"maven-plugin", "subversion", "cvs", "ant", "javadoc", "external-monitor-job", "ldap", "pam-auth",
	"mailer", "matrix-auth", "windows-slaves", "antisamy-markup-formatter", "matrix-project", "junit", "bouncycastle-api",
	"command-launcher", "jdk-tool", "jaxb", "trilead-api", "sshd", "javax-activation-api", "javax-mail-api", "instance-identity",
	"structs", "script-security", "workflow-step-api", "scm-api", "workflow-api", "workflow-scm-step", "display-url-api",
	"credentials", "ssh-credentials", "plain-credentials", "credentials-binding", "apache-httpcomponents-client-4-api",
	"jakarta-activation-api", "jakarta-mail-api", "caffeine-api", "commons-lang3-api", "commons-text-api", "ionicons-api",
	"jquery3-api", "bootstrap5-api", "font-awesome-api", "plugin-util-api", "echarts-api", "jackson2-api", "snakeyaml-api"}
