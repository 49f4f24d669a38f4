// Package system holds the controller-wide files of a JENKINS_HOME in the
// shape Jenkins 2.5xx writes them: config.xml, the update centre's sites,
// the build queue and the userContent readme. It sits under bench/storage/home
// (which fills a home before a run) and cmd/jenkins-sim (which writes them
// on a fresh home's first boot), so that both write the same bytes. It
// imports nothing beyond the standard library, so the simulated controller
// stays a small static binary.
package system

import "fmt"

// Header is the XML declaration that starts every file Jenkins saves.
const Header = "<?xml version='1.1' encoding='UTF-8'?>\n"

// UpdateCenterXML is hudson.model.UpdateCenter.xml naming the default site.
const UpdateCenterXML = Header + `<sites>
  <site>
    <id>default</id>
    <url>https://updates.jenkins.io/update-center.json</url>
  </site>
</sites>`

// QueueXML is queue.xml of an empty build queue, as Jenkins persists it
// when it stops.
const QueueXML = Header + `<hudson>
  <items/>
</hudson>`

// UserContentReadme is userContent/readme.txt, which a first boot writes.
const UserContentReadme = "Files in this directory will be served under your http://yourjenkins/userContent/\n"

// ConfigXML returns config.xml for the Jenkins release version. With
// secured false it is the file a first boot of an empty home writes (no
// security realm, inbound agent port off); with secured true it is the one
// the setup wizard leaves once security is on (logged-in users in full
// control, a user database, CSRF crumbs, agents on port 50000).
func ConfigXML(version string, secured bool) string {
	s := firstBoot
	if secured {
		s = afterWizard
	}
	return fmt.Sprintf(configTemplate, version, s.security, s.markup, s.agentPort, s.crumbIssuer, s.migration)
}

// settings are the lines in which the two states of config.xml differ;
// each non-empty one ends in a newline.
type settings struct {
	security, markup, agentPort, crumbIssuer, migration string
}

var firstBoot = settings{
	security: `  <authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>
  <securityRealm class="hudson.security.SecurityRealm$None"/>
`,
	agentPort: "-1",
}

var afterWizard = settings{
	security: `  <authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy">
    <denyAnonymousReadAccess>true</denyAnonymousReadAccess>
  </authorizationStrategy>
  <securityRealm class="hudson.security.HudsonPrivateSecurityRealm">
    <disableSignup>true</disableSignup>
    <enableCaptcha>false</enableCaptcha>
  </securityRealm>
`,
	markup:    "  <markupFormatter class=\"hudson.markup.EscapedMarkupFormatter\"/>\n",
	agentPort: "50000",
	crumbIssuer: `  <crumbIssuer class="hudson.security.csrf.DefaultCrumbIssuer">
    <excludeClientIPFromCrumb>false</excludeClientIPFromCrumb>
  </crumbIssuer>
`,
	migration: "  <nodeRenameMigrationNeeded>false</nodeRenameMigrationNeeded>\n",
}

// configTemplate takes the version, then the settings in field order.
const configTemplate = Header + `<hudson>
  <disabledAdministrativeMonitors/>
  <version>%[1]s</version>
  <numExecutors>2</numExecutors>
  <mode>NORMAL</mode>
  <useSecurity>true</useSecurity>
%[2]s  <disableRememberMe>false</disableRememberMe>
  <projectNamingStrategy class="jenkins.model.ProjectNamingStrategy$DefaultProjectNamingStrategy"/>
  <workspaceDir>${JENKINS_HOME}/workspace/${ITEM_FULL_NAME}</workspaceDir>
  <buildsDir>${ITEM_ROOTDIR}/builds</buildsDir>
%[3]s  <jdks/>
  <viewsTabBar class="hudson.views.DefaultViewsTabBar"/>
  <myViewsTabBar class="hudson.views.DefaultMyViewsTabBar"/>
  <clouds/>
  <scmCheckoutRetryCount>0</scmCheckoutRetryCount>
  <views>
    <hudson.model.AllView>
      <owner class="hudson" reference="../../.."/>
      <name>all</name>
      <filterExecutors>false</filterExecutors>
      <filterQueue>false</filterQueue>
      <properties class="hudson.model.View$PropertyList"/>
    </hudson.model.AllView>
  </views>
  <primaryView>all</primaryView>
  <slaveAgentPort>%[4]s</slaveAgentPort>
  <label></label>
%[5]s  <nodeProperties/>
  <globalNodeProperties/>
%[6]s</hudson>`
