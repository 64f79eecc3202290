package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

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

// BenchmarkIndexDocuments writes the demo articles (cleaned) to an
// in-memory index in batches of 500, through bleve's mapping of ToIndexed
// and through BuildDocument: what BuildDocument saves per document.
func BenchmarkIndexDocuments(b *testing.B) {
	base := equalityDocs(b)
	var docs []*corpus.Document
	for i := range 2000 {
		d := *base[i%len(base)]
		d.ID = fmt.Sprint(d.ID, "-", i)
		docs = append(docs, &d)
	}
	for _, way := range []struct {
		name string
		add  func(*bleve.Batch, *corpus.Document) error
	}{
		{"mapping", func(bt *bleve.Batch, d *corpus.Document) error { return bt.Index(d.ID, ToIndexed(d)) }},
		{"built", func(bt *bleve.Batch, d *corpus.Document) error { return IndexDocument(bt, d) }},
	} {
		b.Run(way.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				idx, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
				if err != nil {
					b.Fatal(err)
				}
				batch := idx.NewBatch()
				for _, d := range docs {
					if err := way.add(batch, d); err != nil {
						b.Fatal(err)
					}
					if batch.Size() >= DefaultBatchSize {
						if err := idx.Batch(batch); err != nil {
							b.Fatal(err)
						}
						batch = idx.NewBatch()
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				idx.Close()
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
