# jsbench: `make bench` measures, `make test` tests. See README.md.
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X github.com/jsbench/jsbench/bench/record/buildinfo.version=$(VERSION)
OUT     ?= reports/bench-$(shell date +%Y%m%d-%H%M%S)

# Docker's reaper image cannot be pulled everywhere; jsbench cleans up itself.
export TESTCONTAINERS_RYUK_DISABLED := true
export CGO_ENABLED := 0

.PHONY: build bench bench-k8s cluster-up cluster-down test setup fidelity fuzz clean echarts calibration noise-check detection-power restart-cost bench-analyze

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/jsbench ./cmd/jsbench
	$(GO) build -o bin/jenkins-sim ./cmd/jenkins-sim
	$(GO) build -o bin/jsbench-s3 ./cmd/jsbench-s3
	$(GO) build -o bin/jsbench-restore ./cmd/jsbench-restore
	$(GO) build -o bin/jsbench-pause ./cmd/jsbench-pause
	$(GO) build -o bin/jsbench-images ./cmd/jsbench-images

## bench: run every scenario in scenarios/ and write OUT/results.json(l)
bench: build
	./scripts/setup.sh bench
	./scripts/bench.sh $(OUT)
	ln -sfn $(notdir $(OUT)) reports/latest

## bench-k8s: bring the local Kubernetes cluster up (2 nodes), run scenarios/k8s/local.yaml and
## local-classes.yaml (the StorageClasses of scripts/cluster/storage.sh) into OUT
bench-k8s: build
	./scripts/cluster.sh up --nodes 2
	eval "$$(./scripts/cluster.sh env)" && S3_ADDR=$$JSBENCH_NODE_IP:0 ./scripts/bench.sh $(OUT) scenarios/k8s/local.yaml scenarios/k8s/local-classes.yaml
	ln -sfn $(notdir $(OUT)) reports/latest

## cluster-up, cluster-down: the local Kubernetes cluster of NODES nodes on this machine (root)
NODES ?= 2
cluster-up:
	./scripts/cluster.sh up --nodes $(NODES)
cluster-down:
	./scripts/cluster.sh down

## test: every test, Docker and FUSE included when available
test: build
	./scripts/setup.sh test
	$(GO) test -count=1 -timeout 22m ./...

## setup: install Docker, FUSE and Chromium from Debian and start dockerd
setup:
	./scripts/setup.sh test

## echarts: take the chart library the HTML report embeds from npm (pinned, sha256-checked)
echarts:
	./scripts/fetch-echarts.sh

## fidelity: injected against observed latency of each emulated profile, and the
## FUSE layer's cost on the simulated controller's start (root, Docker; about 2 min)
fidelity: build
	$(GO) run ./cmd/jsbench-fidelity -sim-binary bin/jenkins-sim

## noise-check: the default scenario on this host, then under a synthetic load it
## starts and stops (2 busy processes per CPU); prints paired ratios, medians and
## compare's verdict, and fails on "regression" (root, Docker; about 12 min)
noise-check: build
	./scripts/setup.sh bench
	./scripts/noise-check.sh reports/noise-$(shell date +%Y%m%d-%H%M%S)

## detection-power: what the nightly gate catches. Plants known regressions into the default
## scenario (more war entries, more jobs, slower emulated latencies at +5/+20/+50% of nfs-lan's
## ready time, and a war of 1600 entries), measures each once against 3 shared baselines on this
## host and (the +20% ones and an A/A pair) under noise-check's synthetic load, and prints
## planted change × host state → verdicts; fails when a goal is missed (root, Docker; about
## 40 min on a quiet 2-core machine). STATES=quiet,loaded,cluster adds three nights beside
## the idle local cluster (scripts/cluster.sh up first). See scripts/detection-power.sh.
DETECTION_OUT ?= reports/detection-power-$(shell date +%Y%m%d-%H%M%S)
detection-power: build
	./scripts/setup.sh bench
	./scripts/detection-power.sh $(DETECTION_OUT)

## calibration: the simulated controller calibrated from real logs, set against them, and what each
## storage then predicts (root; about 25 min, most of it the nfs-overloaded start; each start is
## bounded by its scenario's timeout). Prints the table at the end.
CALIBRATION_OUT ?= reports/calibration-$(shell date +%Y%m%d-%H%M%S)
calibration: build
	./scripts/setup.sh bench
	./bin/jsbench run scenarios/calibration --out $(CALIBRATION_OUT)
	./bin/jsbench report --format calibration $(CALIBRATION_OUT)

## bench-analyze: jsbench analyze's time and peak memory on a 1 GiB log and on two gzip bombs
## (written to a scratch directory and removed; about 2 min)
bench-analyze:
	$(GO) test ./cmd/jsbench -run '^$$' -bench Analyze -benchtime 1x

## restart-cost: what a restart does to the storage: scenarios/restart (a cold start on each storage,
## then the pod deleted gracefully and with grace 0 on the local cluster, which must be up, and new
## containers on the same home in Docker; both webroot layouts), set against the restart model of
## cmd/jsbench-fidelity (root, Docker, the cluster; about 40 min on a busy 2-core machine)
RESTART_OUT ?= reports/restart-$(shell date +%Y%m%d-%H%M%S)
restart-cost: build
	./scripts/cluster.sh status
	./scripts/cluster.sh images
	eval "$$(./scripts/cluster.sh env)" && ./bin/jsbench run scenarios/restart --out $(RESTART_OUT) || [ $$? -eq 4 ]
	$(GO) run ./cmd/jsbench-fidelity -parts restart -results $(RESTART_OUT)/results.jsonl

## fuzz: every native fuzz target for FUZZTIME each (default 30s); failing
## inputs are kept in each package's testdata/fuzz/
FUZZTIME ?= 30s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin
