package search

// Optional capabilities a backend may offer beside Searcher. Front ends
// check for them with a type assertion and fall back to what Searcher
// alone can do.

import (
	"context"
	"html/template"
	"time"
)

// FacetSearcher is an optional extension of Searcher: a backend that
// can list every value of one facet matching a prefix, with its count under
// the request (the facet's own filter left out). Without it, /api/facets
// filters the facet values an ordinary search returns, which only covers the
// values the backend ranks among its top ones.
type FacetSearcher interface {
	FacetValues(ctx context.Context, req Request, facet, prefix string, limit int) ([]FacetValue, error)
}

// RelatedSearcher is an optional extension of Searcher: a backend
// that finds the documents most like one ("more like this", by distinctive
// terms and shared organizations). Without it, the article page ranks the
// documents that share its organizations and places.
type RelatedSearcher interface {
	Related(ctx context.Context, id string, n int) ([]Hit, error)
}

// Highlighter is an optional extension of Searcher: a backend that marks a
// query's words in a document's paragraphs, as its snippets mark them.
type Highlighter interface {
	Highlight(ctx context.Context, id, query string) ([]template.HTML, error)
}

// RecentCounter is an optional extension of Searcher: a backend that
// counts a search's articles in the past week, month and year, anchored to
// its newest article when today is far past it. Without it the presets
// count back from today and show no counts.
type RecentCounter interface {
	RecentCounts(ctx context.Context, req Request, today time.Time) (Recent, error)
}

// Suggester is an optional extension of Searcher: a backend that
// corrects the words of a query it has never seen ("did you mean").
type Suggester interface {
	Suggest(ctx context.Context, query string) (string, error)
}

// Recent counts the articles of a search in the last week, month and year
// before an anchor day.
type Recent struct {
	// Anchor is the day the ranges end on: today, or Newest when today
	// is far past it (Anchored; how far is the backend's rule).
	Anchor   time.Time
	Newest   time.Time // newest publication day in the index; zero if none
	Anchored bool
	// Ranges are the past week, month and year, in that order.
	Ranges []RecentRange
}

// RecentRange is one preset: From to Recent.Anchor, inclusive days.
type RecentRange struct {
	Name  string // "week", "month", "year"
	From  time.Time
	Count int
}
