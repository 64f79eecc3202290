package indexer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/blevesearch/bleve/v2"
)

// readOnly opens a bleve index without a writer, so any number of readers
// (serve, search) can share a generation while a build writes the next one.
var readOnly = map[string]interface{}{"read_only": true}

// OpenLive opens the live generation of dir read-only and marks it in use,
// so that pruning leaves it alone until release is called. release closes
// the index; call it once, after the last search on idx has finished.
// It returns an error wrapping ErrNoIndex when dir has no live generation.
func OpenLive(dir string) (idx bleve.Index, generation string, release func() error, err error) {
	// A switch and a prune can both happen between reading LIVE and marking
	// the generation; then LIVE names a newer one, so read it again.
	for attempt := 0; ; attempt++ {
		name, err := LiveGeneration(dir)
		if err != nil {
			return nil, "", nil, err
		}
		idx, release, err := openGeneration(dir, name)
		if errors.Is(err, errGenerationGone) && attempt < 5 {
			continue
		}
		if err != nil {
			if _, serr := os.Stat(generationPath(dir, name)); errors.Is(serr, fs.ErrNotExist) {
				return nil, "", nil, fmt.Errorf("open live index of %s: %w: %s names generation %s, which is not in %s; %s",
					dir, ErrBadLive, liveFile, name, generationsPath(dir), recoverHint)
			}
			return nil, "", nil, fmt.Errorf("%w; if it stays so, %s", err, recoverHint)
		}
		return idx, name, release, nil
	}
}

// openGeneration opens one generation read-only and marks it in use.
func openGeneration(dir, name string) (bleve.Index, func() error, error) {
	mark, err := markInUse(dir, name)
	if err != nil {
		return nil, nil, err
	}
	path := GenerationPath(dir, name)
	idx, err := bleve.OpenUsing(path, readOnly)
	if err != nil {
		mark.release()
		return nil, nil, fmt.Errorf("open index %s: %w", path, err)
	}
	released := false
	release := func() error {
		if released {
			return nil
		}
		released = true
		err := idx.Close()
		if rerr := mark.release(); err == nil {
			err = rerr
		}
		if err != nil {
			return fmt.Errorf("close index %s: %w", path, err)
		}
		return nil
	}
	return idx, release, nil
}
