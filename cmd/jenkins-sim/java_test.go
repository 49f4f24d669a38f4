package main

import (
	"errors"
	"io"
	"testing"
	"time"
)

// TestParseJavaArgs reads command lines as the official image's
// jenkins.sh builds them: java -Duser.home=… $JAVA_OPTS -jar $JENKINS_WAR
// $JENKINS_OPTS "$@".
func TestParseJavaArgs(t *testing.T) {
	args := []string{"-Duser.home=/var/jenkins_home", "-Xmx2g", "-Djenkins.install.runSetupWizard=false",
		"-Djsbench.sim.war-entries=120", "-Djsbench.sim.phase-extra=war_extraction=1.5s",
		"-Djenkins.model.Jenkins.slaveAgentPort=50000", "-jar", "/usr/share/jenkins/jenkins.war",
		"--httpPort=8090", "--prefix=/jenkins", "--webroot=/tmp/war"}
	cfg, err := parseJavaArgs(args, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.War != "/usr/share/jenkins/jenkins.war" || cfg.HTTPPort != 8090 || cfg.Webroot != "/tmp/war" || cfg.WarEntries != 120 {
		t.Errorf("config %+v: want the war after -jar, --httpPort and --webroot from Jenkins's options, war-entries from JAVA_OPTS", cfg)
	}
	if cfg.Extra["war_extraction"] != 1500*time.Millisecond {
		t.Errorf("extra time %v, want war_extraction=1.5s", cfg.Extra)
	}
	if _, err := parseJavaArgs([]string{"-Xmx1g"}, io.Discard); !errors.Is(err, errNoJar) {
		t.Errorf("without -jar: %v, want %v", err, errNoJar)
	}
	if _, err := parseJavaArgs([]string{"-Djsbench.sim.war-entries=many", "-jar", "x.war"}, io.Discard); err == nil {
		t.Error("a bad -Djsbench.sim value was accepted")
	}
}
