package home

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
)

// scriptMark is where a job's script goes in its config template.
const scriptMark = "@SCRIPT@"

// jobConfig returns a freestyle or pipeline config.xml of about size
// bytes: the template's fixed part plus a script grown to fill the rest.
func jobConfig(src *synth.Source, name string, pipeline bool, size int) string {
	template, choices, wrap := freestyleTemplate, shellLines, "%s"
	if pipeline {
		template, choices, wrap = pipelineTemplate, pipelineStages, "pipeline {\n  agent any\n  stages {\n%s\n  }\n}"
	}
	template = strings.NewReplacer(
		"@DESCRIPTION@", escapeXML(fmt.Sprintf("Builds %s. Owned by the %s team.", name, src.Pick(teams))),
		"@REPO@", name,
		"@KEEP@", fmt.Sprint(src.Pick([]string{"10", "20", "30", "50", "100"})),
	).Replace(template)
	room := size - len(template) + len(scriptMark) - len(wrap)
	script := fmt.Sprintf(wrap, strings.Join(src.Lines(choices, room), "\n"))
	return strings.Replace(template, scriptMark, script, 1)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;", `"`, "&quot;")

// escapeXML escapes text the way XStream writes it.
func escapeXML(s string) string { return xmlEscaper.Replace(s) }

// shellLines and pipelineStages are stored escaped, as they appear in
// config.xml, so that a config's size is known before it is assembled.
var shellLines = escapeAll([]string{
	"set -euo pipefail",
	"echo \"Building ${JOB_NAME} #${BUILD_NUMBER} on ${NODE_NAME}\"",
	"./mvnw -B -ntp clean verify -DskipITs=false",
	"docker build -t registry.example.com/${JOB_BASE_NAME}:${GIT_COMMIT} .",
	"docker push registry.example.com/${JOB_BASE_NAME}:${GIT_COMMIT}",
	"npm ci && npm run lint && npm test -- --ci --reporters=default --reporters=jest-junit",
	"if [ -f requirements.txt ]; then pip install -r requirements.txt; fi",
	"pytest -q --junitxml=reports/junit.xml",
	"kubectl --context staging -n apps rollout status deployment/${JOB_BASE_NAME} --timeout=300s",
	"helm upgrade --install ${JOB_BASE_NAME} charts/app -f values/staging.yaml --wait",
	"tar czf dist.tgz target/*.jar",
	"curl -fsS -X POST -H 'Content-Type: application/json' -d @payload.json https://hooks.example.com/deploy",
	"find . -name '*.log' -mtime +7 -delete",
	"gradle --no-daemon build test jacocoTestReport",
	"test -z \"$(git status --porcelain)\" || { echo 'tree is dirty'; exit 1; }",
})

var pipelineStages = escapeAll([]string{
	"    stage('Checkout') {\n      steps {\n        checkout scm\n      }\n    }",
	"    stage('Build') {\n      steps {\n        sh './mvnw -B -ntp clean package -DskipTests'\n      }\n    }",
	"    stage('Unit tests') {\n      steps {\n        sh './mvnw -B -ntp test'\n      }\n      post {\n        always {\n          junit 'target/surefire-reports/*.xml'\n        }\n      }\n    }",
	"    stage('Image') {\n      when { branch 'main' }\n      steps {\n        sh \"docker build -t registry.example.com/app:${env.GIT_COMMIT} .\"\n        sh \"docker push registry.example.com/app:${env.GIT_COMMIT}\"\n      }\n    }",
	"    stage('Deploy staging') {\n      when { branch 'main' }\n      steps {\n        withCredentials([file(credentialsId: 'kubeconfig-staging', variable: 'KUBECONFIG')]) {\n          sh 'helm upgrade --install app charts/app -f values/staging.yaml --wait'\n        }\n      }\n    }",
	"    stage('Lint') {\n      steps {\n        sh 'npm ci'\n        sh 'npm run lint'\n      }\n    }",
	"    stage('Archive') {\n      steps {\n        archiveArtifacts artifacts: 'target/*.jar', fingerprint: true\n      }\n    }",
	"    stage('Integration') {\n      options { timeout(time: 30, unit: 'MINUTES') }\n      steps {\n        retry(2) {\n          sh 'make integration-test'\n        }\n      }\n    }",
})

func escapeAll(lines []string) []string {
	escaped := make([]string, len(lines))
	for i, line := range lines {
		escaped[i] = escapeXML(line)
	}
	return escaped
}

// buildDiscarderXML is the build discarder both job kinds carry: keep the
// last @KEEP@ builds.
const buildDiscarderXML = `    <jenkins.model.BuildDiscarderProperty>
      <strategy class="hudson.tasks.LogRotator">
        <daysToKeep>-1</daysToKeep>
        <numToKeep>@KEEP@</numToKeep>
        <artifactDaysToKeep>-1</artifactDaysToKeep>
        <artifactNumToKeep>-1</artifactNumToKeep>
      </strategy>
    </jenkins.model.BuildDiscarderProperty>
`

var freestyleTemplate = xmlHeader + `<project>
  <actions/>
  <description>@DESCRIPTION@</description>
  <keepDependencies>false</keepDependencies>
  <properties>
` + buildDiscarderXML + `    <hudson.model.ParametersDefinitionProperty>
      <parameterDefinitions>
        <hudson.model.StringParameterDefinition>
          <name>BRANCH</name>
          <defaultValue>main</defaultValue>
          <trim>true</trim>
        </hudson.model.StringParameterDefinition>
      </parameterDefinitions>
    </hudson.model.ParametersDefinitionProperty>
  </properties>
  <scm class="hudson.plugins.git.GitSCM" plugin="git@5.7.0">
    <configVersion>2</configVersion>
    <userRemoteConfigs>
      <hudson.plugins.git.UserRemoteConfig>
        <url>https://git.example.com/apps/@REPO@.git</url>
        <credentialsId>git-ci</credentialsId>
      </hudson.plugins.git.UserRemoteConfig>
    </userRemoteConfigs>
    <branches>
      <hudson.plugins.git.BranchSpec>
        <name>*/${BRANCH}</name>
      </hudson.plugins.git.BranchSpec>
    </branches>
    <doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>
    <submoduleCfg class="empty-list"/>
    <extensions/>
  </scm>
  <canRoam>true</canRoam>
  <disabled>false</disabled>
  <blockBuildWhenDownstreamBuilding>false</blockBuildWhenDownstreamBuilding>
  <blockBuildWhenUpstreamBuilding>false</blockBuildWhenUpstreamBuilding>
  <triggers>
    <hudson.triggers.SCMTrigger>
      <spec>H/15 * * * *</spec>
      <ignorePostCommitHooks>false</ignorePostCommitHooks>
    </hudson.triggers.SCMTrigger>
  </triggers>
  <concurrentBuild>false</concurrentBuild>
  <builders>
    <hudson.tasks.Shell>
      <command>@SCRIPT@</command>
      <configuredLocalRules/>
    </hudson.tasks.Shell>
  </builders>
  <publishers>
    <hudson.tasks.junit.JUnitResultArchiver plugin="junit@1335.v6b_a_a_e18534e1">
      <testResults>**/target/surefire-reports/*.xml</testResults>
      <keepProperties>false</keepProperties>
      <keepLongStdio>false</keepLongStdio>
      <healthScaleFactor>1.0</healthScaleFactor>
      <allowEmptyResults>true</allowEmptyResults>
      <skipPublishingChecks>false</skipPublishingChecks>
      <skipMarkingBuildUnstable>false</skipMarkingBuildUnstable>
    </hudson.tasks.junit.JUnitResultArchiver>
    <hudson.tasks.ArtifactArchiver>
      <artifacts>target/*.jar</artifacts>
      <allowEmptyArchive>true</allowEmptyArchive>
      <onlyIfSuccessful>false</onlyIfSuccessful>
      <fingerprint>true</fingerprint>
      <defaultExcludes>true</defaultExcludes>
      <caseSensitive>true</caseSensitive>
      <followSymlinks>false</followSymlinks>
    </hudson.tasks.ArtifactArchiver>
  </publishers>
  <buildWrappers>
    <hudson.plugins.timestamper.TimestamperBuildWrapper plugin="timestamper@1.29"/>
  </buildWrappers>
</project>`

var pipelineTemplate = xmlHeader + `<flow-definition plugin="workflow-job@1540.v295eccc9778f">
  <actions>
    <org.jenkinsci.plugins.pipeline.modeldefinition.actions.DeclarativeJobAction plugin="pipeline-model-definition@2.2255.v56a_15e805f12"/>
    <org.jenkinsci.plugins.pipeline.modeldefinition.actions.DeclarativeJobPropertyTrackerAction plugin="pipeline-model-definition@2.2255.v56a_15e805f12">
      <jobProperties/>
      <triggers/>
      <parameters/>
      <options/>
    </org.jenkinsci.plugins.pipeline.modeldefinition.actions.DeclarativeJobPropertyTrackerAction>
  </actions>
  <description>@DESCRIPTION@</description>
  <keepDependencies>false</keepDependencies>
  <properties>
` + buildDiscarderXML + `    <org.jenkinsci.plugins.workflow.job.properties.DisableConcurrentBuildsJobProperty>
      <abortPrevious>false</abortPrevious>
    </org.jenkinsci.plugins.workflow.job.properties.DisableConcurrentBuildsJobProperty>
    <org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty>
      <triggers>
        <hudson.triggers.TimerTrigger>
          <spec>H 2 * * *</spec>
        </hudson.triggers.TimerTrigger>
      </triggers>
    </org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty>
  </properties>
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps@4106.v7a_8a_8176d450">
    <script>@SCRIPT@</script>
    <sandbox>true</sandbox>
  </definition>
  <triggers/>
  <disabled>false</disabled>
</flow-definition>`

func folderXML(name string) string {
	return xmlHeader + `<com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder@6.1012.v79a_86a_1ea_c1f">
  <actions/>
  <description>Jobs of ` + name + `</description>
  <properties/>
  <folderViews class="com.cloudbees.hudson.plugins.folder.views.DefaultFolderViewHolder">
    <views>
      <hudson.model.AllView>
        <owner class="com.cloudbees.hudson.plugins.folder.Folder" reference="../../../.."/>
        <name>All</name>
        <filterExecutors>false</filterExecutors>
        <filterQueue>false</filterQueue>
        <properties class="hudson.model.View$PropertyList"/>
      </hudson.model.AllView>
    </views>
    <tabBar class="hudson.views.DefaultViewsTabBar"/>
  </folderViews>
  <healthMetrics/>
  <icon class="com.cloudbees.hudson.plugins.folder.icons.StockFolderIcon"/>
</com.cloudbees.hudson.plugins.folder.Folder>`
}
