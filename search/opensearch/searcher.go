package opensearch

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// Searcher answers search.Requests from the index an alias points at. It
// holds no state of its own besides the client, so every request sees the
// index the alias names at that moment: a build's switch is picked up at
// once, with no reload.
type Searcher struct {
	c        *Client
	alias    string
	analyzer analysis.Analyzer
}

// The capabilities the web package asks of a backend beyond Searcher.
var (
	_ search.Searcher        = (*Searcher)(nil)
	_ search.FacetSearcher   = (*Searcher)(nil)
	_ search.RelatedSearcher = (*Searcher)(nil)
)

// NewSearcher returns a Searcher over alias ("" means DefaultAlias).
func NewSearcher(c *Client, alias string) *Searcher {
	if alias == "" {
		alias = DefaultAlias
	}
	return &Searcher{c: c, alias: alias, analyzer: indexer.NewMapping().AnalyzerNamed(indexer.TextAnalyzer)}
}

// maxWindow is OpenSearch's default index.max_result_window: from+size past
// it is refused, so deeper pages are reached with search_after. A variable
// so that a test can page past it on a small index.
var maxWindow = 10000

// Highlighting: a window of about the size of the bleve backend's snippet,
// the article text HTML-escaped by the highlighter (encoder html) and the
// matches in <mark>.
const snippetChars = 220

// searchPath is the _search endpoint of the alias. Partial results are
// refused: a search that lost a shard fails (503) rather than answering
// with counts that silently miss documents.
func (s *Searcher) searchPath() string {
	return "/" + url.PathEscape(s.alias) + "/_search?allow_partial_search_results=false"
}

// wrap names the operation and turns a missing index into search.ErrNoIndex.
func (s *Searcher) wrap(op string, err error) error {
	if status, typ := statusOf(err); status == http.StatusNotFound && typ == "index_not_found_exception" {
		return fmt.Errorf("%s: %w: no index %q in the cluster yet (run policysearch index --backend opensearch): %w", op, search.ErrNoIndex, s.alias, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Facet aggregations, one per terms facet: the index field, the ticked
// values and where the counts go.
type facetAgg struct {
	name   string
	field  string
	ticked []string
	out    *[]search.FacetValue
}

// filters returns the term filters of the facets with ticked values, all
// but the one on skip ("" skips none).
func filters(facets []facetAgg, skip string) []any {
	out := []any{}
	for _, f := range facets {
		if f.field != skip && len(f.ticked) > 0 {
			out = append(out, map[string]any{"terms": map[string]any{f.field: f.ticked}})
		}
	}
	return out
}

// dateRange is the inclusive-days filter on published, or nil. Bounds past
// the four-digit years a date field parses are clamped, which keeps their
// meaning: no article is dated there, and the filter still leaves undated
// articles out.
func dateRange(from, to time.Time) any {
	if from.IsZero() && to.IsZero() {
		return nil
	}
	first, last := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	r := map[string]any{"format": "strict_date"}
	clamp := func(t time.Time) string {
		switch {
		case t.Before(first):
			t = first
		case t.After(last):
			t = last
		}
		return t.Format(corpus.DateLayout)
	}
	if !from.IsZero() {
		r["gte"] = clamp(from)
	}
	if !to.IsZero() {
		r["lte"] = clamp(to) // published is midnight UTC of its day
	}
	return map[string]any{"range": map[string]any{fieldPublished: r}}
}

// sortOrder is the order of the hits; the id breaks ties, as bleve's
// document-id sort does, so that pages never overlap.
func sortOrder(s search.Sort) []any {
	id := map[string]any{fieldID: "asc"}
	date := func(order string) any {
		return map[string]any{fieldPublished: map[string]any{"order": order, "missing": "_last"}}
	}
	switch s {
	case search.SortNewest:
		return []any{date("desc"), id}
	case search.SortOldest:
		return []any{date("asc"), id}
	}
	return []any{map[string]any{"_score": "desc"}, id}
}

// prepared is a request checked, parsed and translated.
type prepared struct {
	req    search.Request
	q      *search.Query
	query  map[string]any // the query with the date filter, before facet filters
	facets []facetAgg
}

func (s *Searcher) prepare(ctx context.Context, req search.Request, res *search.Result) (*prepared, error) {
	req, err := search.NormalizeRequest(req)
	if err != nil {
		return nil, err
	}
	q, err := search.ParseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	t := &translator{analyzer: s.analyzer}
	if err := s.resolveNames(ctx, q, t); err != nil {
		return nil, err
	}
	boolQ := map[string]any{"must": []any{t.dsl(q)}}
	if dr := dateRange(req.From, req.To); dr != nil {
		boolQ["filter"] = []any{dr}
	}
	if req.Sort == search.SortRelevance && !q.HasWords() {
		// Without words every article scores alike: list the newest
		// first, as the bleve backend does.
		req.Sort = search.SortNewest
	}
	p := &prepared{req: req, q: q, query: map[string]any{"bool": boolQ}}
	// One aggregation per facet of the registry; its index field is the
	// same keyword field in both backends.
	for _, f := range search.Registry {
		var out *[]search.FacetValue
		if res != nil {
			out = f.Values(&res.Facets)
		}
		p.facets = append(p.facets, facetAgg{f.Name, f.Field, *f.Filter(&req), out})
	}
	return p, nil
}

// postFilter is every facet filter: it narrows the hits and the total but
// not the aggregations, which add the filters they need themselves.
func (p *prepared) postFilter() any {
	f := filters(p.facets, "")
	if len(f) == 0 {
		return nil
	}
	return map[string]any{"bool": map[string]any{"filter": f}}
}

// filterAgg wraps aggs in a filter aggregation over fs (match_all when empty).
func filterAgg(fs []any, aggs map[string]any) map[string]any {
	var filter any = map[string]any{"match_all": map[string]any{}}
	if len(fs) > 0 {
		filter = map[string]any{"bool": map[string]any{"filter": fs}}
	}
	return map[string]any{"filter": filter, "aggs": aggs}
}

// termsAgg counts a keyword field's values, most frequent first and equal
// counts by value, as the bleve backend orders them. shard_size asks each
// shard for more than the top values so that the merged counts of the top
// are exact on the sizes this project runs (see docs/scale-out.md).
func termsAgg(field string, size int) map[string]any {
	return map[string]any{"terms": map[string]any{
		"field":      field,
		"size":       size,
		"shard_size": size*4 + 50,
		"order":      []any{map[string]any{"_count": "desc"}, map[string]any{"_key": "asc"}},
	}}
}

// dateAgg counts the matches by month or day. It carries every facet
// filter: the histogram is not multi-select.
func (p *prepared) dateAgg(days bool) map[string]any {
	interval := "month"
	if days {
		interval = "day"
	}
	return filterAgg(filters(p.facets, ""), map[string]any{"h": map[string]any{"date_histogram": map[string]any{
		"field":             fieldPublished,
		"calendar_interval": interval,
		"min_doc_count":     1,
		"format":            "yyyy-MM-dd", // Java's pattern for corpus.DateLayout
	}}})
}

// The answer's parts this package reads.
type hitsJSON struct {
	Total struct {
		Value uint64 `json:"value"`
	} `json:"total"`
	Hits []struct {
		ID        string              `json:"_id"`
		Score     float64             `json:"_score"`
		Source    json.RawMessage     `json:"_source"`
		Highlight map[string][]string `json:"highlight"`
		Sort      []any               `json:"sort"`
	} `json:"hits"`
}

// bucketJSON is a bucket of a terms aggregation (Key) or a date_histogram
// (KeyAsString; its key is a number).
type bucketJSON struct {
	Key         any    `json:"key"`
	KeyAsString string `json:"key_as_string"`
	DocCount    int    `json:"doc_count"`
}

type searchJSON struct {
	Hits         hitsJSON                   `json:"hits"`
	Aggregations map[string]json.RawMessage `json:"aggregations"`
}

// Search runs one request in one round trip (two when the histogram turns
// out to need days, one more to check org:/place:/person:/source: names):
// the query narrowed by the facet filters as a post_filter gives the hits
// and the total; each terms facet is a filter aggregation carrying the
// other facets' filters (multi-select faceting); the histogram is a
// date_histogram under every filter.
func (s *Searcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	began := time.Now()
	res := &search.Result{Hits: []search.Hit{}}
	res.Facets = search.Facets{Organizations: []search.FacetValue{}, Places: []search.FacetValue{}, People: []search.FacetValue{}, Sources: []search.FacetValue{}, Published: []search.DateBucket{}}
	p, err := s.prepare(ctx, req, res)
	if err != nil {
		return nil, err
	}
	req = p.req
	res.Page, res.Size = req.Page, req.Size

	aggs := map[string]any{}
	for _, f := range p.facets {
		sub := map[string]any{"top": termsAgg(f.field, search.FacetSize)}
		if len(f.ticked) > 0 {
			// The ticked values' counts, which a page shows whatever their rank.
			sub["ticked"] = map[string]any{"terms": map[string]any{"field": f.field, "include": f.ticked, "size": len(f.ticked)}}
		}
		aggs[f.name] = filterAgg(filters(p.facets, f.field), sub)
	}
	daysFirst := search.HistogramNeedsDaysFirst(req.From, req.To)
	aggs["published"] = p.dateAgg(daysFirst)

	body := map[string]any{
		"query":            p.query,
		"size":             req.Size,
		"track_total_hits": true,
		"sort":             sortOrder(req.Sort),
		"_source":          []string{indexer.FieldTitle, indexer.FieldURL, indexer.FieldSource, indexer.FieldLang, indexer.FieldDay, indexer.FieldOrg, indexer.FieldPlace, indexer.FieldPerson},
		"highlight": map[string]any{
			"encoder":   "html",
			"pre_tags":  []string{"<mark>"},
			"post_tags": []string{"</mark>"},
			"fields": map[string]any{indexer.FieldBody: map[string]any{
				"type":                "unified",
				"fragment_size":       snippetChars,
				"number_of_fragments": 1,
				"no_match_size":       snippetChars,
			}},
		},
		"aggs": aggs,
	}
	if pf := p.postFilter(); pf != nil {
		body["post_filter"] = pf
	}
	from := (req.Page - 1) * req.Size
	if from+req.Size <= maxWindow {
		body["from"] = from
	} else {
		after, err := s.seek(ctx, p, from)
		if err != nil {
			return nil, err
		}
		if after == nil {
			// Fewer hits than the page starts at: an empty page with the
			// counts, as from/size gives.
			body["size"] = 0
		} else {
			body["search_after"] = after
		}
	}
	var out searchJSON
	if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
		return nil, s.wrap(fmt.Sprintf("search %q", req.Query), err)
	}
	res.Total = out.Hits.Total.Value
	for _, h := range out.Hits.Hits {
		hit, err := toHit(h.ID, h.Score, h.Source, h.Highlight[indexer.FieldBody])
		if err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, hit)
	}
	for _, f := range p.facets {
		var agg struct {
			Top    struct{ Buckets []bucketJSON } `json:"top"`
			Ticked struct{ Buckets []bucketJSON } `json:"ticked"`
		}
		if err := json.Unmarshal(out.Aggregations[f.name], &agg); err != nil {
			return nil, fmt.Errorf("search %q: facet %s: %w", req.Query, f.name, err)
		}
		*f.out = withTicked(values(agg.Top.Buckets), values(agg.Ticked.Buckets), f.ticked)
	}
	if res.Total > 0 {
		res.Facets.Published, err = s.histogram(ctx, p, out.Aggregations["published"], daysFirst)
		if err != nil {
			return nil, err
		}
	}
	res.Took = time.Since(began)
	return res, nil
}

// values turns terms buckets into facet values (counts above zero).
func values(bs []bucketJSON) []search.FacetValue {
	out := []search.FacetValue{}
	for _, b := range bs {
		if k, ok := b.Key.(string); ok && b.DocCount > 0 {
			out = append(out, search.FacetValue{Value: k, Count: b.DocCount})
		}
	}
	return out
}

// withTicked adds to the top values of a facet the ticked ones it lacks, in
// the order they were ticked, with their counts (0 when no article has
// them): a page shows every ticked value, checked, whatever its rank. The
// same rule as the bleve backend's.
func withTicked(top, ticked []search.FacetValue, want []string) []search.FacetValue {
	out := top
	for _, t := range want {
		if slices.ContainsFunc(out, func(v search.FacetValue) bool { return v.Value == t }) {
			continue
		}
		v := search.FacetValue{Value: t}
		if i := slices.IndexFunc(ticked, func(v search.FacetValue) bool { return v.Value == t }); i >= 0 {
			v = ticked[i]
		}
		out = append(out, v)
	}
	return out
}

// histogram turns the date aggregation into bars with the bleve backend's
// bucket rule, counting days in a second request when the months show a
// span short enough for day or week bars.
func (s *Searcher) histogram(ctx context.Context, p *prepared, raw json.RawMessage, days bool) ([]search.DateBucket, error) {
	counts, err := dateCounts(raw)
	if err != nil {
		return nil, fmt.Errorf("date histogram: %w", err)
	}
	if days {
		return search.HistogramFromDays(p.req.From, p.req.To, counts), nil
	}
	bars, needDays := search.HistogramFromMonths(p.req.From, p.req.To, counts)
	if !needDays {
		return bars, nil
	}
	body := map[string]any{"query": p.query, "size": 0, "track_total_hits": false, "aggs": map[string]any{"published": p.dateAgg(true)}}
	var out searchJSON
	if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
		return nil, s.wrap("date histogram by day", err)
	}
	if counts, err = dateCounts(out.Aggregations["published"]); err != nil {
		return nil, fmt.Errorf("date histogram: %w", err)
	}
	return search.HistogramFromDays(p.req.From, p.req.To, counts), nil
}

func dateCounts(raw json.RawMessage) ([]search.DayCount, error) {
	var agg struct {
		H struct{ Buckets []bucketJSON } `json:"h"`
	}
	if len(raw) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &agg); err != nil {
		return nil, err
	}
	out := make([]search.DayCount, 0, len(agg.H.Buckets))
	for _, b := range agg.H.Buckets {
		day, err := time.Parse(corpus.DateLayout, b.KeyAsString)
		if err != nil {
			return nil, fmt.Errorf("bucket %q: %w", b.KeyAsString, err)
		}
		if b.DocCount > 0 {
			out = append(out, search.DayCount{Day: day, Count: b.DocCount})
		}
	}
	return out, nil
}

// seek walks the hits in sort order with search_after, reading only their
// sort keys, and returns the key of the hit before position from (nil when
// there are fewer hits). Pages past OpenSearch's result window are reached
// this way; they are rare (MaxPage × MaxSize caps them at 100,000) and cost
// one light request per 10,000 hits skipped.
func (s *Searcher) seek(ctx context.Context, p *prepared, from int) ([]any, error) {
	var after []any
	for skipped := 0; skipped < from; {
		n := min(maxWindow, from-skipped)
		body := map[string]any{
			"query":            p.query,
			"size":             n,
			"sort":             sortOrder(p.req.Sort),
			"_source":          false,
			"track_total_hits": false,
		}
		if pf := p.postFilter(); pf != nil {
			body["post_filter"] = pf
		}
		if after != nil {
			body["search_after"] = after
		}
		var out searchJSON
		if err := s.c.do(ctx, http.MethodPost, s.searchPath(), body, &out); err != nil {
			return nil, s.wrap("search_after to a deep page", err)
		}
		hs := out.Hits.Hits
		if len(hs) < n {
			return nil, nil
		}
		after = hs[len(hs)-1].Sort
		skipped += n
	}
	return after, nil
}

// hitSource is the part of _source a result list shows.
type hitSource struct {
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Source string   `json:"source"`
	Lang   string   `json:"lang"`
	Day    string   `json:"day"`
	Org    []string `json:"org"`
	Place  []string `json:"place"`
	Person []string `json:"person"`
}

func toHit(id string, score float64, raw json.RawMessage, fragments []string) (search.Hit, error) {
	var src hitSource
	if err := json.Unmarshal(raw, &src); err != nil {
		return search.Hit{}, fmt.Errorf("hit %s: %w", id, err)
	}
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	h := search.Hit{
		ID:            id,
		Title:         src.Title,
		URL:           src.URL,
		Source:        src.Source,
		Lang:          src.Lang,
		Published:     src.Day,
		Organizations: nonNil(src.Org),
		Places:        nonNil(src.Place),
		People:        nonNil(src.Person),
		Score:         score,
	}
	if len(fragments) > 0 {
		// The highlighter's encoder html escapes the article text; the only
		// markup in a fragment is the <mark> this package asked for.
		h.Snippet = template.HTML(fragments[0])
	}
	return h, nil
}

// Document returns one stored document, or an error wrapping
// search.ErrNotFound.
func (s *Searcher) Document(ctx context.Context, id string) (*corpus.Document, error) {
	var out struct {
		Found  bool           `json:"found"`
		Source map[string]any `json:"_source"`
	}
	err := s.c.do(ctx, http.MethodGet, "/"+url.PathEscape(s.alias)+"/_doc/"+url.PathEscape(id), nil, &out)
	if status, typ := statusOf(err); status == http.StatusNotFound && typ == "" {
		return nil, fmt.Errorf("document %q: %w", id, search.ErrNotFound)
	}
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("document %q", id), err)
	}
	if !out.Found {
		return nil, fmt.Errorf("document %q: %w", id, search.ErrNotFound)
	}
	return indexer.FromStored(id, out.Source)
}
