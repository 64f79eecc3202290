package indexer

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

// NewMemIndex builds an in-memory index of docs with NewMapping, for tests
// and examples that need a real index without touching the disk.
func NewMemIndex(docs []*corpus.Document) (bleve.Index, error) {
	return NewMemIndexWith(docs, entities.Aliases)
}

// NewMemIndexWith is NewMemIndex with another source of entity aliases (see
// ToIndexedWith).
func NewMemIndexWith(docs []*corpus.Document, aliases AliasFunc) (bleve.Index, error) {
	// Scorch, as on disk, rather than bleve.NewMemOnly's upsidedown store:
	// tests and benchmarks then exercise the same segments and doc values
	// that serve uses (upsidedown facets were ~50× slower).
	idx, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("new in-memory index: %w", err)
	}
	const batchSize = 1000
	b := idx.NewBatch()
	for _, d := range docs {
		if d.ID == "" {
			idx.Close()
			return nil, fmt.Errorf("new in-memory index: document %q has no id", d.File)
		}
		if err := b.Index(d.ID, ToIndexedWith(d, aliases)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("new in-memory index: document %s: %w", d.ID, err)
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, fmt.Errorf("new in-memory index: %w", err)
			}
			b.Reset()
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("new in-memory index: %w", err)
	}
	return idx, nil
}
