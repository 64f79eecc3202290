package blevesearch

import "github.com/policysearch/policysearch/search"

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
