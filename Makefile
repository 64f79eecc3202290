# policysearch — the commands a developer and CI run.
#   make run     build the index of the demo corpus (incrementally) and serve it on :8080
#   make test    every test, including the browser tests when Chromium is installed
#   make check   gofmt, go vet, staticcheck and the race-enabled tests
#   make eval    extraction and entity figures on ../shared/corpora (floors enforced)
#   make bench   Go benchmarks (cleaner, entities, search)

GO          ?= go
BIN         := bin/policysearch
CORPORA     ?= $(or $(POLICYSEARCH_CORPORA),../shared/corpora)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build run test check eval bench browser-deps reload-check fmt clean opensearch test-opensearch

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
	else echo "make eval: no evaluation corpora at $(CORPORA) (set POLICYSEARCH_CORPORA); nothing to measure"; fi

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
				chromium fonts-nanum fonts-ipafont-gothic >/dev/null && break; \
			echo "browser-deps: install failed (try $$try of 3)"; sleep 10; \
		done; \
	fi
	@chromium --version

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin data

# Rebuilds twice while three clients search, kills a build with SIGKILL, starts
# two builds at once; fails on any failed request (see docs/operations.md).
reload-check:
	scripts/reload-check.sh

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
