package home

import (
	"fmt"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

// buildXML returns build n's record. Jenkins reads it only when the build
// is first shown (lazy loading since 1.485, ../shared/calibration.md), so its shape
// matters more than its exact fields.
func buildXML(src *synth.Source, job string, n int, ok, pipeline bool) string {
	result := "SUCCESS"
	if !ok {
		result = "FAILURE"
	}
	start := epoch.Add(-time.Duration(200-n%200) * time.Hour).Add(time.Duration(src.IntN(3600)) * time.Second)
	root, rootAttrs := "build", ""
	if pipeline {
		root, rootAttrs = "flow-build", ` plugin="workflow-job@1540.v295eccc9778f"`
	}
	var b strings.Builder
	fmt.Fprintf(&b, xmlHeader+"<%s%s>\n  <actions>\n", root, rootAttrs)
	fmt.Fprintf(&b, buildActions, src.Pick([]string{"admin", "ci-bot", "release-manager"}), src.Hex(40), n)
	fmt.Fprintf(&b, "  </actions>\n  <queueId>%d</queueId>\n  <timestamp>%d</timestamp>\n  <startTime>%d</startTime>\n",
		1000+src.IntN(100000), start.UnixMilli(), start.UnixMilli()+int64(src.IntN(2000)))
	fmt.Fprintf(&b, "  <result>%s</result>\n  <duration>%d</duration>\n  <charset>UTF-8</charset>\n  <keepLog>false</keepLog>\n",
		result, 20000+src.IntN(1200000))
	if pipeline {
		b.WriteString(pipelineExecution)
	} else {
		fmt.Fprintf(&b, "  <builtOn>agent-01</builtOn>\n  <workspace>/home/jenkins/agent/workspace/%s</workspace>\n", job)
		fmt.Fprintf(&b, "  <hudsonVersion>%s</hudsonVersion>\n  <scm class=\"hudson.plugins.git.GitChangeLogParser\" plugin=\"git@5.7.0\">\n    <authorOrCommitter>false</authorOrCommitter>\n  </scm>\n", JenkinsVersion)
	}
	fmt.Fprintf(&b, "  <culprits class=\"java.util.Collections$UnmodifiableSet\">\n    <set/>\n  </culprits>\n</%s>", root)
	for b.Len() < BuildXMLMinBytes {
		b.WriteString("\n")
	}
	return b.String()
}

const buildActions = `    <hudson.model.CauseAction>
      <causeBag class="linked-hash-map">
        <entry>
          <hudson.model.Cause_-UserIdCause>
            <userId>%s</userId>
          </hudson.model.Cause_-UserIdCause>
          <int>1</int>
        </entry>
      </causeBag>
    </hudson.model.CauseAction>
    <hudson.plugins.git.util.BuildDetails plugin="git@5.7.0">
      <build>
        <revision>
          <sha1>%s</sha1>
          <branches class="list">
            <hudson.plugins.git.Branch>
              <name>refs/remotes/origin/main</name>
            </hudson.plugins.git.Branch>
          </branches>
        </revision>
        <hudsonBuildNumber>%d</hudsonBuildNumber>
      </build>
      <remoteUrls>
        <string>https://git.example.com/apps/app.git</string>
      </remoteUrls>
    </hudson.plugins.git.util.BuildDetails>
    <jenkins.metrics.impl.TimeInQueueAction plugin="metrics@4.2.32-476.v5042e1c1edd7">
      <blockedDurationMillis>0</blockedDurationMillis>
      <buildableDurationMillis>4</buildableDurationMillis>
      <waitingDurationMillis>0</waitingDurationMillis>
    </jenkins.metrics.impl.TimeInQueueAction>
`

const pipelineExecution = `  <completed>true</completed>
  <executionPromised>true</executionPromised>
  <execution class="org.jenkinsci.plugins.workflow.cps.CpsFlowExecution">
    <result>SUCCESS</result>
    <script>checkout scm</script>
    <loadedScripts class="map"/>
    <durabilityHint>MAX_SURVIVABILITY</durabilityHint>
    <timings class="map"/>
    <internalCalls class="sorted-set"/>
    <sandbox>true</sandbox>
    <iota>42</iota>
    <head>1:42</head>
    <done>true</done>
    <resumeBlocked>false</resumeBlocked>
  </execution>
  <checkouts class="hudson.util.PersistedList"/>
`

var logLines = []string{
	"[INFO] Scanning for projects...",
	"[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/maven-surefire-plugin/3.5.2/maven-surefire-plugin-3.5.2.pom",
	"[INFO] --- compiler:3.13.0:compile (default-compile) @ app ---",
	"[INFO] Compiling 214 source files with javac [debug release 17] to target/classes",
	"[INFO] Tests run: 38, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 2.317 s -- in com.example.app.ServiceTest",
	"[WARNING] Parameter 'optimize' (user property 'maven.compiler.optimize') is deprecated: This property is a no-op in javac.",
	" > git rev-parse --resolve-git-dir /home/jenkins/agent/workspace/app/.git # timeout=10",
	" > git fetch --tags --force --progress -- https://git.example.com/apps/app.git +refs/heads/*:refs/remotes/origin/* # timeout=10",
	"+ docker build -t registry.example.com/app:4f1c2e9 .",
	"#7 [build 3/6] RUN npm ci --no-audit --no-fund",
	"[Pipeline] sh",
	"[Pipeline] { (Build)",
	"[Pipeline] }",
	"Recording test results",
	"Archiving artifacts",
}

// buildLog returns build n's console log, log-normally sized.
func buildLog(src *synth.Source, job string, ok bool) []byte {
	size := src.Size(BuildLogMedianBytes, 1.0, 512, BuildLogMaxBytes)
	result := "SUCCESS"
	if !ok {
		result = "FAILURE"
	}
	head := fmt.Sprintf("Started by user admin\nRunning as SYSTEM\nBuilding remotely on agent-01 in workspace /home/jenkins/agent/workspace/%s\n", job)
	tail := fmt.Sprintf("Finished: %s\n", result)
	body := strings.Join(src.Lines(logLines, size-len(head)-len(tail)), "\n")
	return []byte(head + body + "\n" + tail)
}
