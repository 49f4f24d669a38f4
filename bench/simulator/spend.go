package simulator

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/jenkinslog"
)

// PhaseLauncher names the time from "Running from:" to the first log
// record in Config.Extra: the JVM and Winstone before they log.
const PhaseLauncher = "launcher"

// milestonePhases names the phase each milestone ends, as
// bench/jenkinslog does.
var milestonePhases = map[string]string{
	"Started initialization":             jenkinslog.StartedInitialization,
	"Listed all plugins":                 jenkinslog.ListedAllPlugins,
	"Prepared all plugins":               jenkinslog.PreparedAllPlugins,
	"Started all plugins":                jenkinslog.StartedAllPlugins,
	"Augmented all extensions":           jenkinslog.AugmentedAllExtensions,
	"System config loaded":               jenkinslog.SystemConfigLoaded,
	"System config adapted":              jenkinslog.SystemConfigAdapted,
	"Loaded all jobs":                    jenkinslog.LoadedAllJobs,
	"Configuration for all jobs updated": jenkinslog.ConfigurationForAllJobsUpdated,
	"Completed initialization":           jenkinslog.CompletedInitialization,
}

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
