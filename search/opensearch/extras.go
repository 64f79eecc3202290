package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// More like this, as the bleve backend has it: the document's words that
// are frequent in it and rare in the index (Lucene's MoreLikeThis picks them
// on the shards), plus its organizations, which analysts read as the topic.
const (
	relatedTerms    = 25  // most distinctive terms kept
	relatedMinDocs  = 2   // a word in one document links nothing
	relatedMaxDocs  = 30  // percent: a word in more documents says little
	relatedOrgBoost = 2.0 // weight of one shared organization
)

// Related returns up to n documents most like the one with id, best first,
// never the document itself: the article page's "related articles".
func (s *Searcher) Related(ctx context.Context, id string, n int) ([]search.Hit, error) {
	doc, err := s.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if n <= 0 || n > search.MaxSize {
		n = search.DefaultSize
	}
	should := []any{map[string]any{"more_like_this": map[string]any{
		"fields":          []string{indexer.FieldTitle, indexer.FieldBody},
		"like":            []any{map[string]any{"_id": id}},
		"max_query_terms": relatedTerms,
		"min_term_freq":   1,
		"min_doc_freq":    relatedMinDocs,
	}}}
	mlt := should[0].(map[string]any)["more_like_this"].(map[string]any)
	if total, err := s.c.count(ctx, s.alias); err == nil && total > 0 {
		mlt["max_doc_freq"] = max(relatedMinDocs, int(total)*relatedMaxDocs/100)
	}
	if orgs := doc.Names(corpus.Organization); len(orgs) > 0 {
		should = append(should, map[string]any{"terms": map[string]any{indexer.FieldOrg: orgs, "boost": relatedOrgBoost}})
	}
	body := map[string]any{
		"size": n,
		"query": map[string]any{"bool": map[string]any{
			"should":               should,
			"minimum_should_match": 1,
			"must_not":             []any{map[string]any{"ids": map[string]any{"values": []string{id}}}},
		}},
		"sort":    sortOrder(search.SortRelevance),
		"_source": []string{indexer.FieldTitle, indexer.FieldURL, indexer.FieldSource, indexer.FieldLang, indexer.FieldDay, indexer.FieldOrg, indexer.FieldPlace, indexer.FieldPerson},
	}
	var out searchJSON
	if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
		return nil, s.wrap(fmt.Sprintf("related %q", id), err)
	}
	hits := []search.Hit{}
	for _, h := range out.Hits.Hits {
		hit, err := toHit(h.ID, h.Score, h.Source, nil)
		if err != nil {
			return nil, err
		}
		hits = append(hits, hit)
	}
	return hits, nil
}

// FacetValues lists the values of one facet under req with that facet's own
// filter left out, keeping those with a word that starts with prefix
// (ignoring case), most frequent first, at most limit: the type-ahead of a
// facet. A terms aggregation with an include pattern does the matching on
// the shards; search.FilterFacetValues applies the exact rule after.
func (s *Searcher) FacetValues(ctx context.Context, req search.Request, facet, prefix string, limit int) ([]search.FacetValue, error) {
	if limit <= 0 {
		limit = search.FacetSize
	}
	p, err := s.prepare(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	var f *facetAgg
	var names []string
	for i := range p.facets {
		names = append(names, p.facets[i].name)
		if p.facets[i].name == facet {
			f = &p.facets[i]
		}
	}
	if f == nil {
		return nil, fmt.Errorf("%w: unknown facet %q; the facets are %s", search.ErrBadQuery, facet, strings.Join(names, ", "))
	}
	terms := termsAgg(f.field, limit)
	if pat := wordPrefixPattern(prefix); pat != "" {
		terms["terms"].(map[string]any)["include"] = pat
	}
	body := map[string]any{
		"size":             0,
		"track_total_hits": false,
		"query":            p.query,
		"aggs":             map[string]any{"v": filterAgg(filters(p.facets, f.field), map[string]any{"top": terms})},
	}
	var out searchJSON
	if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
		return nil, s.wrap(fmt.Sprintf("facet %s values %q", facet, prefix), err)
	}
	var agg struct {
		Top struct{ Buckets []bucketJSON } `json:"top"`
	}
	if err := json.Unmarshal(out.Aggregations["v"], &agg); err != nil {
		return nil, fmt.Errorf("facet %s values: %w", facet, err)
	}
	return search.FilterFacetValues(values(agg.Top.Buckets), prefix, limit), nil
}

// wordPrefixPattern is a Lucene regular expression matching a value that,
// or one of whose words, starts with prefix, ignoring case: "bank" gives
// (.*[ /(\-])?[bB][aA][nN][kK].* ("" for an empty prefix).
func wordPrefixPattern(prefix string) string {
	prefix = strings.TrimSpace(prefix)
	if prefix == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(`(.*[ /(\-])?`)
	for _, r := range prefix {
		lo, up := unicode.ToLower(r), unicode.ToUpper(r)
		switch {
		case lo != up:
			b.WriteString("[" + string(lo) + string(up) + "]")
		case strings.ContainsRune(`.?+*|{}[]()"\#@&<>~-`, r):
			b.WriteString(`\` + string(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(".*")
	return b.String()
}
