package volume

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// nfsPresets are mount options that vendors recommend, by name (see
// ../../shared/calibration.md, Storage): CloudBees' NFS guide for
// Jenkins, and the options of AWS's EFS mount helper. "none" leaves the
// kernel's defaults.
var nfsPresets = map[string]string{
	"cloudbees": "rsize=32768,wsize=32768,hard,timeo=600,retrans=2,noatime",
	"efs":       "rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport",
	"none":      "",
}

// nfsVersions are the protocol versions a volume may ask for;
// defaultNFSVersion is the one CloudBees and AWS recommend.
var nfsVersions = []string{"3", "4", "4.1", "4.2"}

const defaultNFSVersion = "4.1"

// managedNFSOptions are set from other options (server:, version:) and
// must not be given twice through options:.
var managedNFSOptions = map[string]string{
	"addr": "server", "vers": "version", "nfsvers": "version",
}

// nfsVersionOption reads version: as YAML gives it (3, 4.1 or "4.2").
func nfsVersionOption(opts *Options) string {
	v, ok := opts.take("version")
	if !ok {
		return defaultNFSVersion
	}
	var s string
	switch n := v.(type) {
	case int:
		s = strconv.Itoa(n)
	case float64:
		s = strconv.FormatFloat(n, 'f', -1, 64)
	case string:
		s = n
	}
	if !slices.Contains(nfsVersions, s) {
		opts.Problemf("version", v, "want one of %s", strings.Join(nfsVersions, ", "))
		return defaultNFSVersion
	}
	return s
}

// requiredString returns the option key, reporting it when absent or
// empty (a value of the wrong type is reported once, by String).
func requiredString(opts *Options, key, what string) string {
	s := opts.String(key, "")
	if _, isString := opts.values[key].(string); s == "" && (isString || !opts.Has(key)) {
		opts.Problemf(key, s, "required: %s", what)
	}
	return s
}

// boolOption returns the option key as a boolean, or def when absent.
func boolOption(opts *Options, key string, def bool) bool {
	v, ok := opts.take(key)
	if !ok {
		return def
	}
	b, isBool := v.(bool)
	if !isBool {
		opts.Problemf(key, v, "want true or false")
		return def
	}
	return b
}

// mergeMountOptions applies the overrides to the preset's options: an
// override replaces the option of the same name (rsize=65536 replaces
// rsize=32768) and a flag replaces its opposite (soft replaces hard,
// atime replaces noatime). The order of first appearance is kept.
func mergeMountOptions(preset, overrides string) ([]string, error) {
	merged := splitOptions(preset)
	for _, o := range splitOptions(overrides) {
		key, _, _ := strings.Cut(o, "=")
		if field, ok := managedNFSOptions[key]; ok {
			return nil, fmt.Errorf("%q is set with %s:, not in options", key, field)
		}
		i := slices.IndexFunc(merged, func(m string) bool { return sameOption(m, o) })
		if i < 0 {
			merged = append(merged, o)
		} else {
			merged[i] = o
		}
	}
	return merged, nil
}

func splitOptions(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// sameOption reports whether b sets what a sets: the same key, or a
// flag and its opposite.
func sameOption(a, b string) bool {
	ka, _, aHasValue := strings.Cut(a, "=")
	kb, _, bHasValue := strings.Cut(b, "=")
	if aHasValue || bHasValue {
		return ka == kb
	}
	return ka == kb || opposite(ka) == kb
}

func opposite(flag string) string {
	switch flag {
	case "hard":
		return "soft"
	case "soft":
		return "hard"
	}
	if rest, ok := strings.CutPrefix(flag, "no"); ok {
		return rest
	}
	return "no" + flag
}
