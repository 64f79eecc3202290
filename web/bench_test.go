package web

import (
	"net/http"
	"testing"
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
