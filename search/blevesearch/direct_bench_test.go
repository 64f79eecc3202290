package blevesearch_test

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/querymix"
)

// BenchmarkDirectMix runs the archive query mix (search/querymix) through
// the direct executor and through bleve's searchers on the same index,
// alternating request by request (which goes first alternates by round),
// every request cold: the searchers' result and facet caches are dropped
// before each, so every answer counts its facets, as the first answer of a
// freshly opened generation does. Each iteration is one round over the
// mix; per class it reports p50 and p99 in milliseconds for both paths.
// The index is the live generation of $POLICYSEARCH_SCALE_INDEX (e.g. the
// index cmd/policybench builds); skipped without it. For a profile of one
// path, $POLICYSEARCH_MIX_PATHS keeps one ("direct" or "bleve") and
// $POLICYSEARCH_MIX_CLASSES some classes (comma-separated), and
// $POLICYSEARCH_MIX_CPUPROFILE names a file for a CPU profile of the
// rounds alone (go test's -cpuprofile also covers opening the index).
//
//	POLICYSEARCH_SCALE_INDEX=DIR go test -run '^$' -bench DirectMix -benchtime 5x ./search/blevesearch/
func BenchmarkDirectMix(b *testing.B) {
	dir := os.Getenv("POLICYSEARCH_SCALE_INDEX")
	if dir == "" {
		b.Skip("POLICYSEARCH_SCALE_INDEX not set")
	}
	ctx := context.Background()
	idx, _, release, err := indexer.OpenLive(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer release()
	direct := blevesearch.NewIndexSearcher(idx)
	viaBleve := blevesearch.NewIndexSearcher(idx)
	blevesearch.SetBleveOnly(viaBleve, true)
	for _, s := range []*blevesearch.IndexSearcher{direct, viaBleve} {
		if err := s.Warm(ctx); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
	}
	mix, err := querymix.Build(ctx, direct)
	if err != nil {
		b.Fatal(err)
	}
	type path struct {
		name string
		s    *blevesearch.IndexSearcher
		took map[string][]time.Duration
	}
	paths := []*path{{"bleve", viaBleve, map[string][]time.Duration{}}, {"direct", direct, map[string][]time.Duration{}}}
	if only := os.Getenv("POLICYSEARCH_MIX_PATHS"); only != "" {
		paths = slices.DeleteFunc(paths, func(p *path) bool { return !slices.Contains(strings.Split(only, ","), p.name) })
	}
	if only := os.Getenv("POLICYSEARCH_MIX_CLASSES"); only != "" {
		mix = slices.DeleteFunc(mix, func(q querymix.Query) bool { return !slices.Contains(strings.Split(only, ","), q.Class) })
	}
	var classes []string
	for _, q := range mix {
		if !slices.Contains(classes, q.Class) {
			classes = append(classes, q.Class)
		}
	}
	// index[i] is request i's place among its class's requests in a round.
	perClass, index := map[string]int{}, make([]int, len(mix))
	for i, q := range mix {
		index[i] = perClass[q.Class]
		perClass[q.Class]++
	}
	if name := os.Getenv("POLICYSEARCH_MIX_CPUPROFILE"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range mix {
			for j := range paths {
				p := paths[(i+j)%len(paths)]
				blevesearch.DropCaches(p.s)
				began := time.Now()
				if _, err := p.s.Search(ctx, q.Req); err != nil {
					b.Fatalf("%s %q: %v", p.name, q.Name, err)
				}
				p.took[q.Class] = append(p.took[q.Class], time.Since(began))
			}
		}
	}
	b.StopTimer()
	if os.Getenv("POLICYSEARCH_MIX_VERBOSE") != "" {
		// Each request's median, path by path.
		for qi, q := range mix {
			line := fmt.Sprintf("%-12s %-40s", q.Class, q.Name)
			for _, p := range paths {
				var ds []time.Duration
				for r := 0; r < b.N; r++ {
					ds = append(ds, p.took[q.Class][r*perClass[q.Class]+index[qi]])
				}
				line += fmt.Sprintf(" %s %7.2f", p.name, querymix.PercentileMS(ds, 50))
			}
			fmt.Fprintln(os.Stderr, line)
		}
	}
	for _, c := range classes {
		for _, p := range paths {
			b.ReportMetric(querymix.PercentileMS(p.took[c], 50), fmt.Sprintf("%s-%s-p50-ms", c, p.name))
			b.ReportMetric(querymix.PercentileMS(p.took[c], 99), fmt.Sprintf("%s-%s-p99-ms", c, p.name))
		}
	}
}
