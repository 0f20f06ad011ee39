# Thin wrapper over go commands. See README.md.
GO ?= go
SHARED ?= ../shared
SIZES ?= 1k,10k

.PHONY: build test test-beam build-beam cross bench eval fmt vet fuzz demo

build:
	$(GO) build -o bin/wirediff ./cmd/wirediff

test: cross
	$(GO) vet ./...
	$(GO) test -race ./...

# The Beam pipeline (its own module, beam/; see docs/beam.md). Its tests run
# on prism and compare the groups with 'wirediff dedup --no-index'.
test-beam:
	cd beam && $(GO) vet ./... && $(GO) test -timeout 60m ./...

build-beam:
	cd beam && $(GO) build -o ../bin/wirediff-beam ./cmd/wirediff-beam

# The build on every supported system (the index lock differs).
cross:
	GOOS=linux $(GO) build ./...
	GOOS=darwin $(GO) build ./...
	GOOS=windows $(GO) build ./...

# Quality figures on the labelled development data in $(SHARED)/data.
eval:
	WIREDIFF_EVAL=1 $(GO) test -count=1 -run 'Eval|CopyLevel' -v ./cmd/wirediff ./cluster ./lineage | grep -Ev '^=== (RUN|PAUSE|CONT)'

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
