package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestFacetCacheIsBoundedByBytes: requests with huge filter values (the
// key, and the ticked values kept in the counts) cannot pin more than the
// cache's byte budget, however many arrive.
func TestFacetCacheIsBoundedByBytes(t *testing.T) {
	s := &IndexSearcher{facets: newByteCache[Facets](facetCacheBytes)}
	big := strings.Repeat("x", 3000)
	for i := range 2000 {
		var f Facets
		for j := range 30 {
			f.Organizations = append(f.Organizations, FacetValue{Value: fmt.Sprintf("%s-%d-%d", big, i, j), Count: 1})
		}
		s.cacheFacets(fmt.Sprintf("%q %d", big, i), f)
	}
	held := 0
	for k, e := range s.facets.m {
		held += len(k)
		for _, v := range e.v.Organizations {
			held += len(v.Value)
		}
	}
	if held > 32<<20 {
		t.Errorf("the facet cache holds %d MB of strings after 2000 big requests", held>>20)
	}

	// Ordinary entries are still cached and found.
	small := Facets{Organizations: []FacetValue{{Value: "KDDI", Count: 3}}}
	s.cacheFacets(`"open ran" ["KDDI"]`, small)
	if got, ok := s.cachedFacets(`"open ran" ["KDDI"]`); !ok || len(got.Organizations) != 1 {
		t.Errorf("a small entry was not cached: %v %v", got, ok)
	}
	// A key longer than any real request is not kept at all.
	s.cacheFacets(strings.Repeat("k", 100_000), small)
	if _, ok := s.cachedFacets(strings.Repeat("k", 100_000)); ok {
		t.Error("a 100 kB key was cached")
	}
}
