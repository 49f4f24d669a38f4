package sweep

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// step records its run in log and fails when err is set. A failing step
// is the fault no real component gives on demand.
func step(stage Stage, name string, log *[]string, err error) Step {
	return Step{Stage: stage, Name: name, Sweep: func(context.Context) ([]string, error) {
		*log = append(*log, name)
		return []string{name}, err
	}}
}

func TestRunOrdersStages(t *testing.T) {
	var log []string
	steps := []Step{
		step(Directories, "work directories", &log, nil),
		step(Mounts, "emulated volumes", &log, nil),
		step(Workloads, "containers", &log, nil),
		step(Mounts, "tmpfs", &log, nil),
		step(Workloads, "pods", &log, nil),
	}
	removed, err := Run(context.Background(), steps)
	want := []string{"containers", "pods", "emulated volumes", "tmpfs", "work directories"}
	if err != nil || !reflect.DeepEqual(log, want) || !reflect.DeepEqual(removed, want) {
		t.Errorf("ran %v, removed %v, %v; want %v", log, removed, err, want)
	}
}

func TestAFailedStageStopsTheSweep(t *testing.T) {
	var log []string
	steps := []Step{
		step(Directories, "work directories", &log, nil),
		step(Workloads, "containers", &log, errors.New("daemon busy")),
		step(Workloads, "pods", &log, nil),
		step(Mounts, "emulated volumes", &log, nil),
	}
	_, err := Run(context.Background(), steps)
	if want := []string{"containers", "pods"}; !reflect.DeepEqual(log, want) {
		t.Errorf("ran %v, want %v: the whole failed stage, nothing after it", log, want)
	}
	if err == nil || !strings.Contains(err.Error(), "sweep containers: daemon busy") || !strings.Contains(err.Error(), "later steps ([mounts directories]) skipped") {
		t.Errorf("err = %v", err)
	}
}
