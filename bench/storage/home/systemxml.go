package home

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
	"github.com/jsbench/jsbench/bench/storage/home/system"
)

// The system files below are shaped like those of a 2.5xx home with the
// setup wizard completed and security on.

const xmlHeader = system.Header

const locationXML = xmlHeader + `<jenkins.model.JenkinsLocationConfiguration>
  <adminAddress>jenkins-admin@example.com</adminAddress>
  <jenkinsUrl>https://jenkins.example.com/</jenkinsUrl>
</jenkins.model.JenkinsLocationConfiguration>`

const nodeMonitorsXML = xmlHeader + `<hudson.util.DescribableList>
  <hudson.node__monitors.ArchitectureMonitor>
    <ignored>false</ignored>
  </hudson.node__monitors.ArchitectureMonitor>
  <hudson.node__monitors.ClockMonitor>
    <ignored>false</ignored>
  </hudson.node__monitors.ClockMonitor>
  <hudson.node__monitors.DiskSpaceMonitor>
    <ignored>false</ignored>
    <freeSpaceThreshold>1GiB</freeSpaceThreshold>
    <freeSpaceWarningThreshold>2GiB</freeSpaceWarningThreshold>
  </hudson.node__monitors.DiskSpaceMonitor>
  <hudson.node__monitors.SwapSpaceMonitor>
    <ignored>false</ignored>
  </hudson.node__monitors.SwapSpaceMonitor>
  <hudson.node__monitors.TemporarySpaceMonitor>
    <ignored>false</ignored>
    <freeSpaceThreshold>1GiB</freeSpaceThreshold>
    <freeSpaceWarningThreshold>2GiB</freeSpaceWarningThreshold>
  </hudson.node__monitors.TemporarySpaceMonitor>
  <hudson.node__monitors.ResponseTimeMonitor>
    <ignored>false</ignored>
  </hudson.node__monitors.ResponseTimeMonitor>
</hudson.util.DescribableList>`

const credentialsXML = xmlHeader + `<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1415.v831096eb_5534">
  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
    <entry>
      <com.cloudbees.plugins.credentials.domains.Domain>
        <specifications/>
      </com.cloudbees.plugins.credentials.domains.Domain>
      <java.util.concurrent.CopyOnWriteArrayList>
        <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
          <scope>GLOBAL</scope>
          <id>git-ci</id>
          <description>CI checkout</description>
          <username>ci-bot</username>
          <password>{AQAAABAAAAAQ0Ue1sWv8nRmu1JdaX0gxvq1Ccj4d7Sx0mhgfSPS0Wuw=}</password>
          <usernameSecret>false</usernameSecret>
        </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
      </java.util.concurrent.CopyOnWriteArrayList>
    </entry>
  </domainCredentialsMap>
</com.cloudbees.plugins.credentials.SystemCredentialsProvider>`

func usersXML(idsAndDirs []string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + "<hudson.model.UserIdMapper>\n  <version>1</version>\n  <idToDirectoryNameMap class=\"concurrent-hash-map\">\n")
	for i := 0; i+1 < len(idsAndDirs); i += 2 {
		fmt.Fprintf(&b, "    <entry>\n      <string>%s</string>\n      <string>%s</string>\n    </entry>\n", idsAndDirs[i], idsAndDirs[i+1])
	}
	b.WriteString("  </idToDirectoryNameMap>\n</hudson.model.UserIdMapper>")
	return b.String()
}

func userXML(id string, src *synth.Source) string {
	return fmt.Sprintf(xmlHeader+`<user>
  <version>10</version>
  <id>%[1]s</id>
  <fullName>%[1]s</fullName>
  <properties>
    <jenkins.security.ApiTokenProperty>
      <tokenStore>
        <tokenList/>
      </tokenStore>
    </jenkins.security.ApiTokenProperty>
    <hudson.model.MyViewsProperty>
      <views>
        <hudson.model.AllView>
          <owner class="hudson.model.MyViewsProperty" reference="../../.."/>
          <name>all</name>
          <filterExecutors>false</filterExecutors>
          <filterQueue>false</filterQueue>
          <properties class="hudson.model.View$PropertyList"/>
        </hudson.model.AllView>
      </views>
    </hudson.model.MyViewsProperty>
    <hudson.model.PaneStatusProperties>
      <collapsed/>
    </hudson.model.PaneStatusProperties>
    <jenkins.security.seed.UserSeedProperty>
      <seed>%[2]s</seed>
    </jenkins.security.seed.UserSeedProperty>
    <hudson.search.UserSearchProperty>
      <insensitiveSearch>true</insensitiveSearch>
    </hudson.search.UserSearchProperty>
    <hudson.security.HudsonPrivateSecurityRealm_-Details>
      <passwordHash>#jbcrypt:$2a$10$%[3]s</passwordHash>
    </hudson.security.HudsonPrivateSecurityRealm_-Details>
    <hudson.tasks.Mailer_-UserProperty plugin="mailer@508.vb_c0ea_7b_c5c1a_">
      <emailAddress>%[1]s@example.com</emailAddress>
    </hudson.tasks.Mailer_-UserProperty>
  </properties>
</user>`, id, src.Hex(16), src.Hex(53))
}

func nodeXML(name string) string {
	return fmt.Sprintf(xmlHeader+`<slave>
  <name>%[1]s</name>
  <description>Linux build agent</description>
  <remoteFS>/home/jenkins/agent</remoteFS>
  <numExecutors>2</numExecutors>
  <mode>NORMAL</mode>
  <retentionStrategy class="hudson.slaves.RetentionStrategy$Always"/>
  <launcher class="hudson.plugins.sshslaves.SSHLauncher" plugin="ssh-slaves@3.1085.vc64d040efa_85">
    <host>%[1]s.example.com</host>
    <port>22</port>
    <credentialsId>agent-ssh</credentialsId>
    <launchTimeoutSeconds>60</launchTimeoutSeconds>
    <maxNumRetries>10</maxNumRetries>
    <retryWaitTime>15</retryWaitTime>
    <sshHostKeyVerificationStrategy class="hudson.plugins.sshslaves.verifiers.NonVerifyingKeyVerificationStrategy"/>
    <tcpNoDelay>true</tcpNoDelay>
  </launcher>
  <label>linux docker</label>
  <nodeProperties/>
</slave>`, name)
}
