package container

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// DefaultStopGrace is how long a stopped controller may take to exit
// after SIGTERM before it is killed: Docker's own default for `docker stop`.
const DefaultStopGrace = 10 * time.Second

// DefaultPullTimeout bounds the attempt to pull an image that is missing
// locally; without a registry the attempt fails much sooner.
const DefaultPullTimeout = 5 * time.Minute

// removeTimeout bounds the removal of a container once it has stopped.
const removeTimeout = 30 * time.Second

// Runtime starts controllers as Docker containers. It implements
// contract.Runtime.
type Runtime struct {
	docker      client.APIClient
	stopGrace   time.Duration
	pullTimeout time.Duration
	labels      map[string]string
	// simImage and standInImage are built by Open for the subjects that
	// need them: the simulated controller's image and the official
	// image's stand-in.
	simImage, standInImage string
}

// Option changes a Runtime made by New.
type Option func(*Runtime)

// WithStopGrace sets how long Stop waits after SIGTERM before killing.
func WithStopGrace(d time.Duration) Option { return func(r *Runtime) { r.stopGrace = d } }

// WithSimImage runs ref for the simulated controller, as Open would after
// building it.
func WithSimImage(ref string) Option { return func(r *Runtime) { r.simImage = ref } }

// WithStandInImage runs ref for the official image's stand-in, as Open
// would after building it.
func WithStandInImage(ref string) Option { return func(r *Runtime) { r.standInImage = ref } }

// WithPullTimeout bounds the attempt to pull a missing image.
func WithPullTimeout(d time.Duration) Option { return func(r *Runtime) { r.pullTimeout = d } }

// New connects to the Docker daemon. The error wraps ErrNoDocker when no
// daemon answers.
func New(opts ...Option) (*Runtime, error) {
	docker, err := connect(context.Background())
	if err != nil {
		return nil, err
	}
	r := &Runtime{docker: docker, stopGrace: DefaultStopGrace, pullTimeout: DefaultPullTimeout, labels: managedLabels()}
	for _, opt := range opts {
		opt(r)
	}
	return r, nil
}

var _ contract.Runtime = (*Runtime)(nil)

// Start creates and starts a container for launch and returns as soon as
// Docker reports it started: readiness is for the caller to observe. On
// error, nothing Start created is left behind.
func (r *Runtime) Start(ctx context.Context, launch subject.Launch) (contract.Instance, error) {
	launch, err := r.resolve(launch)
	if err != nil {
		return nil, err
	}
	if err := check(launch); err != nil {
		return nil, err
	}
	if err := ensureImage(ctx, r.docker, launch.Image, r.pullTimeout); err != nil {
		return nil, err
	}
	inst := &Instance{rt: r, port: launch.HTTPPort}
	if v := launch.DockerVolume; v != nil {
		if err := r.createVolume(ctx, v, launch.Labels); err != nil {
			return nil, err
		}
		inst.volume = v.Name
	}
	ctr, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{
		ContainerRequest: r.request(launch),
		Logger:           quiet,
	})
	inst.ctr = ctr
	if err == nil {
		// The clock starts before the start call: Docker records its
		// StartedAt after the process may already have written lines.
		inst.startedAt = time.Now()
		err = ctr.Start(ctx)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("start container of %q: %w", launch.Image, err), inst.remove(ctx))
	}
	if err := inst.begin(ctx); err != nil {
		return nil, errors.Join(err, inst.Stop(ctx))
	}
	return inst, nil
}

// createVolume creates the named volume of Docker's local driver that
// becomes JENKINS_HOME. An existing volume of that name is refused rather
// than reused, since Stop removes it.
func (r *Runtime) createVolume(ctx context.Context, v *homemount.DockerVolume, labels map[string]string) error {
	if _, err := r.docker.VolumeInspect(ctx, v.Name, client.VolumeInspectOptions{}); err == nil {
		return fmt.Errorf("create volume %q: it already exists; remove it (docker volume rm %s) or let jsbench sweep it", v.Name, v.Name)
	}
	all := maps.Clone(labels)
	if all == nil {
		all = map[string]string{}
	}
	maps.Copy(all, r.labels)
	_, err := r.docker.VolumeCreate(ctx, client.VolumeCreateOptions{
		Name: v.Name, Driver: "local", DriverOpts: v.DriverOpts, Labels: all,
	})
	if err != nil {
		return fmt.Errorf("create volume %q: %w", v.Name, err)
	}
	return nil
}
