# jsbench: `make bench` measures, `make test` tests. See README.md.
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X github.com/jsbench/jsbench/bench/buildinfo.version=$(VERSION)
OUT     ?= reports/bench-$(shell date +%Y%m%d-%H%M%S)

# Docker's reaper image cannot be pulled everywhere; jsbench cleans up itself.
export TESTCONTAINERS_RYUK_DISABLED := true
export CGO_ENABLED := 0

.PHONY: build bench test setup fidelity fuzz clean echarts noise-check

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/jsbench ./cmd/jsbench
	$(GO) build -o bin/jenkins-sim ./cmd/jenkins-sim
	$(GO) build -o bin/jsbench-s3 ./cmd/jsbench-s3

## bench: run every scenario in scenarios/ and write OUT/results.json(l)
bench: build
	./scripts/setup.sh bench
	./scripts/bench.sh $(OUT)
	ln -sfn $(notdir $(OUT)) reports/latest

## test: every test, Docker and FUSE included when available
test: build
	./scripts/setup.sh test
	$(GO) test -count=1 -timeout 14m ./...

## setup: install Docker, FUSE and Chromium from Debian and start dockerd
setup:
	./scripts/setup.sh test

## echarts: take the chart library the HTML report embeds from npm (pinned, sha256-checked)
echarts:
	./scripts/fetch-echarts.sh

## fidelity: injected against observed latency of each emulated profile, and the
## FUSE layer's cost on the simulated controller's start (root, Docker; about 2 min)
fidelity: build
	$(GO) run ./bench/emufs/fidelity -sim-binary bin/jenkins-sim

## noise-check: the default scenario on this host, then under a synthetic load it
## starts and stops (2 busy processes per CPU); prints paired ratios, medians and
## compare's verdict, and fails on "regression" (root, Docker; about 12 min)
noise-check: build
	./scripts/setup.sh bench
	./scripts/noise-check.sh reports/noise-$(shell date +%Y%m%d-%H%M%S)

clean:
	rm -rf bin
