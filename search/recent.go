package search

// The "past week / month / year" presets of the search page, with counts.
// An archive of older news would show 0 beside every preset counted back
// from today, so they count back from the newest article instead when
// today is far beyond it.

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

// anchorSlack is how far today may be past the newest article before the
// presets count back from that article rather than from today: a month,
// so a live feed a few days behind still counts from today.
const anchorSlack = 30 * 24 * time.Hour

// Recent counts the articles of a search in the last week, month and year
// before an anchor day.
type Recent struct {
	// Anchor is the day the ranges end on: today, or Newest when today
	// is more than anchorSlack past it (Anchored).
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

// RecentCounts counts req's matches (its own dates left out) in the past
// week, month and year, counted back from today or from the newest article
// (see Recent).
func (s *IndexSearcher) RecentCounts(ctx context.Context, req Request, today time.Time) (Recent, error) {
	today = dayOf(today)
	req.From, req.To = time.Time{}, time.Time{}
	req, _, base, err := s.prepare(req)
	if err != nil {
		return Recent{}, err
	}
	newest, err := s.newestDay(today)
	if err != nil {
		return Recent{}, err
	}
	r := Recent{Anchor: today, Newest: newest}
	if !newest.IsZero() && today.Sub(newest) > anchorSlack {
		r.Anchor, r.Anchored = newest, true
	}
	r.Ranges = []RecentRange{
		{Name: "week", From: r.Anchor.AddDate(0, 0, -7)},
		{Name: "month", From: r.Anchor.AddDate(0, -1, 0)},
		{Name: "year", From: r.Anchor.AddDate(-1, 0, 0)},
	}
	// One request counts the days of the longest range; the shorter ones
	// are sums over those days.
	req.From, req.To = r.Ranges[2].From, r.Anchor
	sr := bleve.NewSearchRequestOptions(withFilters(base, req, ""), 0, 0, false)
	sr.AddFacet("day", bleve.NewFacetRequest(indexer.FieldDay, allTerms))
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return Recent{}, fmt.Errorf("recent counts %q: %w", req.Query, err)
	}
	for day, n := range termCounts(res.Facets["day"]) {
		d, err := time.Parse(corpus.DateLayout, day)
		if err != nil {
			continue
		}
		for i := range r.Ranges {
			if !d.Before(r.Ranges[i].From) && !d.After(r.Anchor) {
				r.Ranges[i].Count += n
			}
		}
	}
	return r, nil
}

// newestDay is the latest publication day in the index that is not after
// today (a page dated in the future is a mistake, not news), or zero. The
// day keywords sort as dates, so it is the last dictionary entry.
func (s *IndexSearcher) newestDay(today time.Time) (time.Time, error) {
	dict, err := s.idx.FieldDictRange(indexer.FieldDay, nil, []byte(today.Format(corpus.DateLayout)))
	if err != nil {
		return time.Time{}, fmt.Errorf("newest day: %w", err)
	}
	defer dict.Close()
	var last string
	for {
		e, err := dict.Next()
		if err != nil {
			return time.Time{}, fmt.Errorf("newest day: %w", err)
		}
		if e == nil {
			break
		}
		if e.Count > 0 {
			last = e.Term
		}
	}
	if last == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(corpus.DateLayout, last)
	if err != nil {
		return time.Time{}, nil
	}
	return d, nil
}

// RecentCounts is IndexSearcher.RecentCounts on the current generation.
func (l *Live) RecentCounts(ctx context.Context, req Request, today time.Time) (Recent, error) {
	g, err := l.acquire()
	if err != nil {
		return Recent{}, err
	}
	defer l.put(g)
	return g.searcher.RecentCounts(ctx, req, today)
}
