package blevesearch

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// Boosts of the fields a word searches, and so how a hit's score combines
// them (docs/search.md): a word in the title says more about the article
// than one in the body; a name an entity goes by (an alias the article may
// not even write) says less, so an article that writes the words ranks
// above one that only mentions an organization known by them. Adjacent
// words of the query also score as a pair where the article has them side
// by side (the phrases field), so the exact phrase ranks first.
const (
	boostTitle   = 3.0
	boostBody    = 1.0
	boostAliases = 0.5
	boostPair    = 6.0
)

// IndexSearcher answers requests from one bleve index built with
// indexer.NewMapping. It is safe for concurrent use.
type IndexSearcher struct {
	idx      bleve.Index
	analyzer analysis.Analyzer

	mu      sync.Mutex
	terms   map[string][]string        // keyword field → its values, for case-insensitive field:value
	facets  *byteCache[search.Facets]  // facetKey → counts, so paging and sorting skip the facets
	results *byteCache[*search.Result] // resultKey → a whole answer, for repeated requests
	ords    *ordinals                  // loaded by the first search or Warm
	closed  bool
	// bleveOnly turns the direct executor off (direct.go), so that tests
	// and benchmarks can compare it with bleve's searchers.
	bleveOnly bool
	// directAnswers counts the searches the direct executor answered.
	directAnswers atomic.Uint64
	// directPruned counts those that went by the bounds (pruneRule): the
	// top k from the hits whose ceiling reaches the k-th best floor.
	directPruned atomic.Uint64
}

var _ search.Searcher = (*IndexSearcher)(nil)

// NewIndexSearcher returns a Searcher over idx. The index must not change
// while the searcher is used (a generation never does): facet counts and
// facet values are cached. The index is not closed by the searcher; its
// owner closes it after the last search.
func NewIndexSearcher(idx bleve.Index) *IndexSearcher {
	return &IndexSearcher{
		idx:      idx,
		analyzer: idx.Mapping().AnalyzerNamed(indexer.TextAnalyzer),
		terms:    make(map[string][]string),
		facets:   newByteCache[search.Facets](facetCacheBytes),
		results:  newByteCache[*search.Result](resultCacheBytes),
	}
}

// ordinals returns the generation's facet ordinals, reading them on first
// use (Warm reads them before a generation goes live).
func (s *IndexSearcher) ordinals(ctx context.Context) (*ordinals, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ords != nil {
		return s.ords, nil
	}
	if s.closed {
		return nil, fmt.Errorf("%w: the searcher is closed", search.ErrNoIndex)
	}
	adv, err := s.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	o, err := loadOrdinals(ctx, reader)
	if err != nil {
		reader.Close()
		return nil, fmt.Errorf("read facet values: %w", err)
	}
	s.ords = o
	return o, nil
}

// Warm readies the searcher before it serves: it reads the facet ordinals
// and runs a search that counts every facet, so the pages of the index
// files it needs are in memory when the first request comes.
func (s *IndexSearcher) Warm(ctx context.Context) error {
	if _, err := s.ordinals(ctx); err != nil {
		return err
	}
	for _, f := range search.Registry {
		if _, err := s.keywordValues(f.Field, ""); err != nil {
			return err
		}
	}
	_, err := s.Search(ctx, search.Request{Query: "the state"})
	return err
}

// Close releases the index snapshot the searcher reads; the index itself
// is its owner's to close, after Close.
func (s *IndexSearcher) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.ords == nil {
		return nil
	}
	err := s.ords.reader.Close()
	s.ords = nil
	return err
}

// facetKey identifies what the facets of a request depend on: the query and
// the filters, not the page or the order.
func facetKey(q *search.Query, req search.Request) string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(corpus.DateLayout)
	}
	key := fmt.Sprintf("%q", q.String())
	for _, f := range search.Registry {
		key += fmt.Sprintf(" %q", *f.Filter(&req))
	}
	return key + " " + day(req.From) + " " + day(req.To)
}

func (s *IndexSearcher) cachedFacets(key string) (search.Facets, bool) {
	f, ok := s.facets.get(key)
	return f.Clone(), ok
}

func (s *IndexSearcher) cacheFacets(key string, f search.Facets) {
	s.facets.put(key, f.Clone(), sizeOfFacets(f))
}

// Document returns one stored document.
func (s *IndexSearcher) Document(ctx context.Context, id string) (*corpus.Document, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = []string{"*"}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("document %q: %w", id, search.ErrNotFound)
	}
	return indexer.FromStored(id, res.Hits[0].Fields)
}

// Search runs one request in a single pass over the hits of its query (see
// collect): the facet filters and the date range are applied in memory, so
// the same pass gives the page of hits, the total, every facet's counts
// (a filtered facet counted with its own filter left out: multi-select) and
// the day counts of the histogram. Stored fields and match positions are
// then read for the page's hits only.
func (s *IndexSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	began := time.Now()
	req, q, base, err := s.prepare(req)
	if err != nil {
		return nil, err
	}
	o, err := s.ordinals(ctx)
	if err != nil {
		return nil, err
	}
	res := &search.Result{Page: req.Page, Size: req.Size, Hits: []search.Hit{}}
	p := o.newPlan(req)
	if p.order == search.SortRelevance && !q.HasWords() {
		// Without words every article scores alike: list the newest first.
		p.order = search.SortNewest
	}
	p.k = req.Page * req.Size
	// The same request again is answered from the result cache; the next
	// page or another order of the same search reuses the counts.
	key := facetKey(q, req)
	rkey := resultKey(key, req)
	if r, ok := s.results.get(rkey); ok {
		res = r.Clone()
		res.Took = time.Since(began)
		return res, nil
	}
	cached, haveFacets := s.cachedFacets(key)
	p.facets = !haveFacets
	p.direct = s.direct(q)
	c, err := o.collect(ctx, s, base, p)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res.Total = c.total
	if haveFacets {
		res.Facets = cached
	} else {
		res.Facets = search.Facets{Published: []search.DateBucket{}}
		for i, f := range search.Registry {
			*f.Values(&res.Facets) = o.facetList(i, c.counts[i], c.candidates(i), *f.Filter(&req), search.FacetSize)
		}
		if res.Total > 0 {
			res.Facets.Published = o.histogram(req, c.counts[ordDay])
		}
		c.release()
		s.cacheFacets(key, res.Facets)
	}
	if from := (req.Page - 1) * req.Size; from < len(c.top) {
		res.Hits, err = s.pageHits(ctx, o, q, c.top[from:])
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
	}
	s.results.put(rkey, res.Clone(), sizeOfResult(res))
	res.Took = time.Since(began)
	return res, nil
}

// facetList is a facet's most frequent values, at most k (ties by value),
// plus the ticked ones, which a page must show (checked) whatever their
// rank; a ticked value no article matches is listed with count 0.
func (o *ordinals) facetList(field int, counts, candidates []uint32, ticked []string, k int) []search.FacetValue {
	out := []search.FacetValue{}
	if counts == nil {
		return out
	}
	f := o.fields[field]
	for _, ord := range topOrdsOf(counts, k, candidates) {
		out = append(out, search.FacetValue{Value: f.values[ord], Count: int(counts[ord])})
	}
	for _, t := range ticked {
		if slices.ContainsFunc(out, func(v search.FacetValue) bool { return v.Value == t }) {
			continue
		}
		v := search.FacetValue{Value: t}
		if ord, ok := f.byName[t]; ok {
			v.Count = int(counts[ord])
		}
		out = append(out, v)
	}
	return out
}

// histogram turns the day counts of the hits into bars: by month, week,
// day or year as the span asks (search.HistogramFromMonths and
// HistogramFromDays hold the rule every backend shares).
func (o *ordinals) histogram(req search.Request, dayCounts []uint32) []search.DateBucket {
	days := o.fields[ordDay].values
	var counts []search.DayCount
	for ord, n := range dayCounts {
		if n == 0 {
			continue
		}
		t, err := time.Parse(corpus.DateLayout, days[ord])
		if err != nil {
			continue
		}
		// Days are in dictionary order, which is date order.
		counts = append(counts, search.DayCount{Day: t, Count: int(n)})
	}
	if len(counts) == 0 {
		return []search.DateBucket{}
	}
	if !search.HistogramNeedsDaysFirst(req.From, req.To) {
		var months []search.DayCount
		for _, c := range counts {
			m := time.Date(c.Day.Year(), c.Day.Month(), 1, 0, 0, 0, 0, time.UTC)
			if k := len(months) - 1; k >= 0 && months[k].Day.Equal(m) {
				months[k].Count += c.Count
				continue
			}
			months = append(months, search.DayCount{Day: m, Count: c.Count})
		}
		if bars, needDays := search.HistogramFromMonths(req.From, req.To, months); !needDays {
			return bars
		}
	}
	return search.HistogramFromDays(req.From, req.To, counts)
}

// prepare checks req and parses its query into the base bleve query, before
// any filter: where Search and FacetValues both start.
func (s *IndexSearcher) prepare(req search.Request) (search.Request, *search.Query, query.Query, error) {
	req, err := search.NormalizeRequest(req)
	if err != nil {
		return req, nil, nil, err
	}
	q, err := search.ParseRequestQuery(req)
	if err != nil {
		return req, nil, nil, err
	}
	base, err := s.buildQuery(q)
	if err != nil {
		return req, nil, nil, err
	}
	return req, q, base, nil
}

func anyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		tq := bleve.NewTermQuery(v)
		tq.SetField(field)
		qs[i] = tq
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// buildQuery turns a parsed query into a bleve query. Terms that analyze to
// nothing (stop words, punctuation) are dropped rather than matching
// nothing, so "the KDDI" means "KDDI".
func (s *IndexSearcher) buildQuery(q *search.Query) (query.Query, error) {
	var must, mustNot []query.Query
	for _, c := range q.Clauses {
		var alts []query.Query
		for _, t := range c.Any {
			tq, err := s.termQuery(t)
			if err != nil {
				return nil, err
			}
			if tq != nil {
				alts = append(alts, tq)
			}
		}
		if len(alts) == 0 {
			continue
		}
		var cq query.Query = alts[0]
		if len(alts) > 1 {
			cq = bleve.NewDisjunctionQuery(alts...)
		}
		if c.Not {
			mustNot = append(mustNot, cq)
		} else {
			must = append(must, cq)
		}
	}
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	should := s.wordPairs(q)
	if len(mustNot) == 0 && len(should) == 0 {
		if len(must) == 1 {
			return must[0], nil
		}
		return bleve.NewConjunctionQuery(must...), nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	if len(should) > 0 {
		// Optional: they only add to the score of what must match.
		bq.AddShould(should...)
	}
	if len(mustNot) > 0 {
		bq.AddMustNot(mustNot...)
	}
	return bq, nil
}

// wordPairs returns, for each two adjacent plain words of the query (each
// a clause of its own, searching every field), a query for the pair as one
// term of the phrases field: "oil prices" then ranks articles that say
// "oil prices" above those that say "prices of oil".
func (s *IndexSearcher) wordPairs(q *search.Query) []query.Query {
	var out []query.Query
	for _, pair := range s.pairTerms(q) {
		tq := bleve.NewTermQuery(pair)
		tq.SetField(indexer.FieldPhrases)
		tq.SetBoost(boostPair)
		out = append(out, tq)
	}
	return out
}

// pairTerms returns the phrases-field terms of the query's adjacent plain
// words (wordPairs' rule, which the direct executor shares).
func (s *IndexSearcher) pairTerms(q *search.Query) []string {
	var out []string
	prev := ""
	for _, c := range q.Clauses {
		term := ""
		if !c.Not && len(c.Any) == 1 && c.Any[0].Field == search.FieldAny && !c.Any[0].Phrase {
			if toks := s.analyzer.Analyze([]byte(c.Any[0].Text)); len(toks) == 1 {
				term = string(toks[0].Term)
			}
		}
		if prev != "" && term != "" {
			out = append(out, prev+indexer.PairSeparator+term)
		}
		prev = term
	}
	return out
}

func (s *IndexSearcher) termQuery(t search.Term) (query.Query, error) {
	if t.Prefix {
		return s.prefixTermQuery(t) // typing.go
	}
	switch t.Field {
	case search.FieldAny:
		return s.textQuery(t.Text, []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldAliases}, []float64{boostTitle, boostBody, boostAliases}, true), nil
	case search.FieldTitle:
		return s.textQuery(t.Text, []string{indexer.FieldTitle}, []float64{1}, false), nil
	case search.FieldBody:
		return s.textQuery(t.Text, []string{indexer.FieldBody}, []float64{1}, false), nil
	case search.FieldLang:
		return anyTerm(indexer.FieldLang, []string{strings.ToLower(t.Text)}), nil
	}
	if f, ok := search.FacetByQueryField(t.Field); ok {
		field := f.Field
		values, err := s.keywordValues(field, t.Text)
		if err != nil {
			return nil, err
		}
		if len(values) > 0 {
			return anyTerm(field, values), nil
		}
		if f.Entity != "" {
			// Not a canonical name: try it as another name of an entity
			// (org:MSIT), through the aliases every document carries.
			if aq := s.textQuery(t.Text, []string{indexer.FieldAliases}, []float64{1}, false); aq != nil {
				return aq, nil
			}
		}
		return bleve.NewMatchNoneQuery(), nil
	}
	return nil, fmt.Errorf("%w: unknown field %q", search.ErrBadQuery, t.Field)
}

// textQuery matches text in any of fields: one token is a term query, more
// (a phrase, a hyphenated word, or the bigrams of a CJK word) must appear
// in order. With pairs, a phrase of exactly two terms is looked up in the
// body, the title and the aliases as one term of their pair fields
// (pairField) instead of comparing positions.
func (s *IndexSearcher) textQuery(text string, fields []string, boosts []float64, pairs bool) query.Query {
	phrase := s.positions(text)
	if len(phrase) == 0 {
		return nil
	}
	single := ""
	if len(phrase) == 1 && len(phrase[0]) == 1 {
		single, phrase = phrase[0][0], nil // one term: a term query
	}
	qs := make([]query.Query, len(fields))
	for i, f := range fields {
		if pair, ok := pairOf(phrase); ok && pairs && pairField[f] != "" {
			tq := bleve.NewTermQuery(pair)
			tq.SetField(pairField[f])
			tq.SetBoost(boosts[i])
			qs[i] = tq
			continue
		}
		if phrase == nil {
			tq := bleve.NewTermQuery(single)
			tq.SetField(f)
			tq.SetBoost(boosts[i])
			qs[i] = tq
			continue
		}
		pq := query.NewMultiPhraseQuery(phrase, f)
		pq.SetBoost(boosts[i])
		qs[i] = pq
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// pairField names the field holding the adjacent term pairs of each
// text field a two-word phrase is looked up in as one term.
var pairField = map[string]string{
	indexer.FieldBody:    indexer.FieldPhrases,
	indexer.FieldTitle:   indexer.FieldTitlePhrases,
	indexer.FieldAliases: indexer.FieldAliasPhrases,
}

// positions analyzes text into its terms by position, from the first: one
// slot per position, nil where a stop word was dropped.
func (s *IndexSearcher) positions(text string) [][]string {
	tokens := s.analyzer.Analyze([]byte(text))
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, tok := range tokens {
		first, last = min(first, tok.Position), max(last, tok.Position)
	}
	out := make([][]string, last-first+1)
	for _, tok := range tokens {
		out[tok.Position-first] = append(out[tok.Position-first], string(tok.Term))
	}
	return out
}

// pairOf returns the phrases-field term of a phrase of two adjacent
// positions with one term each.
func pairOf(phrase [][]string) (string, bool) {
	if len(phrase) != 2 || len(phrase[0]) != 1 || len(phrase[1]) != 1 {
		return "", false
	}
	return phrase[0][0] + indexer.PairSeparator + phrase[1][0], true
}

// keywordValues returns the values of a keyword field equal to v ignoring
// case, so that org:kddi finds "KDDI". The values are read from the field's
// dictionary once per searcher (a generation never changes).
func (s *IndexSearcher) keywordValues(field, v string) ([]string, error) {
	s.mu.Lock()
	all, ok := s.terms[field]
	s.mu.Unlock()
	if !ok {
		entries, err := s.dictEntries(field, "", 0)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			all = append(all, e.term)
		}
		s.mu.Lock()
		s.terms[field] = all
		s.mu.Unlock()
	}
	var out []string
	for _, t := range all {
		if strings.EqualFold(t, v) {
			out = append(out, t)
		}
	}
	return out, nil
}

func toHit(h *bsearch.DocumentMatch, withMatches bool) search.Hit {
	body := firstString(h.Fields[indexer.FieldBody])
	var spans []search.Span
	if withMatches {
		for _, locs := range h.Locations[indexer.FieldBody] {
			for _, l := range locs {
				spans = append(spans, search.Span{Start: int(l.Start), End: int(l.End)})
			}
		}
	}
	hit := search.Hit{
		ID:        h.ID,
		Title:     firstString(h.Fields[indexer.FieldTitle]),
		URL:       firstString(h.Fields[indexer.FieldURL]),
		Lang:      firstString(h.Fields[indexer.FieldLang]),
		Published: firstString(h.Fields[indexer.FieldDay]),
		Snippet:   search.Snippet(body, spans),
		Score:     h.Score,
	}
	for _, f := range search.Registry {
		if f.Single() {
			*f.HitOne(&hit) = firstString(h.Fields[f.Field])
		} else {
			*f.HitList(&hit) = indexer.StoredStrings(h.Fields[f.Field])
		}
	}
	return hit
}

func firstString(v interface{}) string {
	s := indexer.StoredStrings(v)
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
