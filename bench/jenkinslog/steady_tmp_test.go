package jenkinslog

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func BenchmarkTmpSteady(b *testing.B) {
	f01, _ := os.ReadFile(fixtureDir + "/01-docker-logs-2.426.2-setup-wizard.log")
	f05, _ := os.ReadFile(fixtureDir + "/05-k8s-helm-gke-2.277.3-boot-failure.log")
	lines := strings.Split(string(f05), "\n")
	body := strings.Join(lines[4:10], "\n") + "\n" + strings.Join(lines[11:15], "\n") + "\n" + strings.Join(lines[16:17], "\n") + "\n" + strings.Join(lines[18:60], "\n") + "\n" + strings.Join(lines[192:231], "\n") + "\n"
	var buf bytes.Buffer
	buf.Write(f01)
	for buf.Len() < 100<<20 {
		buf.WriteString(body)
	}
	log := buf.Bytes()
	b.SetBytes(int64(len(log)))
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		Parse(bytes.NewReader(log), Options{})
		n++
	}
	b.ReportMetric(float64(n*len(log))/1e6/(cpuTime()-start).Seconds(), "cpu-MB/s")
}
