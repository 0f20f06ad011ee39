# Thin wrapper over go commands. See README.md.
GO ?= go
SHELL := bash
SHARED ?= ../shared
SIZES ?= 1k,10k

.PHONY: build test cross bench eval fmt vet fuzz demo train

build:
	$(GO) build -o bin/wirediff ./cmd/wirediff

test: cross
	$(GO) vet ./...
	$(GO) test -race ./...

# The build on every supported system (the index lock differs).
cross:
	GOOS=linux $(GO) build ./...
	GOOS=darwin $(GO) build ./...
	GOOS=windows $(GO) build ./...

# Quality on the labelled development data in $(SHARED)/data: prints the
# figures and compares them with each package's testdata/quality.golden;
# 'make eval UPDATE=1' rewrites the golden files instead.
eval:
	set -o pipefail; WIREDIFF_SHARED=$(abspath $(SHARED)) WIREDIFF_EVAL=1 $(GO) test -count=1 -run 'Eval|CopyLevel' -v \
		./cmd/wirediff ./cluster ./lineage ./internal/edtrain $(if $(UPDATE),-args -update) | grep -Ev '^=== (RUN|PAUSE|CONT)'

# The editorial detector's weights (editorial/model.bin), fitted on the
# labelled development data in $(SHARED)/data; the same data gives the same file.
train:
	$(GO) run ./internal/train --data $(SHARED)/data --out editorial/model.bin

# Speed and memory: Go benchmarks (never timed unit tests).
# SIZES picks the corpus sizes of the growth benchmarks (make bench SIZES=1k,10k,100k);
# 'wirediff bench run' measures peak memory per size and writes CSV and plots (docs/bench).
bench:
	WIREDIFF_BENCH_SIZES=$(SIZES) WIREDIFF_BENCH_DOCS=2000 $(GO) test -run '^$$' -bench . -benchmem ./similarity ./cluster ./eval ./benchmarks ./cmd/wirediff ./lineage

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzTokens -fuzztime 30s ./similarity
	$(GO) test -run '^$$' -fuzz FuzzShingles -fuzztime 30s ./similarity
	$(GO) test -run '^$$' -fuzz FuzzReadJSONL -fuzztime 30s ./corpus
	$(GO) test -run '^$$' -fuzz FuzzParseFeatures -fuzztime 30s ./dedup

demo:
	$(GO) run ./cmd/wirediff dedup --index /tmp/wirediff-demo.index testdata/seeds
