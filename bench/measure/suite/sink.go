package suite

import (
	"fmt"
	"os"
	"sync"

	"github.com/jsbench/jsbench/bench/record/results"
)

// fileSink appends each record to results.jsonl as soon as it is made
// and syncs the file, so an interrupted suite keeps every finished run.
type fileSink struct {
	mu      sync.Mutex
	f       *os.File
	records []results.Record
}

func openSink(path string) (*fileSink, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open results file: %w", err)
	}
	return &fileSink{f: f}, nil
}

// Record implements runner.Sink.
func (s *fileSink) Record(rec results.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := results.AppendJSONL(s.f, rec); err != nil {
		return fmt.Errorf("append to %q: %w", s.f.Name(), err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("sync %q: %w", s.f.Name(), err)
	}
	s.records = append(s.records, rec)
	return nil
}

func (s *fileSink) Close() error { return s.f.Close() }
