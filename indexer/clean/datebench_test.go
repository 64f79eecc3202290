package clean

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDateCorpora decides the publication day of every
// trafilatura-eval and htmldate-eval page as production does (the file,
// no URL), each page parsed beforehand: the cost of the date evidence and
// decision alone. (cleaneval imports this package, so the pages are read
// here.)
func BenchmarkDateCorpora(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora")
	if d := os.Getenv("POLICYSEARCH_CORPORA"); d != "" {
		dir = d
	}
	var pages []*page
	for _, sub := range []string{"trafilatura-eval/html", "htmldate-eval/html/default"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*"))
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			if strings.HasSuffix(f, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(raw))
				if err != nil {
					continue
				}
				if raw, err = io.ReadAll(zr); err != nil {
					continue
				}
			}
			opt := Options{Path: f}
			p, err := readPage(context.Background(), decode(raw, ""), opt)
			if err != nil {
				continue
			}
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		b.Skip("corpora absent")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		_ = p.dateEvidence().decide(p)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
