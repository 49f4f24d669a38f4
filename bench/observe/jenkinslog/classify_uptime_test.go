package jenkinslog

import (
	"os"
	"testing"
)

// TestJVMUptime reads Jetty's uptime figures; fixture 01's "Started
// Server@7c098bb3{STARTING}[10.0.18,sto=0] @1363ms" comes 1057 ms after
// its first record (10:16:44.328 - 10:16:43.271), so the JVM ran 306 ms
// before that record.
func TestJVMUptime(t *testing.T) {
	for _, tt := range []struct {
		msg  string
		up   float64
		want bool
	}{
		{"Started Server@7c098bb3{STARTING}[10.0.18,sto=0] @1363ms", 1363, true},
		{"Started @2345ms", 2345, true},
		{"Logging initialized @638ms to org.eclipse.jetty.util.log.JavaUtilLog", 638, true},
		{"Started w.@3e15bb06{Jenkins v2.426.2,/,file:///var/jenkins_home/war/,AVAILABLE}", 0, false},
		{"Started ServerConnector@6955cb39{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}", 0, false},
	} {
		up, ok := jvmUptime([]byte(tt.msg))
		if ok != tt.want || up != tt.up {
			t.Errorf("jvmUptime(%q) = %v, %v; want %v, %v", tt.msg, up, ok, tt.up, tt.want)
		}
	}
	f, err := os.Open(fixtureDir + "/01-docker-logs-2.426.2-setup-wizard.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Parse(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := res.Starts[0].Uptime
	if u == nil || u.UptimeMS != 1363 || u.OffsetMS != 1057 || u.BeforeLogMS() != 306 {
		t.Errorf("uptime %+v, want 1363 ms at 1057 ms: 306 ms before the first record", u)
	}
}
