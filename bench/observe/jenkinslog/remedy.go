package jenkinslog

// remedies say how to fix the failures a Signature names, for the person
// who reads a failed start.
var remedies = map[string]string{
	SignaturePermissionDenied: "JENKINS_HOME must be writable by the user Jenkins runs as (uid 1000 in the official image): " +
		"chown -R 1000:1000 the volume's directory (in Kubernetes: securityContext.fsGroup: 1000, or an init container that chowns it) and mount it read-write",
	SignatureOutOfMemory: "give the JVM more heap (-Xmx in JAVA_OPTS) or the container a higher memory limit",
	SignaturePortInUse:   "another process holds the HTTP port: stop it, or move Jenkins with --httpPort (JENKINS_OPTS)",
	SignatureWarCorrupt:  "the war is damaged: download jenkins.war again and check its SHA-256, or remove the webroot ($JENKINS_HOME/war) so that it is extracted again",
	SignaturePluginFailure: "a plugin failed to load: read its SEVERE lines, then update the plugin or its dependencies (or Jenkins), " +
		"or remove it from $JENKINS_HOME/plugins",
}

// Remedy says how to fix a failure of the given Signature, empty when
// there is no one fix (boot_failure, incomplete).
func Remedy(signature string) string { return remedies[signature] }
