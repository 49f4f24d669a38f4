package simulator

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/storage/home/system"
)

// phase is one milestone of Jenkins's startup and the tasks that lead to
// it (../shared/calibration.md, "Milestones, in order").
type phase struct {
	milestone string
	tasks     func() ([]task, error)
}

// boot is Jenkins's initialization: the constructor, then the init
// reactor's milestones from "Started initialization" to "Completed
// initialization", then Lifecycle#onReady.
func (c *controller) boot(ctx context.Context) error {
	c.log.log(threadInit, levelInfo, "jenkins.model.Jenkins#<init>", "Starting version %s", Version)
	if err := c.secretKey(); err != nil {
		return &taskError{step: "Jenkins.<init>", thread: threadInit, err: err}
	}
	r := &reactor{threads: c.cfg.Threads, log: c.log,
		before: func(milestone string) { c.spend(ctx, jenkinslog.MilestoneEvent(milestone)) }}
	for _, p := range c.phases() {
		var tasks []task
		if p.tasks != nil {
			var err error
			if tasks, err = p.tasks(); err != nil {
				return err
			}
		}
		if err := r.attain(ctx, p.milestone, tasks); err != nil {
			return err
		}
	}
	c.spend(ctx, jenkinslog.FullyUp)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	c.app.state.Store(stateReady)
	c.log.log(threadInit, levelInfo, "hudson.lifecycle.Lifecycle#onReady", "Jenkins is fully up and running")
	_ = os.Remove(filepath.Join(c.cfg.Home, bootAttemptsFile))
	return nil
}

func (c *controller) phases() []phase {
	var plugins []*pluginArchive
	return []phase{
		{"Started initialization", nil},
		{"Listed all plugins", func() ([]task, error) {
			return []task{{name: "Loading plugins", step: "PluginManager.loadPlugins", run: func() (err error) {
				plugins, err = c.listPlugins()
				return err
			}}}, nil
		}},
		{"Prepared all plugins", func() ([]task, error) { return c.inspectTasks(plugins), nil }},
		{"Started all plugins", func() ([]task, error) { return c.startTasks(plugins), nil }},
		{"Augmented all extensions", func() ([]task, error) {
			return []task{{name: "Augmenting extensions", step: "ExtensionList.load", run: c.loadDescriptors}}, nil
		}},
		{"System config loaded", func() ([]task, error) {
			return []task{{name: "Loading global config", step: "Jenkins.loadConfig", fatal: true, run: c.loadGlobalConfig}}, nil
		}},
		{"System config adapted", nil},
		{"Loaded all jobs", c.itemTasks},
		{"Configuration for all jobs updated", nil},
		{"Completed initialization", func() ([]task, error) {
			return []task{{name: "Finalizing set up", step: "Jenkins.finalizeSetUp", fatal: true, run: c.finalizeSetUp}}, nil
		}},
	}
}

// bootFailed reports a failed boot as Jenkins does (fixtures 05 and 15):
// BootFailure with the cause, then the error page and a clean-up.
func (c *controller) bootFailed(err error) {
	exception := nioException(err, "Jenkins.<init>")
	var te *taskError
	if errors.As(err, &te) {
		exception = nioException(te.err, te.step)
	}
	c.log.logError(threadInit, levelSevere, "hudson.util.BootFailure#publish", "Failed to initialize Jenkins",
		exception+"Caused: hudson.util.HudsonFailedToLoad\n\tat hudson.WebAppMain$3.run(WebAppMain.java:264)\n")
	c.app.state.Store(stateFailed)
	c.cleanUp(threadInit)
}

// cleanUp is Jenkins.cleanUp as 2.555.3 logs it on SIGTERM.
func (c *controller) cleanUp(thread int) {
	const source = "jenkins.model.Jenkins#"
	c.log.log(thread, levelInfo, "hudson.lifecycle.Lifecycle#onStatusUpdate", "Stopping Jenkins")
	c.log.log(thread, levelInfo, "jenkins.model.Jenkins$13#onAttained", "Started termination")
	c.log.log(thread, levelInfo, "jenkins.model.Jenkins$13#onAttained", "Completed termination")
	c.log.log(thread, levelInfo, source+"_cleanUpDisconnectComputers", "Starting node disconnection")
	c.log.log(thread, levelInfo, source+"_cleanUpShutdownPluginManager", "Stopping plugin manager")
	c.log.log(thread, levelInfo, source+"_cleanUpPersistQueue", "Persisting build queue")
	if err := atomicWrite(filepath.Join(c.cfg.Home, "queue.xml"), []byte(system.QueueXML)); err != nil {
		c.log.logError(thread, levelWarning, source+"_cleanUpPersistQueue", "Failed to persist the build queue", nioException(err, "Queue.save"))
	}
	c.log.log(thread, levelInfo, source+"_cleanUpAwaitDisconnects", "Waiting for node disconnection completion")
	c.log.log(thread, levelInfo, "hudson.lifecycle.Lifecycle#onStatusUpdate", "Jenkins stopped")
}
