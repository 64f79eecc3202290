package blevesearch

// The "past week / month / year" presets of the search page, with counts.
// An archive of older news would show 0 beside every preset counted back
// from today, so they count back from the newest article instead when
// today is far beyond it.

import (
	"context"
	"fmt"
	"time"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// anchorSlack is how far today may be past the newest article before the
// presets count back from that article rather than from today: a month,
// so a live feed a few days behind still counts from today.
const anchorSlack = 30 * 24 * time.Hour

// RecentCounts counts req's matches (its own dates left out) in the past
// week, month and year, counted back from today or from the newest article
// (see Recent).
func (s *IndexSearcher) RecentCounts(ctx context.Context, req search.Request, today time.Time) (search.Recent, error) {
	today = search.DayOf(today)
	req.From, req.To = time.Time{}, time.Time{}
	req, _, base, err := s.prepare(req)
	if err != nil {
		return search.Recent{}, err
	}
	newest, err := s.newestDay(today)
	if err != nil {
		return search.Recent{}, err
	}
	r := search.Recent{Anchor: today, Newest: newest}
	if !newest.IsZero() && today.Sub(newest) > anchorSlack {
		r.Anchor, r.Anchored = newest, true
	}
	r.Ranges = []search.RecentRange{
		{Name: "week", From: r.Anchor.AddDate(0, 0, -7)},
		{Name: "month", From: r.Anchor.AddDate(0, -1, 0)},
		{Name: "year", From: r.Anchor.AddDate(-1, 0, 0)},
	}
	// One pass over the hits counts the days of the longest range, the
	// same collector Search uses; the shorter ranges are sums over those
	// days.
	req.From, req.To = r.Ranges[2].From, r.Anchor
	o, err := s.ordinals(ctx)
	if err != nil {
		return search.Recent{}, err
	}
	p := o.newPlan(req)
	p.facets, p.only = true, ordDay
	c, err := o.collect(ctx, s, base, p)
	if err != nil {
		return search.Recent{}, fmt.Errorf("recent counts %q: %w", req.Query, err)
	}
	defer c.release()
	days := o.fields[ordDay].values
	for ord, n := range c.counts[ordDay] {
		if n == 0 {
			continue
		}
		d, err := time.Parse(corpus.DateLayout, days[ord])
		if err != nil {
			continue
		}
		for i := range r.Ranges {
			if !d.Before(r.Ranges[i].From) && !d.After(r.Anchor) {
				r.Ranges[i].Count += int(n)
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
	var last string
	err = eachTerm(dict, func(e *index.DictEntry) bool {
		if e.Count > 0 {
			last = e.Term
		}
		return true
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("newest day: %w", err)
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
func (l *Live) RecentCounts(ctx context.Context, req search.Request, today time.Time) (search.Recent, error) {
	g, err := l.acquire()
	if err != nil {
		return search.Recent{}, err
	}
	defer l.put(g)
	return g.searcher.RecentCounts(ctx, req, today)
}
