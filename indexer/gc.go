package indexer

import (
	"os"
	"runtime/debug"
	"sync"
)

// buildGC is the garbage collector's setting while a build runs. A build
// allocates at a high rate (tokens, term frequencies, segment buffers) but
// keeps little alive: the documents and analysis of the batches in hand.
// At Go's default (GOGC 100) the collector ran so often that marking, its
// write barriers and assists took about a fifth of a build's CPU; letting
// the heap grow to five times what is alive before collecting cuts that
// (21,577 Reuters pages: see docs/benchmarks.md) for about twice the peak
// memory (~600 MB instead of ~300 MB there).
var buildGC = struct {
	// Percent is GOGC during a build: the heap may grow by this many
	// percent of the live heap before the next collection.
	Percent int
	// Limit is a soft ceiling on the process's memory during a build: near
	// it the collector runs more often again, so a build whose live heap is
	// large (huge pages in its batches) does not grow to five times it. It
	// never makes the collector run more often than GOGC 100 would while
	// less than half of Limit is alive.
	Limit int64
}{Percent: 400, Limit: 2 << 30}

// gcTuning counts the builds running in this process, so that the first
// one to start sets buildGC and the last one to finish restores what was
// there before (a server's first build, tests running builds in parallel).
var gcTuning struct {
	mu          sync.Mutex
	running     int
	percent     int
	limit       int64
	leftToOwner bool // GOGC or GOMEMLIMIT set by whoever runs the process: theirs
}

// tuneGC applies buildGC for one build and returns the function that ends
// it. It does nothing when the process was started with GOGC or
// GOMEMLIMIT set: that choice is kept.
func tuneGC() (restore func()) {
	g := &gcTuning
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.running == 0 {
		_, hasGOGC := os.LookupEnv("GOGC")
		_, hasLimit := os.LookupEnv("GOMEMLIMIT")
		g.leftToOwner = hasGOGC || hasLimit
		if !g.leftToOwner {
			g.percent = debug.SetGCPercent(buildGC.Percent)
			g.limit = debug.SetMemoryLimit(buildGC.Limit)
		}
	}
	g.running++
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			g.running--
			if g.running == 0 && !g.leftToOwner {
				debug.SetGCPercent(g.percent)
				debug.SetMemoryLimit(g.limit)
			}
		})
	}
}
