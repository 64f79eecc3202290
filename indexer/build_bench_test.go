package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
)

// benchDocs returns n cleaned documents of about 3 KB of text each.
func benchDocs(n int) []*corpus.Document {
	words := strings.Fields("ministry export controls semiconductor open ran 5g data center cyber security standard " +
		"partnership investment policy agreement network operator chip supply chain research meeting officials")
	docs := make([]*corpus.Document, n)
	for i := range docs {
		var paras []string
		for p := range 6 {
			var b strings.Builder
			for w := range 80 {
				b.WriteString(words[(i*7+p*13+w*w)%len(words)])
				b.WriteByte(' ')
			}
			paras = append(paras, b.String())
		}
		docs[i] = &corpus.Document{
			ID: corpus.DocumentID(fmt.Sprint(i)), File: fmt.Sprint(i, ".html"), Hash: fmt.Sprint(i),
			Title: fmt.Sprint("Article ", i), Paragraphs: paras, Source: "Bench", Lang: "en",
			Published: time.Date(2023, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			Entities: []corpus.Entity{{Kind: corpus.Organization, Name: "KDDI", Mentions: []string{"KDDI"}},
				{Kind: corpus.Place, Name: "Japan", Mentions: []string{"Japan"}}},
		}
	}
	return docs
}

// BenchmarkWriteBatches measures the writer alone (documents already
// cleaned) at several batch sizes: how DefaultBatchSize was chosen.
func BenchmarkWriteBatches(b *testing.B) {
	docs := benchDocs(3000)
	for _, size := range []int{100, 500, 1000, 2000} {
		b.Run(fmt.Sprint("batch=", size), func(b *testing.B) {
			for b.Loop() {
				idx, err := bleve.New(filepath.Join(b.TempDir(), "x"), NewMapping())
				if err != nil {
					b.Fatal(err)
				}
				batch := idx.NewBatch()
				for _, d := range docs {
					if err := IndexDocument(batch, d); err != nil {
						b.Fatal(err)
					}
					if batch.Size() >= size {
						if err := idx.Batch(batch); err != nil {
							b.Fatal(err)
						}
						batch.Reset()
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				if err := idx.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkNoChangeRebuild is an incremental build where nothing changed:
// hashing every file and comparing with the live generation.
func BenchmarkNoChangeRebuild(b *testing.B) {
	old := prepareBytes
	prepareBytes = fakeClean
	defer func() { prepareBytes = old }()
	root, dir := filepath.Join(b.TempDir(), "corpus"), filepath.Join(b.TempDir(), "index")
	files := map[string]string{}
	for i := range 2000 {
		files[fmt.Sprintf("%04d.html", i)] = page(fmt.Sprint("Article ", i), strings.Repeat("policy text ", 300))
	}
	writeFilesB(b, root, files)
	cfg := BuildConfig{CorpusDir: root, IndexDir: dir}
	if _, err := Build(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, err := Build(context.Background(), cfg)
		if err != nil || s.Unchanged != 2000 {
			b.Fatal(err, s.Unchanged)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "files/s")
}
