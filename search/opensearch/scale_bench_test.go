package opensearch

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/querymix"
)

// BenchmarkScaleMix runs one query mix on both backends side by side: the
// bleve index in $POLICYSEARCH_SCALE_BLEVE (opened read-only) and the alias
// $POLICYSEARCH_SCALE_ALIAS (default "scale") on $POLICYSEARCH_SCALE_OPENSEARCH,
// both built from the scale archive (../shared/tools/make_scale_corpus.py).
// Per class it reports the median and 99th percentile of the first run of
// each query (cold: nothing cached for it) and of three more (warm), in
// milliseconds, and counts the requests whose totals or facet counts
// differ between the backends. Run with -benchtime=1x; see docs/scale-out.md for figures.
//
// The mix is the one the bleve benchmarks use (words by document
// frequency in the ~94k archive, multi-word queries, phrases, and the empty
// query), each plain, with the commonest source, the commonest place and
// the year 2006.
func BenchmarkScaleMix(b *testing.B) {
	dir, url := os.Getenv("POLICYSEARCH_SCALE_BLEVE"), os.Getenv("POLICYSEARCH_SCALE_OPENSEARCH")
	if dir == "" || url == "" {
		b.Skip("set POLICYSEARCH_SCALE_BLEVE (index folder) and POLICYSEARCH_SCALE_OPENSEARCH (cluster URL)")
	}
	alias := os.Getenv("POLICYSEARCH_SCALE_ALIAS")
	if alias == "" {
		alias = "scale"
	}
	ctx := context.Background()
	idx, _, release, err := indexer.OpenLive(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer release()
	c, err := NewClient(url)
	if err != nil {
		b.Fatal(err)
	}
	backends := []struct {
		name string
		s    search.Searcher
	}{{"bleve", blevesearch.NewIndexSearcher(idx)}, {"opensearch", NewSearcher(c, alias)}}
	mix, err := querymix.Build(context.Background(), backends[0].s)
	if err != nil {
		b.Fatal(err)
	}
	answers := map[string][]comparable{}
	for _, be := range backends {
		for _, class := range []string{"common", "mid", "rare", "multi-word", "phrase", "browse"} {
			b.Run(be.name+"/"+class, func(b *testing.B) {
				var cold, warm []time.Duration
				for range b.N {
					for _, q := range mix {
						if q.Class != class {
							continue
						}
						began := time.Now()
						res, err := be.s.Search(ctx, q.Req)
						if err != nil {
							b.Fatalf("%s: %v", q.Name, err)
						}
						cold = append(cold, time.Since(began))
						answers[q.Name] = append(answers[q.Name], comparable{Total: res.Total, Facets: res.Facets})
						for range 3 {
							began = time.Now()
							if _, err := be.s.Search(ctx, q.Req); err != nil {
								b.Fatal(err)
							}
							warm = append(warm, time.Since(began))
						}
					}
				}
				b.ReportMetric(querymix.PercentileMS(cold, 50), "cold-p50-ms")
				b.ReportMetric(querymix.PercentileMS(cold, 99), "cold-p99-ms")
				b.ReportMetric(querymix.PercentileMS(warm, 50), "warm-p50-ms")
				b.ReportMetric(querymix.PercentileMS(warm, 99), "warm-p99-ms")
			})
		}
	}
	differ := 0
	for name, as := range answers {
		if len(as) != 2 {
			continue
		}
		if diff := cmp.Diff(as[0], as[1]); diff != "" {
			differ++
			b.Logf("%s (-bleve +opensearch):\n%s", name, diff)
		}
	}
	b.Logf("%d requests, %d with a different total or facet counts", len(answers), differ)
}
