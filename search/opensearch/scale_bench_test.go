package opensearch

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
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
	mix := scaleMix(b, backends[0].s)
	answers := map[string][]comparable{}
	for _, be := range backends {
		for _, class := range []string{"common", "mid", "rare", "multi-word", "phrase", "browse"} {
			b.Run(be.name+"/"+class, func(b *testing.B) {
				var cold, warm []time.Duration
				for range b.N {
					for _, q := range mix {
						if q.class != class {
							continue
						}
						began := time.Now()
						res, err := be.s.Search(ctx, q.req)
						if err != nil {
							b.Fatalf("%s: %v", q.name, err)
						}
						cold = append(cold, time.Since(began))
						answers[q.name] = append(answers[q.name], comparable{Total: res.Total, Facets: res.Facets})
						for range 3 {
							began = time.Now()
							if _, err := be.s.Search(ctx, q.req); err != nil {
								b.Fatal(err)
							}
							warm = append(warm, time.Since(began))
						}
					}
				}
				b.ReportMetric(pct(cold, 50), "cold-p50-ms")
				b.ReportMetric(pct(cold, 99), "cold-p99-ms")
				b.ReportMetric(pct(warm, 50), "warm-p50-ms")
				b.ReportMetric(pct(warm, 99), "warm-p99-ms")
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

// pct is the p-th percentile of ds in milliseconds (nearest rank).
func pct(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return float64(s[max(0, min(len(s)-1, i-1))].Microseconds()) / 1000
}

type scaleQuery struct {
	class, name string
	req         search.Request
}

func scaleMix(b *testing.B, s search.Searcher) []scaleQuery {
	all, err := s.Search(context.Background(), search.Request{})
	if err != nil {
		b.Fatal(err)
	}
	if len(all.Facets.Sources) == 0 || len(all.Facets.Places) == 0 {
		b.Fatal("the index has no sources or places to filter by")
	}
	source, place := all.Facets.Sources[0].Value, all.Facets.Places[0].Value
	from, to := time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2006, 12, 31, 0, 0, 0, 0, time.UTC)
	var mix []scaleQuery
	add := func(class, text string) {
		for _, v := range []struct {
			suffix string
			set    func(*search.Request)
		}{
			{"", func(*search.Request) {}},
			{" source:" + source, func(r *search.Request) { r.Sources = []string{source} }},
			{" place:" + place, func(r *search.Request) { r.Places = []string{place} }},
			{" 2006", func(r *search.Request) { r.From, r.To = from, to }},
		} {
			q := scaleQuery{class: class, name: text + v.suffix, req: search.Request{Query: text}}
			if text == "" {
				q.req.Sort = search.SortNewest
			}
			v.set(&q.req)
			mix = append(mix, q)
		}
	}
	for class, qs := range map[string][]string{
		"common":     {"senator", "state", "million", "program", "year", "percent"},
		"mid":        {"ethanol", "tariff", "drought", "broadband", "refinery", "immigration"},
		"rare":       {"sorghum", "lithium", "bauxite", "tungsten", "hovercraft", "pistachio"},
		"multi-word": {"oil prices", "farm bill disaster", "trade deficit japan", "student loan interest", "border security fence", "veterans health care"},
		"phrase":     {`"health care"`, `"interest rates"`, `"homeland security"`, `"crude oil"`, `"small business"`, `"trade deficit"`},
		"browse":     {""},
	} {
		for _, q := range qs {
			add(class, strings.TrimSpace(q))
		}
	}
	return mix
}
