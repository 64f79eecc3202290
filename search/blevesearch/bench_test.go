package blevesearch_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

// benchDocs is the size of the synthetic index, about the size DESIGN.md
// measured facets at.
const benchDocs = 20000

var (
	benchOnce sync.Once
	benchIdx  bleve.Index
	benchErr  error
)

// syntheticDocs generates n articles with a fixed seed: English, Korean and
// Japanese text whose words follow a Zipf law over a vocabulary of a few
// thousand (so a rare word matches few documents and a common one most, as
// in real text), one to four organizations, places and people drawn from
// skewed lists (a few very common values, a long tail), three years of dates.
func syntheticDocs(n int) []*corpus.Document {
	r := rand.New(rand.NewPCG(1, 2))
	const vocabSize = 4000
	vocab := func(seed []string, gen func(i int) string) []string {
		out := append([]string(nil), seed...)
		for i := len(out); i < vocabSize; i++ {
			out = append(out, gen(i))
		}
		return out
	}
	en := vocab(strings.Fields("policy network operator ministry government industry data security open ran chips semiconductor export control center cyber standard trial spectrum investment fund cloud AI model regulation agreement cooperation supply chain equipment vendor research budget subsidy factory memory"),
		func(i int) string { return fmt.Sprintf("w%04d", i) })
	syllables := func(lo, span, k int) string {
		var b strings.Builder
		for j := 0; j < k; j++ {
			b.WriteRune(rune(lo + r.IntN(span)))
		}
		return b.String()
	}
	ko := vocab(strings.Fields("정부는 반도체 투자를 확대한다 오픈랜 보안 협력 과학기술정보통신부는 인공지능 데이터센터 공급망 수출 규제"),
		func(int) string { return syllables(0xAC00, 11172, 2+r.IntN(3)) })
	ja := vocab(strings.Fields("総務省は 半導体 投資を 拡大 データセンター 経済産業省 輸出 規制 協力 人工知能 周波数"),
		func(int) string { return syllables(0x30A1, 90, 2+r.IntN(4)) })
	zipf := rand.NewZipf(r, 1.1, 3, vocabSize-1)
	pick := func(list []string) string {
		// Squaring skews toward the front of the list.
		f := r.Float64()
		return list[int(f*f*float64(len(list)))]
	}
	names := func(prefix string, k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprintf("%s %02d", prefix, i)
		}
		return out
	}
	orgs, places, people := names("Org", 60), names("Place", 25), names("Person", 80)
	sources := names("Source", 12)
	langs := []string{"en", "en", "en", "en", "ko", "ja"}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]*corpus.Document, n)
	for i := range docs {
		lang := langs[r.IntN(len(langs))]
		words, sep := en, " "
		switch lang {
		case "ko":
			words = ko
		case "ja":
			words, sep = ja, ""
		}
		word := func() string { return words[zipf.Uint64()] }
		var paras []string
		for p := 0; p < 4; p++ {
			w := make([]string, 40)
			for j := range w {
				w[j] = word()
			}
			paras = append(paras, strings.Join(w, sep))
		}
		var ents []corpus.Entity
		seen := map[string]bool{}
		add := func(kind corpus.EntityKind, name string) {
			if !seen[name] {
				seen[name] = true
				ents = append(ents, corpus.Entity{Kind: kind, Name: name, Mentions: []string{name}})
			}
		}
		for k := 1 + r.IntN(4); k > 0; k-- {
			add(corpus.Organization, pick(orgs))
		}
		for k := 1 + r.IntN(2); k > 0; k-- {
			add(corpus.Place, pick(places))
		}
		if r.IntN(2) == 0 {
			add(corpus.Person, pick(people))
		}
		docs[i] = &corpus.Document{
			ID:         fmt.Sprintf("doc-%05d", i),
			File:       fmt.Sprintf("doc-%05d.html", i),
			Title:      strings.Join([]string{word(), word(), word()}, sep),
			Source:     pick(sources),
			Lang:       lang,
			Published:  start.AddDate(0, 0, r.IntN(3*365)),
			Paragraphs: paras,
			Entities:   ents,
		}
	}
	return docs
}

func benchIndex(b *testing.B) bleve.Index {
	b.Helper()
	benchOnce.Do(func() {
		benchIdx, benchErr = indexer.NewMemIndexWith(syntheticDocs(benchDocs), nil)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIdx
}

// BenchmarkSearch measures whole requests (hits, snippets, four terms
// facets and the histogram) on a synthetic index of 20k documents:
//
//	go test -run '^$' -bench BenchmarkSearch -benchmem ./search/blevesearch/
func BenchmarkSearch(b *testing.B) {
	idx := benchIndex(b)
	s := blevesearch.NewIndexSearcher(idx)
	cases := []benchCase{
		{"all", search.Request{}},
		{"common-word", search.Request{Query: "policy"}},
		{"word", search.Request{Query: "semiconductor"}},
		{"rare-word", search.Request{Query: "w0500"}},
		{"two-words", search.Request{Query: "export control"}},
		{"phrase", search.Request{Query: `"supply chain"`}},
		{"korean", search.Request{Query: "정보통신"}},
		{"japanese", search.Request{Query: "データセンター"}},
		{"one-org", search.Request{Query: "policy", Orgs: []string{"Org 00"}}},
		{"two-orgs-place", search.Request{Query: "policy", Orgs: []string{"Org 00", "Org 01"}, Places: []string{"Place 00"}}},
		{"month", search.Request{Query: "policy", From: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2022, 5, 31, 0, 0, 0, 0, time.UTC)}},
		{"newest", search.Request{Query: "policy", Sort: search.SortNewest}},
		{"deep-page", search.Request{Query: "policy", Page: 100}},
	}
	runSearchCases(b, idx, cases)
	ctx := context.Background()
	// The next page of a search already made: the facet counts come from
	// the cache.
	b.Run("next-page", func(b *testing.B) {
		req := search.Request{Query: "policy"}
		if _, err := s.Search(ctx, req); err != nil {
			b.Fatal(err)
		}
		req.Page = 2
		for i := 0; i < b.N; i++ {
			if _, err := s.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchCase is one request a search benchmark measures.
type benchCase struct {
	name string
	req  search.Request
}

// runSearchCases measures each request as a search not seen before (a new
// searcher per iteration, since facet counts are cached per searcher) and
// reports its hit count.
func runSearchCases(b *testing.B, idx bleve.Index, cases []benchCase, metrics ...func(*testing.B)) {
	ctx := context.Background()
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			res, err := blevesearch.NewIndexSearcher(idx).Search(ctx, c.req)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := blevesearch.NewIndexSearcher(idx).Search(ctx, c.req); err != nil {
					b.Fatal(err)
				}
			}
			// After the loop: ResetTimer drops metrics reported before it.
			b.ReportMetric(float64(res.Total), "hits")
			for _, m := range metrics {
				m(b)
			}
		})
	}
}
