package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// Benchmarks of whole requests through the handler over the in-memory test
// index: how much the page rendering adds to a search.
//
//	go test ./web -run '^$' -bench . -benchmem

func benchmarkRoute(b *testing.B, target string) {
	srv := newTestServer(b, Options{})
	if w := get(b, srv, target); w.Code != http.StatusOK {
		b.Fatalf("%s: %d", target, w.Code)
	}
	b.ReportAllocs()
	for b.Loop() {
		get(b, srv, target)
	}
}

func BenchmarkAPISearch(b *testing.B) {
	benchmarkRoute(b, "/api/search?q=%22Open+RAN%22&org=KDDI")
}

func BenchmarkSearchPage(b *testing.B) {
	benchmarkRoute(b, "/?q=%22Open+RAN%22&org=KDDI")
}

func BenchmarkDocumentPage(b *testing.B) {
	benchmarkRoute(b, "/documents/openran-visit")
}

// BenchmarkHugeArticle (issue 13, item 1): requests over an index whose one
// article is 7 MiB of a single word, as a page filled with one common word
// is once indexed. A request's cost should not grow with one article; these
// figures show where it still does (the search's own cost is the search
// package's; the article page marks nothing past maxMarkedText).
//
//	go test ./web -run '^$' -bench HugeArticle -benchmem
func BenchmarkHugeArticle(b *testing.B) {
	para := strings.TrimSpace(strings.Repeat("network ", 500))
	paras := make([]string, 2000)
	for i := range paras {
		paras[i] = para
	}
	srv := serverOver(b, []*corpus.Document{{ID: "huge", Title: "Huge", Paragraphs: paras,
		Published: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}})
	for _, target := range []string{"/api/search?q=network", "/documents/huge?q=network"} {
		b.Run(strings.TrimPrefix(strings.SplitN(target, "?", 2)[0], "/"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if w := get(b, srv, target); w.Code != http.StatusOK {
					b.Fatalf("%s: %d", target, w.Code)
				}
			}
		})
	}
}
