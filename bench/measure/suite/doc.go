// Package suite wires a measuring session together: it sweeps what a
// killed jsbench left behind, makes the simulated controller ready (its
// image or its war), picks the runtimes, gives the runner a work
// directory and a results file, and removes what it created at the end.
// The command layer calls Run and renders what it returns.
package suite
