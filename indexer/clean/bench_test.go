package clean_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
)

// BenchmarkClean cleans our own test pages and the demo corpus: decode,
// parse and extract, as a build does for every file.
func BenchmarkClean(b *testing.B) {
	var pages [][]byte
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	demo, _ := filepath.Glob(filepath.Join(demoDir, "*", "*", "*", "*.html*"))
	demo2, _ := filepath.Glob(filepath.Join(demoDir, "*", "*.html*"))
	for _, f := range append(append(files, demo...), demo2...) {
		raw, err := corpus.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
	}
	if len(pages) == 0 {
		b.Skip("no pages")
	}
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	b.SetBytes(size / int64(len(pages)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := clean.Clean(pages[i%len(pages)], clean.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	_ = os.Stdout
}
