package web

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// hugePageServer serves the test documents plus one page that is a common
// word repeated `words` times (what a 30 MB page indexed from its first
// 8 MiB, or a gzip bomb, gives) and one ordinary article using that word.
func hugePageServer(tb testing.TB, words int) *Server {
	tb.Helper()
	docs := loadTestDocs(tb)
	const perParagraph = 1000
	para := strings.TrimSpace(strings.Repeat("network ", perParagraph))
	var paras []string
	for range words / perParagraph {
		paras = append(paras, para)
	}
	day := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	docs = append(docs,
		&corpus.Document{ID: "huge-page", File: "huge.html", Title: "A page of one word", Lang: "en", Source: "Spam Site", Published: day, Paragraphs: paras},
		&corpus.Document{ID: "network-rules", File: "rules.html", Title: "Network rules for harbour cranes", Lang: "en", Source: "The Daily Ledger", Published: day,
			Paragraphs: []string{"Port operators must secure the network of every harbour crane and report incidents within a day."}},
	)
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	return New(search.NewIndexSearcher(idx), Options{Hosts: testHosts, Now: func() time.Time { return testNow }})
}

// allocatedBy returns the bytes allocated while f runs.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugePageDoesNotGrowSearchCost: a search for the word that fills a
// huge page allocates about as much as with a page a tenth its size, and
// stays under a fixed ceiling: the cost of a search does not grow with the
// size of one document. (Memory, not time, so that the test is stable.)
func TestHugePageDoesNotGrowSearchCost(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a page of 250,000 words")
	}
	const ceiling = 32 << 20
	cost := map[int]uint64{}
	for _, words := range []int{25_000, 250_000} {
		for _, path := range []string{"/api/search?q=network", "/?q=network"} {
			// A fresh server for each: its first answer counts the facets
			// and reads the hits (no cached answer to hide the cost).
			srv := hugePageServer(t, words)
			var w int
			n := allocatedBy(func() { w = get(t, srv, path).Code })
			if w != http.StatusOK {
				t.Fatalf("%s over a page of %d words: status %d", path, words, w)
			}
			t.Logf("%s, page of %d words: %.1f MB allocated", path, words, float64(n)/(1<<20))
			if n > ceiling {
				t.Errorf("%s over a page of %d words allocated %d MB; the ceiling is %d MB", path, words, n>>20, ceiling>>20)
			}
			cost[words] = max(cost[words], n)
		}
	}
	if cost[250_000] > 2*cost[25_000]+(4<<20) {
		t.Errorf("a search allocates %d kB with a page of 250,000 words and %d kB with 25,000: it grows with the page",
			cost[250_000]>>10, cost[25_000]>>10)
	}
}

// BenchmarkSearchHugePage: one search for the word that fills a page of
// 250,000 words, through the web API; each names another (empty) end of
// the date range, so no cached answer or count is reused.
func BenchmarkSearchHugePage(b *testing.B) {
	srv := hugePageServer(b, 250_000)
	get(b, srv, "/api/search?q=network")
	b.ReportAllocs()
	b.ResetTimer()
	to := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		to = to.AddDate(0, 0, 1)
		if w := get(b, srv, "/api/search?q=network&to="+to.Format("2006-01-02")); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
