// Package contract is what every runtime keeps: the interfaces through
// which the runner starts a controller, watches it, learns how it ended
// and, where the platform can, loses it on purpose. It sits between the
// scenario (bench/plan) and the runtimes (bench/runtime/container,
// process, kube), which implement it; the runner (bench/measure) only
// speaks to it. It holds no code that does anything.
package contract
