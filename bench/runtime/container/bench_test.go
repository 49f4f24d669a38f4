package container

import (
	"context"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/internal/testenv"
)

// BenchmarkStartStop measures the container runtime's own overhead around
// the stand-in controller: Start (create and start), Docker's recorded
// start relative to the call, and Stop (SIGTERM, exit, removal).
func BenchmarkStartStop(b *testing.B) {
	_, image := fakeImage(b)
	rt, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var start, started, stop time.Duration
	for b.Loop() {
		began := time.Now()
		inst, err := rt.Start(ctx, launchFake(b, image))
		if err != nil {
			b.Fatal(err)
		}
		start += time.Since(began)
		started += inst.StartedAt().Sub(began)
		testenv.ReadUntil(b, inst.Lines(), "fully up and running", 30*time.Second)
		began = time.Now()
		if err := inst.Stop(ctx); err != nil {
			b.Fatal(err)
		}
		stop += time.Since(began)
	}
	n := float64(b.N)
	b.ReportMetric(float64(start.Milliseconds())/n, "start-ms/op")
	b.ReportMetric(float64(started.Milliseconds())/n, "docker-started-ms/op")
	b.ReportMetric(float64(stop.Milliseconds())/n, "stop-ms/op")
}

// BenchmarkEnsureSimImageCached measures finding an image already built
// from the same binary.
func BenchmarkEnsureSimImageCached(b *testing.B) {
	bin, _ := fakeImage(b)
	ctx := context.Background()
	ref, err := EnsureSimImage(ctx, bin)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if docker, err := connect(ctx); err == nil {
			docker.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true})
		}
	})
	for b.Loop() {
		if _, err := EnsureSimImage(ctx, bin); err != nil {
			b.Fatal(err)
		}
	}
}
