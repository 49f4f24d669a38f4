package scenario

import (
	"reflect"
	"testing"
	"time"
)

// volumeView is what a test compares of a Volume: its configured volume
// is an interface, compared through its name, kind and parameters.
type volumeView struct {
	Name, Kind   string
	Params       map[string]string
	Line, Column int
}

func viewVolumes(t *testing.T, vols []Volume) []volumeView {
	var views []volumeView
	for _, v := range vols {
		if v.Config.Name() != v.Name || v.Config.Kind() != v.Kind {
			t.Errorf("volume %s/%s configured as %s/%s", v.Name, v.Kind, v.Config.Name(), v.Config.Kind())
		}
		views = append(views, volumeView{v.Name, v.Kind, v.Config.Params(), v.Line, v.Column})
	}
	return views
}

func TestParseGood(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		yaml    string
		want    Scenario
		volumes []volumeView
	}{
		{"minimal, defaults applied", "scenarios/min.yaml", `version: 1
name: min
subject: {kind: sim}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "min", File: "scenarios/min.yaml",
			Subject: Subject{Kind: "sim", Runtime: "container"},
			Home:    Home{Kind: HomeEmpty, Seed: DefaultSeed},
			Runs:    DefaultRuns, Warmup: DefaultWarmup, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 4, 11}}},

		{"full image scenario", "scenarios/full.yaml", `version: 1
name: full-1.x
description: Every field set.
subject:
  kind: image
  runtime: container
  image: jenkins/jenkins:2.440.3-lts-jdk17
  java_opts: -Xmx2g -Dhudson.model.UpdateCenter.never=true
  env: {TZ: UTC, RETRIES: 3, DEBUG: true}
  cpu: 500m
  memory: 1.5Gi
home:
  kind: generated
  jobs: 200
  builds_per_job: 10
  plugins: 20
  folders: 4
  seed: -7
volumes:
  - name: local
    kind: local
    dir: /var/tmp
  - name: ram
    kind: tmpfs
runs: 7
warmup: 2
timeout: 1m30s
start: restart
rto: 5m
`, Scenario{
			Version: 1, Name: "full-1.x", Description: "Every field set.", File: "scenarios/full.yaml",
			Subject: Subject{
				Kind: "image", Runtime: "container", Image: "jenkins/jenkins:2.440.3-lts-jdk17",
				JavaOpts: "-Xmx2g -Dhudson.model.UpdateCenter.never=true",
				Env:      map[string]string{"TZ": "UTC", "RETRIES": "3", "DEBUG": "true"},
				CPUs:     0.5, MemoryBytes: 3 << 29,
			},
			Home: Home{Kind: HomeGenerated, Jobs: 200, BuildsPerJob: 10, Plugins: 20, Folders: 4, Seed: -7},
			Runs: 7, Warmup: 2, Timeout: 90 * time.Second, Start: StartRestart, Cache: CacheCold,
			RTO: 5 * time.Minute, Reference: "local",
		}, []volumeView{
			{"local", "local", map[string]string{"dir": "/var/tmp"}, 20, 5},
			{"ram", "tmpfs", map[string]string{}, 23, 5},
		}},

		{"image defaults", "min.yaml", `version: 1
name: img
subject: {kind: image, cpu: 1.5, memory: 536870912}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "img", File: "min.yaml",
			Subject: Subject{Kind: "image", Runtime: "container", Image: DefaultImage, CPUs: 1.5, MemoryBytes: 512 << 20},
			Home:    Home{Kind: HomeEmpty, Seed: DefaultSeed},
			Runs:    DefaultRuns, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 4, 11}}},

		{"war resolved against the file, dir home", "scenarios/examples/war.yaml", `version: 1
name: war
subject: {kind: war, war: jenkins.war}
home: {kind: dir, dir: ../homes/big}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "war", File: "scenarios/examples/war.yaml",
			Subject: Subject{Kind: "war", Runtime: "process", War: "scenarios/examples/jenkins.war", Java: DefaultJava},
			Home:    Home{Kind: HomeDir, Seed: DefaultSeed, Dir: "scenarios/homes/big"},
			Runs:    DefaultRuns, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 5, 11}}},

		{"absolute war, own java", "scenarios/war.yaml", `version: 1
name: war
subject: {kind: war, war: /opt/jenkins.war, java: /usr/lib/jvm/java-21/bin/java, runtime: process}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "war", File: "scenarios/war.yaml",
			Subject: Subject{Kind: "war", Runtime: "process", War: "/opt/jenkins.war", Java: "/usr/lib/jvm/java-21/bin/java"},
			Home:    Home{Kind: HomeEmpty, Seed: DefaultSeed},
			Runs:    DefaultRuns, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 4, 11}}},

		{"sim extracting the war into the Helm chart's cache", "s.yaml", `version: 1
name: sim
subject:
  kind: sim
  sim: {webroot: cache}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "sim", File: "s.yaml",
			Subject: Subject{Kind: "sim", Runtime: "container", Sim: map[string]string{}, Webroot: "cache"},
			Home:    Home{Kind: HomeEmpty, Seed: DefaultSeed},
			Runs:    DefaultRuns, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 6, 11}}},
		{"sim as a process with workload overrides", "s.yaml", `version: 1
name: sim
subject:
  kind: sim
  runtime: process
  sim: {war_entries: 1000, war_mb: 100, reactor_threads: 4}
volumes: [{name: local, kind: local}]
`, Scenario{
			Version: 1, Name: "sim", File: "s.yaml",
			Subject: Subject{Kind: "sim", Runtime: "process",
				Sim: map[string]string{"war_entries": "1000", "war_mb": "100", "reactor_threads": "4"}},
			Home: Home{Kind: HomeEmpty, Seed: DefaultSeed},
			Runs: DefaultRuns, Timeout: DefaultTimeout, Start: StartCold, Cache: CacheCold, Reference: "local",
		}, []volumeView{{"local", "local", nil, 7, 11}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.file, []byte(tt.yaml), testRuntimes)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := viewVolumes(t, s.Volumes); !reflect.DeepEqual(got, tt.volumes) {
				t.Errorf("volumes = %+v, want %+v", got, tt.volumes)
			}
			s.Volumes = nil
			if !reflect.DeepEqual(*s, tt.want) {
				t.Errorf("scenario =\n%+v\nwant\n%+v", *s, tt.want)
			}
		})
	}
}

func TestParseAdaptiveRuns(t *testing.T) {
	s, err := Parse("auto.yaml", []byte(`version: 1
name: auto
subject: {kind: sim}
volumes: [{name: local, kind: local}]
runs: auto
max_runs: 12
precision: 2.5%
`), testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	want := Adaptive{MinRuns: DefaultMinRuns, MaxRuns: 12, Precision: 0.025}
	if s.Adaptive == nil || *s.Adaptive != want || s.Runs != 12 {
		t.Errorf("runs %d, adaptive %+v; want 12 and %+v", s.Runs, s.Adaptive, want)
	}
}
