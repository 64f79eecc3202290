package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Facet names as FacetValues takes them (the JSON names in Facets).
const (
	FacetOrganizations = "organizations"
	FacetPlaces        = "places"
	FacetPeople        = "people"
	FacetSources       = "sources"
)

// FacetValues lists the values of one facet under req with that facet's own
// filter left out (as Search counts them), keeping those with a word that
// starts with prefix (ignoring case; "" keeps all), most frequent first, at
// most limit. It serves the type-ahead of a facet with more values than a
// search shows.
func (s *IndexSearcher) FacetValues(ctx context.Context, req Request, facet, prefix string, limit int) ([]FacetValue, error) {
	fields := map[string]int{FacetOrganizations: ordOrg, FacetPlaces: ordPlace, FacetPeople: ordPerson, FacetSources: ordSource}
	field, ok := fields[facet]
	if !ok {
		return nil, fmt.Errorf("%w: unknown facet %q; the facets are %s, %s, %s, %s", ErrBadQuery, facet, FacetOrganizations, FacetPlaces, FacetPeople, FacetSources)
	}
	if limit <= 0 {
		limit = FacetSize
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
	out := []FacetValue{}
	for ord, n := range counts {
		if n > 0 && wordPrefix(vals[ord], prefix) {
			out = append(out, FacetValue{Value: vals[ord], Count: int(n)})
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

// FilterFacetValues keeps the values of vals with a word that starts with
// prefix (see FacetValues), most frequent first, at most limit. It is
// exported for front ends whose backend has no FacetValues and must filter
// the values an ordinary search returns.
func FilterFacetValues(vals []FacetValue, prefix string, limit int) []FacetValue {
	out := []FacetValue{}
	for _, v := range vals {
		if wordPrefix(v.Value, prefix) {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// wordPrefix reports whether value or one of its words starts with prefix,
// ignoring case, so that "bank" finds "Bank of Korea" and "Korea
// Development Bank".
func wordPrefix(value, prefix string) bool {
	if prefix == "" {
		return true
	}
	v, p := strings.ToLower(value), strings.ToLower(strings.TrimSpace(prefix))
	if strings.HasPrefix(v, p) {
		return true
	}
	for i, r := range v {
		if (r == ' ' || r == '-' || r == '/' || r == '(') && strings.HasPrefix(v[i+1:], p) {
			return true
		}
	}
	return false
}

// FacetValues is IndexSearcher.FacetValues on the current generation.
func (l *Live) FacetValues(ctx context.Context, req Request, facet, prefix string, limit int) ([]FacetValue, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.FacetValues(ctx, req, facet, prefix, limit)
}
