package search_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// hugeSearchAllocLimit bounds what one search may allocate when one article
// in the index is a page filled with the searched word. Reading its 2.4 MB
// body once is allowed; its 350,000 match positions are not (they cost
// ~100 MB before highlighting was bounded).
const hugeSearchAllocLimit = 24 << 20

// TestHugeDocumentBoundedSearch: one huge document does not make a search
// for its word cost in proportion to its size, and its snippet is still
// highlighted.
func TestHugeDocumentBoundedSearch(t *testing.T) {
	docs := []*corpus.Document{{
		ID: "huge", File: "huge.html", Title: "A page of one word",
		Paragraphs: []string{strings.Repeat("policy ", 350_000)},
	}}
	for i := range 20 {
		docs = append(docs, &corpus.Document{
			ID: fmt.Sprintf("d%02d", i), File: fmt.Sprintf("d%02d.html", i), Title: fmt.Sprintf("Story %d", i),
			Paragraphs: []string{"The ministry set out its policy on spectrum auctions for the coming year."},
		})
	}
	idx, err := indexer.NewMemIndexWith(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	s := search.NewIndexSearcher(idx)
	ctx := context.Background()
	if err := s.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := s.Search(ctx, search.Request{Query: "policy", Size: 21})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 21 {
		t.Fatalf("total %d, want 21", res.Total)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > hugeSearchAllocLimit {
		t.Errorf("one search allocated %d MB; the limit is %d MB", got>>20, hugeSearchAllocLimit>>20)
	}
	for _, h := range res.Hits {
		if !strings.Contains(string(h.Snippet), "<mark>policy</mark>") {
			t.Errorf("%s: snippet without a highlighted match: %.80s", h.ID, h.Snippet)
		}
	}
}

// TestSearchStopsWhenCancelled: a search whose context is done returns its
// error instead of running to the end.
func TestSearchStopsWhenCancelled(t *testing.T) {
	s, _ := newTestSearcher(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, search.Request{Query: "5G"}); err == nil {
		t.Error("a cancelled search succeeded")
	}
}
