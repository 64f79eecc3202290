package blevesearch

import (
	"context"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/policysearch/policysearch/search"
)

// SetBleveOnly turns the direct executor of s off (true) or on, so that
// tests and benchmarks can compare it with bleve's searchers.
func SetBleveOnly(s *IndexSearcher, on bool) { s.bleveOnly = on }

// DropCaches empties s's result and facet caches, so that the next search
// counts its facets again as on a freshly opened generation.
func DropCaches(s *IndexSearcher) {
	s.facets = newByteCache[search.Facets](facetCacheBytes)
	s.results = newByteCache[*search.Result](resultCacheBytes)
}

// DirectEligible reports whether the direct executor answers query.
func DirectEligible(s *IndexSearcher, query string) bool {
	q, err := search.ParseQuery(query)
	if err != nil {
		return false
	}
	return s.direct(q) != nil
}

// DirectAnswers is how many searches of s the direct executor answered.
func DirectAnswers(s *IndexSearcher) uint64 { return s.directAnswers.Load() }

// DirectPruned is how many of those went by the bounds (pruneRule).
func DirectPruned(s *IndexSearcher) uint64 { return s.directPruned.Load() }

// Segments is the number of segments of the snapshot s searches.
func Segments(s *IndexSearcher) (int, error) {
	o, err := s.ordinals(context.Background())
	if err != nil {
		return 0, err
	}
	snap, ok := o.reader.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	return len(snap.Segments()), nil
}

// NormBound reads every posting of the text fields of s's index: how many,
// the largest sqrt(freq) × norm, and those above 1 (see pruneRule).
func NormBound(s *IndexSearcher) (int, float64, []string, error) { return normBound(s) }
