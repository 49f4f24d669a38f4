package home

import "time"

// Sizes and counts of a generated home. Each cites ../shared/calibration.md
// where it has a figure; the others are marked as chosen.
const (
	// DefaultJobs is a mid-sized instance: ../shared/calibration.md calls over 500
	// jobs "big" and 1,000 common; 100 keeps a populate under a second.
	DefaultJobs = 100
	// DefaultBuildsPerJob keeps 10 builds per job. Builds load lazily, so
	// at startup each costs one directory entry (../shared/calibration.md, "Per job
	// at startup"); CloudBees' advice of 100–150 is the upper end.
	DefaultBuildsPerJob = 10
	// DefaultPlugins is the setup wizard's suggested set (../shared/calibration.md:
	// 19 plugins; large instances run about 100).
	DefaultPlugins = 19

	// JobConfigMinBytes and JobConfigMaxBytes bound a job's config.xml:
	// 2–20 KiB (../shared/calibration.md, "Per job at startup").
	JobConfigMinBytes = 2 << 10
	JobConfigMaxBytes = 20 << 10

	// PluginMedianBytes and PluginSizeSigma spread .jpi sizes log-normally
	// with a mean of about 0.9 MB, derived from ../shared/calibration.md's 48 bundled
	// plugins in 43 MB (median·e^(σ²/2) = 440 KiB·2.05).
	PluginMedianBytes = 440 << 10
	PluginSizeSigma   = 1.2
	// PluginMaxBytes caps one plugin (chosen: the largest common plugins,
	// Kubernetes client and AWS SDK bundles, weigh tens of MB).
	PluginMaxBytes = 24 << 20
	// PluginMinEntries and PluginMaxEntries bound the files in a plugin
	// archive: "typically tens of files per plugin" (../shared/calibration.md).
	PluginMinEntries = 15
	PluginMaxEntries = 60

	// StaticMedianBytes is the median help page or image: 636 bytes, the
	// median static web file of the WAR (../shared/calibration.md).
	StaticMedianBytes = 636

	// BuildLogMedianBytes, BuildLogMaxBytes and BuildXMLMinBytes size a
	// build record. Not in ../shared/calibration.md: chosen, since builds load lazily
	// and their size only weighs on populating and restoring a home.
	BuildLogMedianBytes = 8 << 10
	BuildLogMaxBytes    = 256 << 10
	BuildXMLMinBytes    = 1 << 10

	// Users and Nodes are the accounts and agents of a generated home
	// (chosen: neither is read in bulk at startup).
	Users = 3
	Nodes = 2
)

// JenkinsVersion is the version a generated home was last run with,
// the release whose WAR ../shared/calibration.md sizes (2.541.3, 96.3 MB).
const JenkinsVersion = "2.541.3"

// epoch dates everything in a generated home (zip entries, build
// timestamps), so that the same seed gives the same bytes.
var epoch = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
