package simulator

import (
	"context"
	"time"
)

// spend waits the time Config.Extra gives phase, the part of Jenkins's
// phase that is not file work (CPU and waiting, as measured on the
// calibration source's machine). It waits rather than keeps a CPU busy,
// so that the figure does not depend on how busy this machine is; it
// returns early when ctx ends.
func (c *controller) spend(ctx context.Context, phase string) {
	d := c.cfg.Extra[phase]
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
