package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// Ways of keeping the CPUs from halting while a measurement runs, tried
// against each other by the wake table: an idle vCPU halts, and waking
// it costs each FUSE round trip tens of microseconds (FIDELITY.md).
const (
	// awakeOff lets the CPUs halt as they do by default.
	awakeOff = "off"
	// awakeQoS holds a PM QoS request of 0 µs open on
	// /dev/cpu_dma_latency: the cpuidle governor then picks the polling
	// state. It needs a cpuidle driver; with none (current_driver
	// "none", as on this VM) the idle loop halts all the same.
	awakeQoS = "qos"
	// awakeSpin runs one busy-loop process per CPU at the SCHED_IDLE
	// policy (chrt --idle): the CPU never halts, and any other thread
	// that wakes preempts the loop at once.
	awakeSpin = "spin"
)

// keepAwake keeps the CPUs from halting as mode says until the returned
// function is called.
func keepAwake(mode string) (func(), error) {
	switch mode {
	case awakeOff:
		return func() {}, nil
	case awakeQoS:
		return holdQoS()
	case awakeSpin:
		return spin(runtime.NumCPU())
	}
	return nil, fmt.Errorf("unknown mode %q (want %s, %s or %s)", mode, awakeOff, awakeQoS, awakeSpin)
}

// holdQoS writes 0 to /dev/cpu_dma_latency and keeps the file open: the
// request lasts as long as the file is open.
func holdQoS() (func(), error) {
	f, err := os.OpenFile("/dev/cpu_dma_latency", os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("open PM QoS request: %w", err)
	}
	if _, err := f.Write(make([]byte, 4)); err != nil { // a 32-bit 0: no exit latency allowed
		f.Close()
		return nil, fmt.Errorf("write PM QoS request: %w", err)
	}
	return func() { f.Close() }, nil
}

// spin starts n busy loops, each a process of its own at the
// SCHED_IDLE policy, and returns the function that stops them. They are
// processes, not goroutines: a goroutine that spins holds one of the Go
// scheduler's processors, and the FUSE server's goroutines wait for it.
func spin(n int) (func(), error) {
	var procs []*exec.Cmd
	stop := func() {
		for _, p := range procs {
			_ = p.Process.Kill()
			_ = p.Wait()
		}
	}
	for range n {
		cmd := exec.Command("chrt", "--idle", "0", "sh", "-c", "while :; do :; done")
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			stop()
			return nil, fmt.Errorf("start busy loop: %w", err)
		}
		procs = append(procs, cmd)
	}
	return stop, nil
}
