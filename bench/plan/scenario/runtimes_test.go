package scenario

import "github.com/jsbench/jsbench/bench/runtime/runtimes"

// testRuntimes are the specs of jsbench's runtimes, which scenarios are
// checked against.
var testRuntimes = runtimes.Specs()
