package opensearch

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// Boosts of the fields a word searches, as in the bleve backend: the title
// says most about an article, the names of the entities it mentions less,
// the body least.
const (
	boostTitle   = 3.0
	boostAliases = 1.5
	boostBody    = 1.0
)

// keywordField maps the query syntax's entity fields to index fields.
var keywordField = map[string]string{
	search.FieldOrg:    indexer.FieldOrg,
	search.FieldPlace:  indexer.FieldPlace,
	search.FieldPerson: indexer.FieldPerson,
	search.FieldSource: indexer.FieldSource,
}

// translator turns a parsed query into the query DSL. Two decisions need
// knowledge the tree does not carry, and are made as the bleve backend
// makes them:
//   - a term that analyses to nothing (a stop word, punctuation) is dropped
//     rather than matching nothing, so "the KDDI" means "KDDI" — decided with
//     the bleve analyzer, whose stop list the index uses too;
//   - org:X matches the canonical name X ignoring case when some document
//     has it, and otherwise the entities' other names (org:MSIT) — decided
//     with one counting request for all such terms (exists).
type translator struct {
	analyzer analysis.Analyzer
	exists   map[search.Term]bool
}

// analyzesToNothing reports whether text gives no tokens to search.
func (t *translator) analyzesToNothing(text string) bool {
	return len(t.analyzer.Analyze([]byte(text))) == 0
}

// dsl returns the query for q: a bool of one clause per query clause.
func (t *translator) dsl(q *search.Query) map[string]any {
	var must, mustNot []any
	for _, c := range q.Clauses {
		var alts []any
		for _, term := range c.Any {
			if tq := t.term(term); tq != nil {
				alts = append(alts, tq)
			}
		}
		if len(alts) == 0 {
			continue
		}
		var cq any = alts[0]
		if len(alts) > 1 {
			cq = map[string]any{"bool": map[string]any{"should": alts, "minimum_should_match": 1}}
		}
		if c.Not {
			mustNot = append(mustNot, cq)
		} else {
			must = append(must, cq)
		}
	}
	if len(must) == 0 {
		must = append(must, map[string]any{"match_all": map[string]any{}})
	}
	b := map[string]any{"must": must}
	if len(mustNot) > 0 {
		b["must_not"] = mustNot
	}
	return map[string]any{"bool": b}
}

// term returns the query for one term, nil when it is dropped.
func (t *translator) term(term search.Term) any {
	switch term.Field {
	case search.FieldAny:
		return t.text(term.Text, []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldAliases}, []float64{boostTitle, boostBody, boostAliases})
	case search.FieldTitle:
		return t.text(term.Text, []string{indexer.FieldTitle}, []float64{1})
	case search.FieldBody:
		return t.text(term.Text, []string{indexer.FieldBody}, []float64{1})
	case search.FieldLang:
		return termQuery(indexer.FieldLang, strings.ToLower(term.Text), false)
	}
	field, ok := keywordField[term.Field]
	if !ok {
		// The parser only lets known fields through.
		return matchNone()
	}
	if t.exists[term] {
		return termQuery(field, term.Text, true)
	}
	if term.Field != search.FieldSource {
		if aq := t.text(term.Text, []string{indexer.FieldAliases}, []float64{1}); aq != nil {
			return aq
		}
	}
	return matchNone()
}

// text matches text in any of fields. Every term is a match_phrase: one
// token is then a plain term match, and several (a phrase, a hyphenated
// word, the bigrams of a CJK word) must appear in order, as in bleve. The
// fields' scores add up (bool should), as bleve's disjunction does.
func (t *translator) text(text string, fields []string, boosts []float64) any {
	if t.analyzesToNothing(text) {
		return nil
	}
	qs := make([]any, len(fields))
	for i, f := range fields {
		qs[i] = map[string]any{"match_phrase": map[string]any{f: map[string]any{"query": text, "boost": boosts[i]}}}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return map[string]any{"bool": map[string]any{"should": qs, "minimum_should_match": 1}}
}

func termQuery(field, value string, caseInsensitive bool) map[string]any {
	v := map[string]any{"value": value}
	if caseInsensitive {
		v["case_insensitive"] = true
	}
	return map[string]any{"term": map[string]any{field: v}}
}

func matchNone() map[string]any { return map[string]any{"match_none": map[string]any{}} }

// resolveNames fills t.exists for the org:, place:, person: and source:
// terms of q with one request: a filters aggregation counting each name as
// a canonical value, ignoring case.
func (s *Searcher) resolveNames(ctx context.Context, q *search.Query, t *translator) error {
	t.exists = map[search.Term]bool{}
	filters := map[string]any{}
	keys := map[string]search.Term{}
	for _, c := range q.Clauses {
		for _, term := range c.Any {
			field, ok := keywordField[term.Field]
			if !ok {
				continue
			}
			k := fmt.Sprintf("n%d", len(keys))
			keys[k] = term
			filters[k] = termQuery(field, term.Text, true)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	body := map[string]any{
		"size":             0,
		"track_total_hits": false,
		"aggs":             map[string]any{"names": map[string]any{"filters": map[string]any{"filters": filters}}},
	}
	var out struct {
		Aggregations struct {
			Names struct {
				Buckets map[string]struct {
					DocCount int `json:"doc_count"`
				} `json:"buckets"`
			} `json:"names"`
		} `json:"aggregations"`
	}
	if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
		return s.wrap("resolve names", err)
	}
	for k, b := range out.Aggregations.Names.Buckets {
		if b.DocCount > 0 {
			t.exists[keys[k]] = true
		}
	}
	return nil
}
