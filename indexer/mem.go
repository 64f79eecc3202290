package indexer

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
)

// NewMemIndex builds an in-memory index of docs with NewMapping, for tests
// and examples that need a real index without touching the disk.
func NewMemIndex(docs []*corpus.Document) (bleve.Index, error) {
	idx, err := bleve.NewMemOnly(NewMapping())
	if err != nil {
		return nil, fmt.Errorf("new in-memory index: %w", err)
	}
	const batchSize = 1000
	b := idx.NewBatch()
	for _, d := range docs {
		if err := IndexDocument(b, d); err != nil {
			idx.Close()
			return nil, err
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
