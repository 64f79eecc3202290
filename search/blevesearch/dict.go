package blevesearch

import (
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// eachTerm calls fn on the entries of an opened field dictionary, in term
// order, until the dictionary ends or fn returns false, and closes it. Every
// reader of a field's dictionary (keyword values, word prefixes, facet
// ordinals, the newest day) goes through it, so that each closes the
// iterator on every path.
func eachTerm(dict index.FieldDict, fn func(*index.DictEntry) bool) error {
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return err
		}
		if e == nil || !fn(e) {
			break
		}
	}
	return dict.Close()
}

type dictEntry struct {
	term  string
	count uint64
}

// dictEntries reads a field's dictionary (the terms beginning with prefix,
// all of them when prefix is empty), at most limit entries (0: all). The
// empty term an unnamed or undated document indexes is left out.
func (s *IndexSearcher) dictEntries(field, prefix string, limit int) ([]dictEntry, error) {
	dict, err := s.idx.FieldDictPrefix(field, []byte(prefix))
	if err == nil {
		var out []dictEntry
		err = eachTerm(dict, func(e *index.DictEntry) bool {
			if e.Term != "" {
				out = append(out, dictEntry{e.Term, e.Count})
			}
			return limit == 0 || len(out) < limit
		})
		if err == nil {
			return out, nil
		}
	}
	if prefix == "" {
		return nil, fmt.Errorf("read the terms of %s: %w", field, err)
	}
	return nil, fmt.Errorf("read the terms of %s beginning %q: %w", field, prefix, err)
}
