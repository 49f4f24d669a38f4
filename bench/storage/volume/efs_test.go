package volume

import (
	"maps"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

func TestEFSDockerVolume(t *testing.T) {
	const efsOptions = "nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport"
	tests := []struct {
		name    string
		options map[string]any
		o       string
		device  string
		params  map[string]string
	}{
		{"file system id and region",
			map[string]any{"file_system_id": "fs-0123456789abcdef0", "region": "eu-west-1"},
			"addr=fs-0123456789abcdef0.efs.eu-west-1.amazonaws.com," + efsOptions, ":/home-r7",
			map[string]string{"file_system_id": "fs-0123456789abcdef0", "region": "eu-west-1"}},
		{"short id, dns name wins, export inside",
			map[string]any{"file_system_id": "fs-01234567", "dns_name": "jenkins.efs.internal", "export": "/jenkins", "subdir_per_run": false},
			"addr=jenkins.efs.internal," + efsOptions, ":/jenkins",
			map[string]string{"file_system_id": "fs-01234567"}},
		{"access point recorded, options override",
			map[string]any{"file_system_id": "fs-0123456789abcdef0", "region": "us-gov-west-1",
				"access_point": "fsap-0123456789abcdef0", "options": "actimeo=1"},
			"addr=fs-0123456789abcdef0.efs.us-gov-west-1.amazonaws.com," + efsOptions + ",actimeo=1", ":/home-r7",
			map[string]string{"access_point": "fsap-0123456789abcdef0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, problems := Configure("efs", "efs", tt.options)
			if len(problems) > 0 {
				t.Fatal(problemList(problems))
			}
			dv := v.(*nfsVolume).dockerVolume(runEnv)
			want := map[string]string{"type": "nfs", "o": tt.o, "device": tt.device}
			if !maps.Equal(dv.DriverOpts, want) {
				t.Errorf("got %v\nwant %v", dv.DriverOpts, want)
			}
			for key, value := range tt.params {
				if v.Params()[key] != value {
					t.Errorf("params[%q] = %q, want %q", key, v.Params()[key], value)
				}
			}
		})
	}
}

func TestEFSAccessPointIsNotEnforced(t *testing.T) {
	v, problems := Configure("efs", "efs", map[string]any{
		"file_system_id": "fs-01234567", "region": "eu-west-1", "access_point": "fsap-01234567", "subdir_per_run": false,
	})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	prepared, err := v.Prepare(t.Context(), runEnv, &cleanup.Stack{})
	if err != nil || prepared.Facts["access_point_enforced"] != "false" {
		t.Errorf("facts %v, %v; want access_point_enforced=false", prepared.Facts, err)
	}
}

func TestEFSProblems(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]any
		want    []string
	}{
		{"nothing", map[string]any{}, []string{"file_system_id (): required (with region), unless dns_name is set"}},
		{"region missing", map[string]any{"file_system_id": "fs-01234567"}, []string{"region (): required with file_system_id"}},
		{"bad id", map[string]any{"file_system_id": "fs-xyz", "region": "eu-west-1"}, []string{"file_system_id (fs-xyz): want a file system id"}},
		{"id too long", map[string]any{"file_system_id": "fs-0123456789", "region": "eu-west-1"}, []string{"file_system_id (fs-0123456789)"}},
		{"bad region", map[string]any{"file_system_id": "fs-01234567", "region": "Europe"}, []string{"region (Europe): want an AWS region"}},
		{"bad access point", map[string]any{"dns_name": "efs.internal", "access_point": "ap-1"}, []string{"access_point (ap-1): want an access point id"}},
		{"relative export", map[string]any{"dns_name": "efs.internal", "export": "jenkins"}, []string{"export (jenkins): want an absolute path"}},
		{"no version option", map[string]any{"dns_name": "efs.internal", "version": 3}, []string{"version (3): unknown option"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, "efs", tt.options, tt.want)
		})
	}
}
