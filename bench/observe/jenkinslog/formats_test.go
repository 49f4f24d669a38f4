package jenkinslog

import (
	"testing"
	"time"
)

func TestParseJULHeader(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   string // UTC, "" when no header
		source string
	}{
		{"en_US", "Mar 01, 2015 3:04:41 PM jenkins.InitReactorRunner$1 onAttained", "2015-03-01T15:04:41Z", "jenkins.InitReactorRunner$1 onAttained"},
		{"12 AM is midnight", "Jan 01, 2016 12:00:03 AM winstone.Logger logInternal", "2016-01-01T00:00:03Z", "winstone.Logger logInternal"},
		{"12 PM is noon", "Jan 01, 2016 12:59:59 PM winstone.Logger logInternal", "2016-01-01T12:59:59Z", "winstone.Logger logInternal"},
		{"zh_CN marker after time", "十二月 19, 2015 12:32:19 上午 winstone.Logger logInternal", "2015-12-19T00:32:19Z", "winstone.Logger logInternal"},
		{"zh_CN afternoon", "三月 02, 2016 1:02:03 下午 hudson.WebAppMain$3 run", "2016-03-02T13:02:03Z", "hudson.WebAppMain$3 run"},
		{"ja Java 6", "2011/12/03 19:03:17 jenkins.model.Jenkins$6 onAttained", "2011-12-03T19:03:17Z", "jenkins.model.Jenkins$6 onAttained"},
		{"ja Java 7", "12月 03, 2011 7:03:17 午後 jenkins.model.Jenkins$6 onAttained", "2011-12-03T19:03:17Z", "jenkins.model.Jenkins$6 onAttained"},
		{"ko Java 6 marker before time", "2015. 3. 1 오후 3:04:41 hudson.WebAppMain$3 run", "2015-03-01T15:04:41Z", "hudson.WebAppMain$3 run"},
		{"de Java 6", "01.03.2015 15:04:41 hudson.WebAppMain$3 run", "2015-03-01T15:04:41Z", "hudson.WebAppMain$3 run"},
		{"de Java 8", "Mär 01, 2015 3:04:41 NACHM. hudson.WebAppMain$3 run", "2015-03-01T15:04:41Z", "hudson.WebAppMain$3 run"},
		{"fr Java 6", "1 mars 2015 15:04:41 hudson.WebAppMain$3 run", "2015-03-01T15:04:41Z", "hudson.WebAppMain$3 run"},
		{"es Java 6", "01-mar-2015 15:04:41 hudson.WebAppMain$3 run", "2015-03-01T15:04:41Z", "hudson.WebAppMain$3 run"},
		{"logger only", "Mar 01, 2015 3:04:41 PM hudson.WebAppMain", "2015-03-01T15:04:41Z", "hudson.WebAppMain"},
		{"other program's line", "2022/03/18 14:41:48 Using in-memory storage", "", ""},
		{"message with a time", "INFO: Started at 10:00:00 by admin", "", ""},
		{"invalid date", "Feb 30, 2015 3:04:41 PM hudson.WebAppMain run", "", ""},
		{"hour 13 with PM", "Mar 01, 2015 13:04:41 PM hudson.WebAppMain run", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, source, ok := parseJULHeader([]byte(tt.header), time.UTC)
			if ok != (tt.want != "") {
				t.Fatalf("ok = %v, want %v", ok, tt.want != "")
			}
			if !ok {
				return
			}
			if got := at.time(&zones{}).UTC().Format(time.RFC3339); got != tt.want || string(source) != tt.source {
				t.Errorf("got %s %q, want %s %q", got, source, tt.want, tt.source)
			}
		})
	}
}

func TestParseLevelLine(t *testing.T) {
	tests := []struct {
		line  string
		level level
		msg   string
	}{
		{"INFO: Started initialization", levelInfo, "Started initialization"},
		{"信息: Beginning extraction from war file", levelInfo, "Beginning extraction from war file"},
		{"情報: Started initialization", levelInfo, "Started initialization"},
		{"정보: Started initialization", levelInfo, "Started initialization"},
		{"Information: Completed initialization", levelInfo, "Completed initialization"},
		{"SCHWERWIEGEND: Failed to initialize Jenkins", levelSevere, "Failed to initialize Jenkins"},
		{"GRAVE: Failed Loading plugin", levelSevere, "Failed Loading plugin"},
		{"严重：Failed to initialize Jenkins", levelSevere, "Failed to initialize Jenkins"},
		{"AM FEINSTEN: x", levelFine, "x"},
		{"Caused by: java.io.IOException: x", levelNone, ""},
		{"at hudson.Main.main(Main.java:1)", levelNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			lv, msg, ok := parseLevelLine([]byte(tt.line))
			if ok != (tt.level != levelNone) || lv != tt.level || string(msg) != tt.msg {
				t.Errorf("got %v %q %v, want %v %q", lv, msg, ok, tt.level, tt.msg)
			}
		})
	}
}

func TestUnwrap(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		body  string
		outer string
		kind  wrapKind
	}{
		{"docker timestamps", "2016-07-16T15:27:23.261353343Z Running from: x", "Running from: x", "2016-07-16T15:27:23.261353343Z", wrapPlain},
		{"kubectl offset", "2024-04-19T02:52:05.1+02:00 Running from: x", "Running from: x", "2024-04-19T00:52:05.1Z", wrapPlain},
		{"compose v1", "jenkins_1  | Running from: x", "Running from: x", "", wrapPlain},
		{"compose prefix only", "jenkins-container |", "", "", wrapPlain},
		{"compose other service", "mails_1    | Serving under http://0.0.0.0:8025/", "", "", wrapOther},
		{"kubectl prefix", "[pod/jenkins-0/jenkins] Running from: x", "Running from: x", "", wrapPlain},
		{"json-file", `{"log":"a\u0009b\r\n","stream":"stdout","time":"2023-11-06T02:57:43.259894055Z"}`, "a\tb", "2023-11-06T02:57:43.259894055Z", wrapPlain},
		{"journal", "Apr 21 11:16:47 ubuntu jenkins[820792]: Running from: x", "Running from: x", "", wrapPlain},
		{"journal padded day", "Apr  1 11:16:47 ubuntu jenkins[1]: x", "x", "", wrapPlain},
		{"systemd", "Apr 21 11:17:17 ubuntu systemd[1]: Started Jenkins.", "Started Jenkins.", "", wrapSystemd},
		{"plain record", extractLine, extractLine, "", wrapPlain},
		{"ansi", "\x1b[36mjenkins_1  |\x1b[0m Running from: x", "Running from: x", "", wrapPlain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewParser(Options{})
			w := p.unwrap([]byte(tt.line))
			if w.kind != tt.kind || (tt.kind != wrapOther && string(w.body) != tt.body) {
				t.Errorf("got %v %q, want %v %q", w.kind, w.body, tt.kind, tt.body)
			}
			if got := stamp3339(w.outer.time(&p.zones)); got != tt.outer {
				t.Errorf("outer = %q, want %q", got, tt.outer)
			}
		})
	}
}

func TestHTTPStarted(t *testing.T) {
	tests := map[string]bool{
		"Started ServerConnector@6955cb39{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}":      true,
		"Started oejs.ServerConnector@2aa6311a{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}": true,
		"Started SelectChannelConnector@0.0.0.0:8080":                               true,
		"Started Server@7c098bb3{STARTING}[10.0.18,sto=0] @1363ms":                  true,
		"Started oejs.Server@53a665ad{STARTING}[12.1.5,sto=0] @764ms":               true,
		"Started @2875ms": true,
		"Started w.@3e15bb06{Jenkins v2.426.2,/,file:///var/jenkins_home/war/,AVAILABLE}": false,
		"Started initialization":    false,
		"Started Download metadata": false,
	}
	for msg, want := range tests {
		if got := httpStarted([]byte(msg)); got != want {
			t.Errorf("httpStarted(%q) = %v, want %v", msg, got, want)
		}
	}
}
