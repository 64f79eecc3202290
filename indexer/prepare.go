package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
	"github.com/policysearch/policysearch/indexer/entities"
)

// Prepare reads, cleans and annotates one article file: the work done for
// every file of a build and by `policysearch extract`. rel is the path the
// document is known by (relative to the corpus root), which fixes its ID.
func Prepare(ctx context.Context, path, rel string) (*corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("prepare %s: %w", path, err)
	}
	raw, err := corpus.ReadFile(path)
	if err != nil && raw == nil {
		return nil, err
	}
	// A page cut at corpus.MaxArticleBytes (raw set, err ErrTooLarge) is
	// cleaned from its beginning, as a build does.
	return PrepareBytes(ctx, raw, path, rel)
}

// PrepareBytes is Prepare for bytes already read. The cleaning stops soon
// after ctx is done.
func PrepareBytes(ctx context.Context, raw []byte, path, rel string) (*corpus.Document, error) {
	doc, err := clean.Clean(ctx, raw, clean.Options{Path: path})
	if err != nil {
		return nil, fmt.Errorf("clean %s: %w", path, err)
	}
	sum := sha256.Sum256(raw)
	doc.Hash = hex.EncodeToString(sum[:])
	doc.File = rel
	doc.ID = corpus.DocumentID(rel)
	doc.Entities = entities.Extract(doc)
	return doc, nil
}
