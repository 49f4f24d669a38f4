package main

// Files a fresh Jenkins writes, in the shape 2.5xx writes them.

const configXML = `<?xml version='1.1' encoding='UTF-8'?>
<hudson>
  <disabledAdministrativeMonitors/>
  <version>` + version + `</version>
  <numExecutors>2</numExecutors>
  <mode>NORMAL</mode>
  <useSecurity>true</useSecurity>
  <authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>
  <securityRealm class="hudson.security.SecurityRealm$None"/>
  <disableRememberMe>false</disableRememberMe>
  <projectNamingStrategy class="jenkins.model.ProjectNamingStrategy$DefaultProjectNamingStrategy"/>
  <workspaceDir>${JENKINS_HOME}/workspace/${ITEM_FULL_NAME}</workspaceDir>
  <buildsDir>${ITEM_ROOTDIR}/builds</buildsDir>
  <jdks/>
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
  <slaveAgentPort>-1</slaveAgentPort>
  <label></label>
  <nodeProperties/>
  <globalNodeProperties/>
</hudson>`

const nodeMonitorsXML = `<?xml version='1.1' encoding='UTF-8'?>
<hudson.util.DescribableList>
  <hudson.node__monitors.ArchitectureMonitor><ignored>false</ignored></hudson.node__monitors.ArchitectureMonitor>
  <hudson.node__monitors.ClockMonitor><ignored>false</ignored></hudson.node__monitors.ClockMonitor>
  <hudson.node__monitors.DiskSpaceMonitor><ignored>false</ignored><freeSpaceThreshold>1GiB</freeSpaceThreshold></hudson.node__monitors.DiskSpaceMonitor>
  <hudson.node__monitors.SwapSpaceMonitor><ignored>false</ignored></hudson.node__monitors.SwapSpaceMonitor>
  <hudson.node__monitors.TemporarySpaceMonitor><ignored>false</ignored><freeSpaceThreshold>1GiB</freeSpaceThreshold></hudson.node__monitors.TemporarySpaceMonitor>
  <hudson.node__monitors.ResponseTimeMonitor><ignored>false</ignored></hudson.node__monitors.ResponseTimeMonitor>
</hudson.util.DescribableList>`

const updateCenterXML = `<?xml version='1.1' encoding='UTF-8'?>
<sites>
  <site>
    <id>default</id>
    <url>https://updates.jenkins.io/update-center.json</url>
  </site>
</sites>`

const queueXML = `<?xml version='1.1' encoding='UTF-8'?>
<hudson>
  <items/>
</hudson>`
