# policysearch — the commands a developer and CI run.
#   make run     build the index of the demo corpus (incrementally) and serve it on :8080
#   make test    every test, including the browser tests when Chromium is installed
#   make check   gofmt, go vet, staticcheck and the race-enabled tests
#   make eval    extraction and entity figures on ../shared/corpora (floors enforced)
#   make bench   Go benchmarks (cleaner, entities, search)
#   make bench-scale  the ~94k-article benchmark next to SQLite FTS5 (docs/benchmarks.md)
#   make eval-peers  the cleaner beside go-trafilatura, go-readability and go-htmldate (module eval/peers)

GO          ?= go
BIN         := bin/policysearch
CORPORA     ?= $(or $(POLICYSEARCH_CORPORA),../shared/corpora)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# axe-core checks the pages' accessibility in the browser tests; fetched
# from npm into a git-ignored folder, never committed.
AXE_VERSION := 4.14.1
AXE_SHA512  := 1477dafa598d8d065f273d6af302aa203c02e83131707b7fa648cd41bd3d6b734f8c22a0dab86ee6a6f64b8afbe804b214d36db85a2826965edfb3a0b9d546b5
AXE_JS      := web/testdata/axe/axe.min.js

.PHONY: all build run test check eval eval-peers bench bench-scale bench-scale-baseline bench-http browser-deps axe reload-check fmt clean opensearch test-opensearch

all: build

build:
	$(GO) build -o $(BIN) ./cmd/policysearch

run: build
	./$(BIN) index
	./$(BIN) serve

test:
	$(GO) test ./...

check:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) test -race ./...

eval:
	@if [ -d "$(CORPORA)" ]; then \
		POLICYSEARCH_CORPORA="$(CORPORA)" $(GO) run ./cmd/policyeval; \
	else echo "make eval: no evaluation corpora at $(CORPORA) (set POLICYSEARCH_CORPORA); nothing to measure"; \
		if [ -n "$$CI" ] && [ "$$CI" != "false" ] && [ "$$CI" != "0" ]; then echo "make eval: CI is set: failing"; exit 1; fi; fi

# The peers live in their own module (eval/peers) so that their
# dependencies stay out of the search engine's.
eval-peers:
	@if [ -d "$(CORPORA)" ]; then \
		cd eval/peers && POLICYSEARCH_CORPORA="$(abspath $(CORPORA))" $(GO) run .; \
	else echo "make eval-peers: no evaluation corpora at $(CORPORA)"; fi

bench:
	@if [ -d "$(CORPORA)" ]; then \
		POLICYSEARCH_CORPORA="$(abspath $(CORPORA))" $(GO) test -run '^$$' -bench . -benchmem ./...; \
	else echo "make bench: no evaluation corpora at $(CORPORA) (set POLICYSEARCH_CORPORA); nothing to measure"; fi

# Chromium for the browser tests (web/browser_test.go). Debian's package; the
# tests skip without it locally and fail without it under CI=true. The Nanum
# and IPA fonts make Korean and Japanese render in screenshots.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi nanum; then \
		for try in 1 2 3; do \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium fonts-nanum fonts-ipafont-gothic ca-certificates curl >/dev/null && break; \
			echo "browser-deps: install failed (try $$try of 3)"; sleep 10; \
		done; \
	fi
	@chromium --version
	@$(MAKE) --no-print-directory axe

# axe-core (MPL-2.0) for the accessibility checks of web/browser_test.go:
# the npm package's tarball, with npm when it is installed and with curl
# when not (a clean CI machine has no Node), checked against its pinned
# SHA-512 either way.
axe: $(AXE_JS)

$(AXE_JS):
	@mkdir -p $(dir $@)
	cd $(dir $@) && tgz=axe-core-$(AXE_VERSION).tgz && \
		if command -v npm >/dev/null 2>&1; then npm pack --silent axe-core@$(AXE_VERSION) >/dev/null; \
		else curl -fsSL --retry 3 -o $$tgz https://registry.npmjs.org/axe-core/-/$$tgz; fi && \
		echo "$(AXE_SHA512)  $$tgz" | sha512sum -c --quiet && \
		tar -xzf $$tgz package/axe.min.js package/LICENSE && \
		mv package/axe.min.js axe.min.js && mv package/LICENSE LICENSE && \
		rm -rf package $$tgz
	@echo "axe-core $(AXE_VERSION) in $(dir $@)"

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin data

# Rebuilds twice while three clients search, kills a build with SIGKILL, starts
# two builds at once; fails on any failed request (see docs/operations.md).
reload-check:
	scripts/reload-check.sh

# The scale benchmark (docs/benchmarks.md): the ~94k-article archive written
# by ../shared/tools/make_scale_corpus.py from ../shared/corpora (built once,
# about 2 minutes), indexed with this commit's pipeline (once per commit),
# then the query mix in process, cold and warm, next to SQLite FTS5 on the
# same documents. bench-scale-baseline measures the code of BASELINE_REV the
# same way; bench-scale prints its figures beside it when they exist.
TOOLS         ?= $(or $(POLICYSEARCH_TOOLS),../shared/tools)
SCALE_DIR     ?= $(or $(POLICYSEARCH_SCALE),$(or $(TMPDIR),/tmp)/policysearch-scale)
SCALE_REPLICATE ?= 1
SCALE_CORPUS  := $(SCALE_DIR)/corpus-x$(SCALE_REPLICATE)
REV           := $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
BASELINE_REV  ?= 1046032
SCALE_FLAGS   ?=

$(SCALE_CORPUS)/docs.jsonl:
	@mkdir -p $(SCALE_DIR)
	POLICYSEARCH_CORPORA=$(abspath $(CORPORA)) nice python3 $(TOOLS)/make_scale_corpus.py --replicate $(SCALE_REPLICATE) $(SCALE_CORPUS)

bench-scale: $(SCALE_CORPUS)/docs.jsonl
	$(GO) build -o $(SCALE_DIR)/policybench-$(REV) ./cmd/policybench
	$(SCALE_DIR)/policybench-$(REV) --corpus $(SCALE_CORPUS) --index $(SCALE_DIR)/index-x$(SCALE_REPLICATE)-$(REV) \
		--label $(REV) --out $(SCALE_DIR)/results-x$(SCALE_REPLICATE)-$(REV).json \
		$(if $(wildcard $(SCALE_DIR)/results-x$(SCALE_REPLICATE)-$(BASELINE_REV).json),--compare $(SCALE_DIR)/results-x$(SCALE_REPLICATE)-$(BASELINE_REV).json) $(SCALE_FLAGS)

# The baseline: BASELINE_REV's search and indexer with this commit's
# benchmark tool (it uses only the API that commit already had, the bleve
# searcher's package aside).
bench-scale-baseline: $(SCALE_CORPUS)/docs.jsonl
	rm -rf $(SCALE_DIR)/src-$(BASELINE_REV) && mkdir -p $(SCALE_DIR)/src-$(BASELINE_REV)
	git archive $(BASELINE_REV) | tar -x -C $(SCALE_DIR)/src-$(BASELINE_REV)
	cp -r cmd/policybench $(SCALE_DIR)/src-$(BASELINE_REV)/cmd/ && cp go.mod go.sum $(SCALE_DIR)/src-$(BASELINE_REV)/
	mkdir -p $(SCALE_DIR)/src-$(BASELINE_REV)/search/querymix && cp search/querymix/*.go $(SCALE_DIR)/src-$(BASELINE_REV)/search/querymix/
	@# Before search/blevesearch the bleve searcher was in package search.
	if [ ! -d $(SCALE_DIR)/src-$(BASELINE_REV)/search/blevesearch ]; then \
		sed -i -e '/policysearch\/search\/blevesearch"/d' -e 's/blevesearch\.NewIndexSearcher/search.NewIndexSearcher/' \
			$(SCALE_DIR)/src-$(BASELINE_REV)/cmd/policybench/main.go; fi
	cd $(SCALE_DIR)/src-$(BASELINE_REV) && $(GO) build -o $(SCALE_DIR)/policybench-$(BASELINE_REV) ./cmd/policybench
	$(SCALE_DIR)/policybench-$(BASELINE_REV) --corpus $(SCALE_CORPUS) --index $(SCALE_DIR)/index-x$(SCALE_REPLICATE)-$(BASELINE_REV) \
		--label $(BASELINE_REV) --out $(SCALE_DIR)/results-x$(SCALE_REPLICATE)-$(BASELINE_REV).json $(SCALE_FLAGS)

# HTTP load on the same index: wrk at 16 connections for 30 s over the query
# mix's /api/search paths (installs wrk from Debian when missing).
bench-http: build $(SCALE_CORPUS)/docs.jsonl
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(GO) build -o $(SCALE_DIR)/policybench-$(REV) ./cmd/policybench
	$(SCALE_DIR)/policybench-$(REV) --corpus $(SCALE_CORPUS) --index $(SCALE_DIR)/index-x$(SCALE_REPLICATE)-$(REV) \
		--fts=false --warm 0 --urls $(SCALE_DIR)/paths-$(REV).txt
	scripts/bench-http.sh $(SCALE_DIR)/index-x$(SCALE_REPLICATE)-$(REV) $(SCALE_DIR)/paths-$(REV).txt

# One OpenSearch 2.19 node on http://127.0.0.1:9200 for a person to try the
# opensearch backend (Java 17 and Maven; the modules come from Maven Central).
opensearch:
	scripts/opensearch/run.sh data/opensearch 9200 9300

# The OpenSearch backend against real nodes: builds the launcher, then the
# tests of search/opensearch start a single node (the search-as-data suite and
# the web API on both backends) and a three-node loopback cluster (a node
# stopped, the same answers). Under CI=true a node that cannot start fails.
test-opensearch:
	scripts/opensearch/build.sh
	POLICYSEARCH_OPENSEARCH_LAUNCHER="$(CURDIR)/scripts/opensearch" POLICYSEARCH_OPENSEARCH_REQUIRED=1 \
		$(GO) test -count=1 -timeout 15m ./search/opensearch/
