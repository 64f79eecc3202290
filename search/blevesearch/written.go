package blevesearch

import (
	"context"
	"encoding/json"
	"fmt"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// addWrittenNames gives the hits that list organizations the names their
// articles wrote them by (corpus.WrittenNames), from the stored entities.
//
// It reads those hits' stored fields a second time, after pageHits, which
// visits them all once but is being reworked on another branch; the
// FieldEntities case belongs in pageHits' visit, and moves there once that
// has settled. Hits without organizations (a huge page of one word among
// them) are not read again.
func addWrittenNames(ctx context.Context, reader index.IndexReader, hits []search.Hit) error {
	for i := range hits {
		if len(hits[i].Organizations) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := reader.Document(hits[i].ID)
		if err != nil {
			return fmt.Errorf("hit %s: %w", hits[i].ID, err)
		}
		if doc == nil {
			continue
		}
		doc.VisitFields(func(f index.Field) {
			if f.Name() == indexer.FieldEntities && err == nil {
				hits[i].Written, err = writtenNames(f.Value())
			}
		})
		if err != nil {
			return fmt.Errorf("hit %s: %w", hits[i].ID, err)
		}
	}
	return nil
}

// writtenNames reads a document's stored entities (FieldEntities) into
// corpus.WrittenNames.
func writtenNames(entitiesJSON []byte) (map[string]string, error) {
	if len(entitiesJSON) == 0 {
		return nil, nil
	}
	var ents []corpus.Entity
	if err := json.Unmarshal(entitiesJSON, &ents); err != nil {
		return nil, fmt.Errorf("stored entities: %w", err)
	}
	return corpus.WrittenNames(ents), nil
}
