package blevesearch

import (
	"context"
	"fmt"
	"github.com/policysearch/policysearch/search"
	"sort"
)

// FacetValues lists the values of one facet under req with that facet's own
// filter left out (as Search counts them), keeping those with a word that
// starts with prefix (ignoring case; "" keeps all), most frequent first, at
// most limit. It serves the type-ahead of a facet with more values than a
// search shows.
func (s *IndexSearcher) FacetValues(ctx context.Context, req search.Request, facet, prefix string, limit int) ([]search.FacetValue, error) {
	field, ok := facetIndex(facet)
	if !ok {
		return nil, search.UnknownFacet(facet)
	}
	if limit <= 0 {
		limit = search.FacetSize
	}
	req, _, base, err := s.prepare(req)
	if err != nil {
		return nil, err
	}
	o, err := s.ordinals(ctx)
	if err != nil {
		return nil, err
	}
	// Counts only, of this facet only: no score, no hits kept.
	p := o.newPlan(req)
	p.facets, p.only = true, field
	c, err := o.collect(ctx, s, base, p)
	if err != nil {
		return nil, fmt.Errorf("facet %s values %q: %w", facet, prefix, err)
	}
	defer c.release()
	counts := c.counts[field]
	vals := o.fields[field].values
	out := []search.FacetValue{}
	for ord, n := range counts {
		if n > 0 && search.WordPrefix(vals[ord], prefix) {
			out = append(out, search.FacetValue{Value: vals[ord], Count: int(n)})
		}
	}
	// Most frequent first, ties by value, as Search lists them.
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// FacetValues is IndexSearcher.FacetValues on the current generation.
func (l *Live) FacetValues(ctx context.Context, req search.Request, facet, prefix string, limit int) ([]search.FacetValue, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.FacetValues(ctx, req, facet, prefix, limit)
}
