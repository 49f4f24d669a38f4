// Package buildinfo tells which jsbench produced a result.
package buildinfo

import "runtime/debug"

// version is set at link time by the Makefile (-X).
var version = ""

// Version returns the version set at build time, else the module
// version or VCS revision Go recorded, else "devel".
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return s.Value[:12]
		}
	}
	return "devel"
}
