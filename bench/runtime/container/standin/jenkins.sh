#! /bin/bash -e
# jsbench's stand-in for the entrypoint of the official jenkins/jenkins
# image, which tini starts as /usr/local/bin/jenkins.sh. It keeps that
# script's contract: the same variables and defaults, the same refusal of
# a home it cannot write, the reference files of $REF copied into
# JENKINS_HOME before Java starts (logged to $COPY_REFERENCE_FILE_LOG),
# JAVA_OPTS, JENKINS_JAVA_OPTS and JENKINS_OPTS split like words but
# never evaluated, and `java -Duser.home=$JENKINS_HOME … -jar $JENKINS_WAR …`
# run in its place. Here `java` is jsbench's simulated controller.

: "${JENKINS_WAR:="/usr/share/jenkins/jenkins.war"}"
: "${JENKINS_HOME:="/var/jenkins_home"}"
: "${COPY_REFERENCE_FILE_LOG:="${JENKINS_HOME}/copy_reference_file.log"}"
: "${REF:="/usr/share/jenkins/ref"}"

if ! touch "${COPY_REFERENCE_FILE_LOG}"; then
  echo "Can not write to ${COPY_REFERENCE_FILE_LOG}. Wrong volume permissions?"
  exit 1
fi
echo "--- Copying files at $(date)" >>"$COPY_REFERENCE_FILE_LOG"
find "${REF}" \( -type f -o -type l \) -exec bash -c '. /usr/local/bin/jenkins-support; for ref_file; do copy_reference_file "$ref_file"; done' _ {} +

# Arguments that do not start with "--" name another program to run.
if [[ $# -gt 0 && "$1" != "--"* ]]; then
  exec "$@"
fi

# words splits its argument as xargs does (quotes respected) into the
# array named by $1, without evaluating anything.
words() {
  local -n into=$1
  local word
  into=()
  [[ -n "$2" ]] || return 0
  while IFS= read -r -d '' word; do
    into+=("$word")
  done < <(xargs printf '%s\0' <<<"$2")
}

java_opts_text=$(sed -e 's/^ $//' <<<"${JAVA_OPTS} ${JENKINS_JAVA_OPTS}")
words java_opts "$java_opts_text"
agent_port_property='jenkins.model.Jenkins.slaveAgentPort'
if [[ -n "${JENKINS_SLAVE_AGENT_PORT:-}" && "$java_opts_text" != *"$agent_port_property"* ]]; then
  java_opts+=("-D${agent_port_property}=${JENKINS_SLAVE_AGENT_PORT}")
fi
if [[ -n "${DEBUG:-}" ]]; then
  java_opts+=(-Xdebug '-Xrunjdwp:server=y,transport=dt_socket,address=*:5005,suspend=y')
fi
words jenkins_opts "${JENKINS_OPTS:-}"

exec java -Duser.home="$JENKINS_HOME" "${java_opts[@]}" -jar "${JENKINS_WAR}" "${jenkins_opts[@]}" "$@"
