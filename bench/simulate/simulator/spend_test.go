package simulator

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// syncBuffer is a buffer two goroutines may use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestExtraTimeLandsInItsPhase gives three phases extra time and checks,
// from the log the start writes, that each of them lasts at least that
// long and that the launch phase appears with its "Logging initialized"
// record. A wait never ends early, so these are lower bounds whatever the
// machine's load; no upper bound is checked.
func TestExtraTimeLandsInItsPhase(t *testing.T) {
	dir := t.TempDir()
	war := filepath.Join(dir, "jenkins.war")
	if _, err := WriteWar(war, 60, 1e6); err != nil {
		t.Fatal(err)
	}
	extra := map[string]time.Duration{
		jenkinslog.Launch: 150 * time.Millisecond, jenkinslog.WarExtraction: 300 * time.Millisecond,
		jenkinslog.LoadedAllJobs: 200 * time.Millisecond, jenkinslog.FullyUp: 250 * time.Millisecond,
	}
	cfg := Config{War: war, HTTPPort: -1, Extra: extra}
	home := filepath.Join(dir, "home")
	if err := cfg.Complete(func(string) string { return home }); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Run(ctx, cfg, &stdout, &stderr) }()
	for deadline := time.Now().Add(2 * time.Minute); !strings.Contains(stderr.String(), "fully up and running"); {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("not fully up:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	res, err := jenkinslog.Parse(strings.NewReader(stdout.String()+stderr.String()), jenkinslog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, p := range res.Starts[0].Phases {
		got[p.Name] = p.DurationMS
	}
	for phase, d := range extra {
		// The log's stamps are whole milliseconds: a phase may read 1 ms short.
		if want := float64(d.Milliseconds()) - 1; got[phase] < want {
			t.Errorf("%s lasted %v ms, want at least %v ms (phases %v)", phase, got[phase], want, got)
		}
	}
}
