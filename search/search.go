// Package search answers queries over the live index: it parses the query
// syntax, applies organization, place, person, source and date filters,
// computes multi-select facets and a date histogram, highlights snippets
// safely and pages the hits. It returns its own Result types, never bleve's,
// behind the Searcher interface, so that another backend can be added later
// without touching the web package.
package search

import (
	"context"
	"errors"
	"html/template"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// Named errors; callers check them with errors.Is and the web package maps
// them to HTTP status codes in one place.
var (
	// ErrBadQuery: the query syntax or a parameter is malformed (HTTP 400).
	ErrBadQuery = errors.New("bad query")
	// ErrNotFound: no document has the requested id (HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrNoIndex: there is no live index to search yet (HTTP 503).
	ErrNoIndex = errors.New("no index")
)

// Sort orders the hits.
type Sort string

// The sort orders a Request may ask for.
const (
	SortRelevance Sort = "relevance"
	SortNewest    Sort = "newest"
	SortOldest    Sort = "oldest"
)

// Limits on paging, so that one request cannot ask for the whole index.
const (
	DefaultSize = 10
	MaxSize     = 100
	MaxPage     = 1000
)

// Request is one search: a query in the syntax of ParseQuery plus filters.
// Values inside one filter are OR-ed; filters are AND-ed.
type Request struct {
	Query   string
	Orgs    []string
	Places  []string
	People  []string
	Sources []string
	// From and To bound the publication day, inclusive; zero means open.
	From, To time.Time
	Sort     Sort
	// Page counts from 1; Size is hits per page.
	Page, Size int
	// Typing reads Query as ParseQueryTyping does, for results shown
	// while the query is still being typed: a half-written query is never
	// an error and its last word also matches as a prefix.
	Typing bool
}

// Result is one page of hits with the facet counts for the whole match.
type Result struct {
	Total  uint64        `json:"total"`
	Took   time.Duration `json:"-"`
	Page   int           `json:"page"`
	Size   int           `json:"size"`
	Hits   []Hit         `json:"hits"`
	Facets Facets        `json:"facets"`
}

// Response is the JSON answer of /api/search and of `policysearch search
// --json`, one type so that the two cannot drift apart: the Result with the
// time taken in milliseconds, which Result itself keeps as a Duration.
type Response struct {
	Total  uint64  `json:"total"`
	TookMS float64 `json:"took_ms"`
	Page   int     `json:"page"`
	Size   int     `json:"size"`
	Hits   []Hit   `json:"hits"`
	Facets Facets  `json:"facets"`
}

// NewResponse returns the JSON answer for res.
func NewResponse(res *Result) Response {
	return Response{
		Total:  res.Total,
		TookMS: float64(res.Took.Microseconds()) / 1000,
		Page:   res.Page,
		Size:   res.Size,
		Hits:   res.Hits,
		Facets: res.Facets,
	}
}

// Hit is one matching document as a result list shows it.
type Hit struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Source string `json:"source"`
	// Lang is the article's language ("en", "ko", "ja") or "": pages mark
	// the title and snippet with it so CJK text gets the right font. Not in
	// the JSON, whose hit fields are fixed by the API contract.
	Lang string `json:"-"`
	// Published is YYYY-MM-DD or "".
	Published string `json:"published"`
	// Snippet is HTML: article text escaped, matches wrapped in <mark>.
	Snippet       template.HTML `json:"snippet"`
	Organizations []string      `json:"organizations"`
	Places        []string      `json:"places"`
	People        []string      `json:"people"`
	Score         float64       `json:"score"`
}

// Facets holds the counts beside every filter choice. Each facet's counts are
// computed with that facet's own filter left out (multi-select faceting).
type Facets struct {
	Organizations []FacetValue `json:"organizations"`
	Places        []FacetValue `json:"places"`
	People        []FacetValue `json:"people"`
	Sources       []FacetValue `json:"sources"`
	Published     []DateBucket `json:"published"`
}

// FacetValue is one choice in a terms facet.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// DateBucket is one bar of the publication-date histogram. From and To are
// inclusive days (YYYY-MM-DD) so that they can be used as filters directly.
type DateBucket struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Searcher is what the web and command-line front ends need from a backend.
type Searcher interface {
	// Search runs one request. Malformed queries give an error wrapping ErrBadQuery.
	Search(ctx context.Context, req Request) (*Result, error)
	// Document returns one stored document, or an error wrapping ErrNotFound.
	Document(ctx context.Context, id string) (*corpus.Document, error)
}
