package indexer

import (
	"os"
	"runtime/debug"
	"testing"
)

// gcNow reads GOGC and the memory limit without changing them.
func gcNow() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

// TestTuneGC: builds set buildGC, nested builds keep it until the last one
// ends, which restores what was there; GOGC or GOMEMLIMIT in the
// environment leave the collector alone.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	// t.Setenv cannot unset; LookupEnv would see "" as set, so clear them
	// for the first part through the os package.
	unset(t, "GOGC", "GOMEMLIMIT")
	defer debug.SetGCPercent(debug.SetGCPercent(137))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))

	endA := tuneGC()
	if p, l := gcNow(); p != buildGC.Percent || l != buildGC.Limit {
		t.Fatalf("during a build: GOGC %d limit %d, want %d %d", p, l, buildGC.Percent, buildGC.Limit)
	}
	endB := tuneGC()
	endA()
	endA() // a second call is a no-op
	if p, _ := gcNow(); p != buildGC.Percent {
		t.Fatalf("one build still running: GOGC %d, want %d", p, buildGC.Percent)
	}
	endB()
	if p, l := gcNow(); p != 137 || l != 3<<30 {
		t.Fatalf("after the builds: GOGC %d limit %d, want 137 %d", p, l, int64(3<<30))
	}

	t.Setenv("GOGC", "250")
	end := tuneGC()
	if p, _ := gcNow(); p != 137 {
		t.Fatalf("with GOGC set by the owner: GOGC %d, want 137 untouched", p)
	}
	end()
}

// unset removes environment variables for the rest of the test (t.Setenv
// has registered their restoration).
func unset(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.Unsetenv(n); err != nil {
			t.Fatal(err)
		}
	}
}
