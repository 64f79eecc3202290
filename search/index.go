package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

// FacetSize is how many values each terms facet returns, most frequent first.
const FacetSize = 30

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
	terms   map[string][]string // keyword field → its values, for case-insensitive field:value
	facets  *byteCache[Facets]  // facetKey → counts, so paging and sorting skip the facets
	results *byteCache[*Result] // resultKey → a whole answer, for repeated requests
	ords    *ordinals           // loaded by the first search or Warm
	closed  bool
}

var _ Searcher = (*IndexSearcher)(nil)

// NewIndexSearcher returns a Searcher over idx. The index must not change
// while the searcher is used (a generation never does): facet counts and
// facet values are cached. The index is not closed by the searcher; its
// owner closes it after the last search.
func NewIndexSearcher(idx bleve.Index) *IndexSearcher {
	return &IndexSearcher{
		idx:      idx,
		analyzer: idx.Mapping().AnalyzerNamed(indexer.TextAnalyzer),
		terms:    make(map[string][]string),
		facets:   newByteCache[Facets](facetCacheBytes),
		results:  newByteCache[*Result](resultCacheBytes),
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
		return nil, fmt.Errorf("%w: the searcher is closed", ErrNoIndex)
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
	for _, f := range []string{indexer.FieldOrg, indexer.FieldPlace, indexer.FieldPerson, indexer.FieldSource} {
		if _, err := s.keywordValues(f, ""); err != nil {
			return err
		}
	}
	_, err := s.Search(ctx, Request{Query: "the state"})
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
func facetKey(q *Query, req Request) string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(corpus.DateLayout)
	}
	return fmt.Sprintf("%q %q %q %q %q %s %s", q.String(), req.Orgs, req.Places, req.People, req.Sources, day(req.From), day(req.To))
}

func (s *IndexSearcher) cachedFacets(key string) (Facets, bool) {
	f, ok := s.facets.get(key)
	return f.clone(), ok
}

func (s *IndexSearcher) cacheFacets(key string, f Facets) {
	s.facets.put(key, f.clone(), sizeOfFacets(f))
}

// clone copies the slices so that a caller changing its Result cannot
// change the cache.
func (f Facets) clone() Facets {
	return Facets{
		Organizations: append([]FacetValue{}, f.Organizations...),
		Places:        append([]FacetValue{}, f.Places...),
		People:        append([]FacetValue{}, f.People...),
		Sources:       append([]FacetValue{}, f.Sources...),
		Published:     append([]DateBucket{}, f.Published...),
	}
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
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	return indexer.FromStored(id, res.Hits[0].Fields)
}

// normalize checks a request and fills in the defaults.
func normalize(req Request) (Request, error) {
	switch req.Sort {
	case "":
		req.Sort = SortRelevance
	case SortRelevance, SortNewest, SortOldest:
	default:
		return req, fmt.Errorf("%w: sort %q: use relevance, newest or oldest", ErrBadQuery, req.Sort)
	}
	switch {
	case req.Size == 0:
		req.Size = DefaultSize
	case req.Size < 0 || req.Size > MaxSize:
		return req, fmt.Errorf("%w: size %d: must be between 1 and %d", ErrBadQuery, req.Size, MaxSize)
	}
	switch {
	case req.Page == 0:
		req.Page = 1
	case req.Page < 0 || req.Page > MaxPage:
		return req, fmt.Errorf("%w: page %d: must be between 1 and %d", ErrBadQuery, req.Page, MaxPage)
	}
	req.From, req.To = dayOf(req.From), dayOf(req.To)
	if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
		return req, fmt.Errorf("%w: date range: from %s is after to %s", ErrBadQuery, req.From.Format(corpus.DateLayout), req.To.Format(corpus.DateLayout))
	}
	req.Orgs, req.Places, req.People, req.Sources = cleanValues(req.Orgs), cleanValues(req.Places), cleanValues(req.People), cleanValues(req.Sources)
	return req, nil
}

// dayOf returns midnight UTC of t's calendar day, as documents store it.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func cleanValues(vs []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Search runs one request in a single pass over the hits of its query (see
// collect): the facet filters and the date range are applied in memory, so
// the same pass gives the page of hits, the total, every facet's counts
// (a filtered facet counted with its own filter left out: multi-select) and
// the day counts of the histogram. Stored fields and match positions are
// then read for the page's hits only.
func (s *IndexSearcher) Search(ctx context.Context, req Request) (*Result, error) {
	began := time.Now()
	req, q, base, err := s.prepare(req)
	if err != nil {
		return nil, err
	}
	o, err := s.ordinals(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{Page: req.Page, Size: req.Size, Hits: []Hit{}}
	p := o.newPlan(req)
	if p.order == SortRelevance && !q.HasWords() {
		// Without words every article scores alike: list the newest first.
		p.order = SortNewest
	}
	p.k = req.Page * req.Size
	// The same request again is answered from the result cache; the next
	// page or another order of the same search reuses the counts.
	key := facetKey(q, req)
	rkey := resultKey(key, req)
	if r, ok := s.results.get(rkey); ok {
		res = r.clone()
		res.Took = time.Since(began)
		return res, nil
	}
	cached, haveFacets := s.cachedFacets(key)
	p.facets = !haveFacets
	c, err := o.collect(ctx, s, base, p)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	res.Total = c.total
	if haveFacets {
		res.Facets = cached
	} else {
		res.Facets = Facets{
			Organizations: o.facetList(ordOrg, c.counts[ordOrg], c.candidates(ordOrg), req.Orgs, FacetSize),
			Places:        o.facetList(ordPlace, c.counts[ordPlace], c.candidates(ordPlace), req.Places, FacetSize),
			People:        o.facetList(ordPerson, c.counts[ordPerson], c.candidates(ordPerson), req.People, FacetSize),
			Sources:       o.facetList(ordSource, c.counts[ordSource], c.candidates(ordSource), req.Sources, FacetSize),
			Published:     []DateBucket{},
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
	s.results.put(rkey, res.clone(), sizeOfResult(res))
	res.Took = time.Since(began)
	return res, nil
}

// facetList is a facet's most frequent values, at most k (ties by value),
// plus the ticked ones, which a page must show (checked) whatever their
// rank; a ticked value no article matches is listed with count 0.
func (o *ordinals) facetList(field int, counts, candidates []uint32, ticked []string, k int) []FacetValue {
	out := []FacetValue{}
	if counts == nil {
		return out
	}
	f := o.fields[field]
	for _, ord := range topOrdsOf(counts, k, candidates) {
		out = append(out, FacetValue{Value: f.values[ord], Count: int(counts[ord])})
	}
	for _, t := range ticked {
		if slices.ContainsFunc(out, func(v FacetValue) bool { return v.Value == t }) {
			continue
		}
		v := FacetValue{Value: t}
		if ord, ok := f.byName[t]; ok {
			v.Count = int(counts[ord])
		}
		out = append(out, v)
	}
	return out
}

// histogram turns the day counts of the hits into bars: by month, week,
// day or year as the span asks.
func (o *ordinals) histogram(req Request, dayCounts []uint32) []DateBucket {
	days := o.fields[ordDay].values
	var counts []dayCount
	for ord, n := range dayCounts {
		if n == 0 {
			continue
		}
		t, err := time.Parse(corpus.DateLayout, days[ord])
		if err != nil {
			continue
		}
		counts = append(counts, dayCount{Day: t, Count: int(n)})
	}
	if len(counts) == 0 {
		return []DateBucket{}
	}
	// Days are in dictionary order, which is date order. The bucket size
	// follows the span in whole months (so a year of data shows as months
	// from the first of a month), and the days' own span when that is
	// short enough for day or week bars, or when the filter says so.
	first, last := counts[0].Day, counts[len(counts)-1].Day
	if req.From.IsZero() || req.To.IsZero() || !unitFor(req.From, req.To).needsDays() {
		monthFirst := bucketStart(unitMonth, first)
		monthLastEnd := nextBucket(unitMonth, bucketStart(unitMonth, last)).AddDate(0, 0, -1)
		if u, lo, hi := histogramPlan(req.From, req.To, monthFirst, monthLastEnd); !u.needsDays() {
			return histogram(u, lo, hi, req.From, req.To, counts)
		}
	}
	u, lo, hi := histogramPlan(req.From, req.To, first, last)
	return histogram(u, lo, hi, req.From, req.To, counts)
}

// prepare checks req and parses its query into the base bleve query, before
// any filter: where Search and FacetValues both start.
func (s *IndexSearcher) prepare(req Request) (Request, *Query, query.Query, error) {
	req, err := normalize(req)
	if err != nil {
		return req, nil, nil, err
	}
	q, err := parseRequestQuery(req)
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
func (s *IndexSearcher) buildQuery(q *Query) (query.Query, error) {
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
func (s *IndexSearcher) wordPairs(q *Query) []query.Query {
	var out []query.Query
	prev := ""
	for _, c := range q.Clauses {
		term := ""
		if !c.Not && len(c.Any) == 1 && c.Any[0].Field == FieldAny && !c.Any[0].Phrase {
			if toks := s.analyzer.Analyze([]byte(c.Any[0].Text)); len(toks) == 1 {
				term = string(toks[0].Term)
			}
		}
		if prev != "" && term != "" {
			tq := bleve.NewTermQuery(prev + indexer.PairSeparator + term)
			tq.SetField(indexer.FieldPhrases)
			tq.SetBoost(boostPair)
			out = append(out, tq)
		}
		prev = term
	}
	return out
}

func (s *IndexSearcher) termQuery(t Term) (query.Query, error) {
	if t.Prefix {
		return s.prefixTermQuery(t) // typing.go
	}
	switch t.Field {
	case FieldAny:
		return s.textQuery(t.Text, []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldAliases}, []float64{boostTitle, boostBody, boostAliases}, true), nil
	case FieldTitle:
		return s.textQuery(t.Text, []string{indexer.FieldTitle}, []float64{1}, false), nil
	case FieldBody:
		return s.textQuery(t.Text, []string{indexer.FieldBody}, []float64{1}, false), nil
	case FieldLang:
		return anyTerm(indexer.FieldLang, []string{strings.ToLower(t.Text)}), nil
	case FieldOrg, FieldPlace, FieldPerson, FieldSource:
		field := map[string]string{FieldOrg: indexer.FieldOrg, FieldPlace: indexer.FieldPlace, FieldPerson: indexer.FieldPerson, FieldSource: indexer.FieldSource}[t.Field]
		values, err := s.keywordValues(field, t.Text)
		if err != nil {
			return nil, err
		}
		if len(values) > 0 {
			return anyTerm(field, values), nil
		}
		if t.Field != FieldSource {
			// Not a canonical name: try it as another name of an entity
			// (org:MSIT), through the aliases every document carries.
			if aq := s.textQuery(t.Text, []string{indexer.FieldAliases}, []float64{1}, false); aq != nil {
				return aq, nil
			}
		}
		return bleve.NewMatchNoneQuery(), nil
	}
	return nil, fmt.Errorf("%w: unknown field %q", ErrBadQuery, t.Field)
}

// textQuery matches text in any of fields: one token is a term query, more
// (a phrase, a hyphenated word, or the bigrams of a CJK word) must appear
// in order. With pairs, a phrase of exactly two terms is looked up in the
// body as one term of the phrases field instead of comparing positions.
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
		if pair, ok := pairOf(phrase); ok && pairs && f == indexer.FieldBody {
			tq := bleve.NewTermQuery(pair)
			tq.SetField(indexer.FieldPhrases)
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
		dict, err := s.idx.FieldDict(field)
		if err != nil {
			return nil, fmt.Errorf("read values of %s: %w", field, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return nil, fmt.Errorf("read values of %s: %w", field, err)
			}
			if e == nil {
				break
			}
			all = append(all, e.Term)
		}
		if err := dict.Close(); err != nil {
			return nil, fmt.Errorf("read values of %s: %w", field, err)
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

func toHit(h *bsearch.DocumentMatch, withMatches bool) Hit {
	body := firstString(h.Fields[indexer.FieldBody])
	var spans []span
	if withMatches {
		for _, locs := range h.Locations[indexer.FieldBody] {
			for _, l := range locs {
				spans = append(spans, span{Start: int(l.Start), End: int(l.End)})
			}
		}
	}
	return Hit{
		ID:            h.ID,
		Title:         firstString(h.Fields[indexer.FieldTitle]),
		URL:           firstString(h.Fields[indexer.FieldURL]),
		Source:        firstString(h.Fields[indexer.FieldSource]),
		Lang:          firstString(h.Fields[indexer.FieldLang]),
		Published:     firstString(h.Fields[indexer.FieldDay]),
		Snippet:       snippet(body, spans),
		Organizations: indexer.StoredStrings(h.Fields[indexer.FieldOrg]),
		Places:        indexer.StoredStrings(h.Fields[indexer.FieldPlace]),
		People:        indexer.StoredStrings(h.Fields[indexer.FieldPerson]),
		Score:         h.Score,
	}
}

func firstString(v interface{}) string {
	s := indexer.StoredStrings(v)
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
