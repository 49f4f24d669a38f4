package simulator

import "github.com/jsbench/jsbench/bench/storage/home/system"

// nodeMonitors.xml as a fresh Jenkins writes it; the other files of a
// first boot come from bench/storage/home/system.

const nodeMonitorsXML = system.Header + `<hudson.util.DescribableList>
  <hudson.node__monitors.ArchitectureMonitor><ignored>false</ignored></hudson.node__monitors.ArchitectureMonitor>
  <hudson.node__monitors.ClockMonitor><ignored>false</ignored></hudson.node__monitors.ClockMonitor>
  <hudson.node__monitors.DiskSpaceMonitor><ignored>false</ignored><freeSpaceThreshold>1GiB</freeSpaceThreshold></hudson.node__monitors.DiskSpaceMonitor>
  <hudson.node__monitors.SwapSpaceMonitor><ignored>false</ignored></hudson.node__monitors.SwapSpaceMonitor>
  <hudson.node__monitors.TemporarySpaceMonitor><ignored>false</ignored><freeSpaceThreshold>1GiB</freeSpaceThreshold></hudson.node__monitors.TemporarySpaceMonitor>
  <hudson.node__monitors.ResponseTimeMonitor><ignored>false</ignored></hudson.node__monitors.ResponseTimeMonitor>
</hudson.util.DescribableList>`
