package cleanup

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestRunReleasesNewestFirstAndKeepsGoing(t *testing.T) {
	var s Stack
	var order []string
	s.Push("dir", func(context.Context) error { order = append(order, "dir"); return nil })
	s.Push("mount", func(context.Context) error { order = append(order, "mount"); return errors.New("busy") })
	s.Push("container", func(context.Context) error { order = append(order, "container"); return nil })

	err := s.Run(context.Background())

	if want := []string{"container", "mount", "dir"}; !reflect.DeepEqual(order, want) {
		t.Errorf("release order = %v, want %v", order, want)
	}
	if err == nil || err.Error() != "release mount: busy" {
		t.Errorf("error = %v, want the failed release named", err)
	}
	if s.Len() != 0 {
		t.Errorf("stack still holds %d releases after Run", s.Len())
	}
}

func TestRunSurvivesCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var s Stack
	var sawErr error
	s.Push("container", func(ctx context.Context) error { sawErr = ctx.Err(); return nil })
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if sawErr != nil {
		t.Errorf("release got a cancelled context (%v); Ctrl-C must not stop cleanup", sawErr)
	}
}
