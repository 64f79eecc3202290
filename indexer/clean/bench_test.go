package clean_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
	"github.com/policysearch/policysearch/indexer/clean/cleaneval"
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
		if _, err := clean.Clean(context.Background(), pages[i%len(pages)], clean.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkCleanCorpora cleans the third-party evaluation pages (real,
// larger pages than ours) when ../shared/corpora is present: the figure to
// profile for speed (go test -bench CleanCorpora -cpuprofile cpu.out).
// Pages are cleaned in production mode: the file only, as a corpus build.
func BenchmarkCleanCorpora(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora")
	if d := os.Getenv("POLICYSEARCH_CORPORA"); d != "" {
		dir = d
	}
	var pages []cleaneval.Page
	for _, set := range []string{"trafilatura-eval", "htmldate-eval"} {
		p, err := cleaneval.Load(dir, set)
		if err != nil {
			b.Skipf("corpora absent: %v", err)
		}
		pages = append(pages, p...)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pg := pages[i%len(pages)]
		_, _ = clean.Clean(context.Background(), pg.Raw, cleaneval.Production.Options(&pg))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkCleanBigPage cleans one 8 MiB page of 70,000 short dated
// blocks: the large-page case, where work per paragraph (regular
// expressions, date reading) must stay small.
func BenchmarkCleanBigPage(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<html><head><title>Big page</title></head><body><h1>Big</h1>")
	for i := 0; sb.Len() < 8<<20; i++ {
		fmt.Fprintf(&sb, `<div class="item-%d box"><p class="para">Paragraph %d, written on May %d, 2023 with words, commas, and more words to fill it up.</p><a href="/x/%d">link %d</a><ul><li>one 12.05.2021</li><li>two</li></ul></div>`, i, i, i%28+1, i, i)
	}
	sb.WriteString("</body></html>")
	benchOnePage(b, []byte(sb.String()))
}

// BenchmarkCleanBigParagraph cleans an 8 MiB page that is one paragraph
// with a date in every sentence: date reading must stop at the first
// date, not read them all.
func BenchmarkCleanBigParagraph(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<html><head><title>Big paragraph</title></head><body><h1>Big</h1><div><p>")
	for i := 0; sb.Len() < 8<<20; i++ {
		fmt.Fprintf(&sb, "Sentence %d, on 12 May 2021, with commas, words and more words about policy. ", i)
	}
	sb.WriteString("</p></div></body></html>")
	benchOnePage(b, []byte(sb.String()))
}

// benchOnePage cleans one page b.N times.
func benchOnePage(b *testing.B, page []byte) {
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := clean.Clean(context.Background(), page, clean.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
