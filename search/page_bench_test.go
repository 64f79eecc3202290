package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/policysearch/policysearch/search"
)

// BenchmarkPageExtras measures what the search page asks for besides the
// search itself, on the synthetic 20k-document index, beside the search it
// goes with: the preset counts, a typed prefix, and "did you mean":
//
//	go test -run '^$' -bench BenchmarkPageExtras -benchtime 20x ./search/
func BenchmarkPageExtras(b *testing.B) {
	idx := benchIndex(b)
	ctx := context.Background()
	today := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	run := func(name string, f func(s *search.IndexSearcher) error) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				// A new searcher each time: nothing cached.
				if err := f(search.NewIndexSearcher(idx)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("search-policy", func(s *search.IndexSearcher) error {
		_, err := s.Search(ctx, search.Request{Query: "policy"})
		return err
	})
	run("recent-all", func(s *search.IndexSearcher) error {
		_, err := s.RecentCounts(ctx, search.Request{}, today)
		return err
	})
	run("recent-policy", func(s *search.IndexSearcher) error {
		_, err := s.RecentCounts(ctx, search.Request{Query: "policy"}, today)
		return err
	})
	run("typing-semic", func(s *search.IndexSearcher) error {
		_, err := s.Search(ctx, search.Request{Query: "semic", Typing: true})
		return err
	})
	run("typing-phrase-supply-ch", func(s *search.IndexSearcher) error {
		_, err := s.Search(ctx, search.Request{Query: `"supply ch`, Typing: true})
		return err
	})
	run("suggest-semiconducter", func(s *search.IndexSearcher) error {
		_, err := s.Suggest(ctx, "semiconducter")
		return err
	})
}
