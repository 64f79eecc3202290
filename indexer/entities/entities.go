// Package entities finds the organizations, places and people an article
// mentions and gives each its canonical name, from an embedded gazetteer and
// patterns for names the gazetteer does not know.
package entities

import "github.com/policysearch/policysearch/corpus"

// Extract returns the entities of a cleaned document (title and paragraphs),
// with canonical names and the surface forms seen, using the embedded gazetteer.
func Extract(doc *corpus.Document) []corpus.Entity {
	return nil
}

// Aliases returns every known name of a canonical entity (acronyms, short
// forms, Korean and Japanese names), for indexing so that a query for any of
// them finds the entity's documents. Unknown names give nil.
func Aliases(kind corpus.EntityKind, canonical string) []string {
	return nil
}
