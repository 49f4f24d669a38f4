package subject

// RuntimeSpec is what a runtime accepts, as scenario validation reads it:
// plain facts, no code. Each runtime declares its own beside its code
// (bench/runtime/container, process, kube), and bench/runtime/runtimes
// lists them; scenario validation is given that list.
type RuntimeSpec struct {
	// Name is what a scenario's subject.runtime says.
	Name string
	// DefaultFor are the subject kinds that run here when a scenario
	// names no runtime.
	DefaultFor []string
	// RefusesSubject maps each subject kind this runtime cannot start to
	// the hint a scenario gets.
	RefusesSubject map[string]string
	// RefusesVolume maps each volume kind this runtime cannot give a
	// subject to the hint a scenario gets.
	RefusesVolume map[string]string
	// RefusesLimits is the hint given when a scenario sets cpu or memory
	// limits, which this runtime cannot apply ("" when it can).
	RefusesLimits string
	// Block is the scenario block that only this runtime reads
	// ("kubernetes"); "" for none.
	Block string
	// Failover says whether a running controller can be lost on purpose
	// and replaced by the platform (a scenario's failover:).
	Failover bool
	// JenkinsUser says whether the subject writes JENKINS_HOME as the
	// official image's jenkins user (JenkinsUID) rather than as jsbench.
	JenkinsUser bool
	// RestoresHome says whether the platform restores a backup onto the
	// home itself (an init container) instead of jsbench before the start.
	RestoresHome bool
}

// Spec returns the spec named name, false when no runtime has it.
func Spec(specs []RuntimeSpec, name string) (RuntimeSpec, bool) {
	for _, s := range specs {
		if s.Name == name {
			return s, true
		}
	}
	return RuntimeSpec{}, false
}
