package blevesearch

import (
	"encoding/json"
	"fmt"

	"github.com/policysearch/policysearch/corpus"
)

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
