// Command hog is a stand-in controller for the runner's tests of a
// memory limit: it logs Jenkins's first line, then commits memory until
// the kernel's OOM killer ends it, as a JVM whose heap outgrows its pod's
// limit is ended.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("Running from: /usr/share/jenkins/jenkins.war")
	var held [][]byte
	for {
		chunk := make([]byte, 1<<20)
		for i := range chunk {
			chunk[i] = byte(i)
		}
		held = append(held, chunk)
		if len(held)%64 == 0 {
			fmt.Fprintf(os.Stderr, "holding %d MiB\n", len(held))
		}
		time.Sleep(time.Millisecond)
	}
}
