package main

import (
	"errors"
	"flag"
	"io"
	"strings"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
)

// simProperty prefixes the system properties that set jenkins-sim's
// flags when it runs as java: -Djsbench.sim.war-entries=500 is
// --war-entries=500. They reach it through JAVA_OPTS, as Jenkins's own
// system properties do.
const simProperty = "-Djsbench.sim."

// errNoJar is java's complaint when it is not told what to run.
var errNoJar = errors.New("java: no -jar WAR given (usage: java [options] -jar WAR [Jenkins options])")

// parseJavaArgs reads the command line the official image's jenkins.sh
// gives java: JVM options (only -Djsbench.sim.* mean anything here), -jar
// WAR, then Jenkins's options. Winstone keeps options it does not know
// without complaint, and so do these.
func parseJavaArgs(args []string, stderr io.Writer) (simulator.Config, error) {
	var flags []string
	war, i := "", 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "-jar" && i+1 < len(args) {
			war, i = args[i+1], i+2
			break
		}
		if rest, ok := strings.CutPrefix(a, simProperty); ok {
			flags = append(flags, "--"+rest)
		}
	}
	if war == "" {
		return simulator.Config{}, errNoJar
	}
	known := knownFlags()
	for ; i < len(args); i++ {
		name, _, _ := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if strings.HasPrefix(args[i], "--") && known[name] {
			flags = append(flags, args[i])
		}
	}
	return parseRunFlags(append(flags, "--war="+war), stderr)
}

// knownFlags names the run mode's flags.
func knownFlags() map[string]bool {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	runFlags(fs, &simulator.Config{})
	known := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { known[f.Name] = true })
	return known
}
