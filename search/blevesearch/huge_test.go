package blevesearch_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
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
	s := hugeIndex(t, docs)
	ctx := context.Background()
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

// hugeRelatedAllocSlack is what "related articles" of a huge document may
// allocate beyond reading the document itself (which the article page
// does anyway): the weighing of a bounded window of its text. Analysing
// its whole body cost ~100 MB here.
const hugeRelatedAllocSlack = 8 << 20

// TestHugeDocumentBoundedRelated: the related articles of a huge document
// cost about what reading it costs, not what analysing all of it would,
// and still come from the words at its beginning.
func TestHugeDocumentBoundedRelated(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "huge", File: "huge.html", Title: "Harbour cranes",
			Paragraphs: []string{"The harbour authority tested private networks for its container cranes.", strings.Repeat("policy ", 350_000)}},
		{ID: "cranes", File: "cranes.html", Title: "Crane networks at the harbour",
			Paragraphs: []string{"Container cranes at the harbour will run on a private network, the authority said."}},
	}
	s := hugeIndex(t, docs)
	ctx := context.Background()
	allocated := func(f func() error) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := f()
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	read := allocated(func() error { _, err := s.Document(ctx, "huge"); return err })
	var hits []search.Hit
	related := allocated(func() (err error) { hits, err = s.Related(ctx, "huge", 5); return err })
	t.Logf("reading the document allocated %.1f MB, its related articles %.1f MB", float64(read)/(1<<20), float64(related)/(1<<20))
	if related > read+hugeRelatedAllocSlack {
		t.Errorf("related articles of a huge document allocated %d MB, reading it %d MB; the slack is %d MB",
			related>>20, read>>20, hugeRelatedAllocSlack>>20)
	}
	if len(hits) == 0 || hits[0].ID != "cranes" {
		t.Errorf("related to the huge document = %v, want the harbour cranes article first", hits)
	}
}

// hugeIndex is a warmed searcher over docs and twenty short stories that
// use "policy" once each.
func hugeIndex(t *testing.T, docs []*corpus.Document) *blevesearch.IndexSearcher {
	t.Helper()
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
	s := blevesearch.NewIndexSearcher(idx)
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
