package search

// The "past week / month / year" presets of the search page, with counts.
// An archive of older news would show 0 beside every preset counted back
// from today, so they count back from the newest article instead when
// today is far beyond it.

import (
	"context"
	"fmt"
	"time"

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
	// One pass over the hits counts the days of the longest range, the
	// same collector Search uses; the shorter ranges are sums over those
	// days.
	req.From, req.To = r.Ranges[2].From, r.Anchor
	o, err := s.ordinals(ctx)
	if err != nil {
		return Recent{}, err
	}
	p := o.newPlan(req)
	p.facets, p.only = true, ordDay
	c, err := o.collect(ctx, s, base, p)
	if err != nil {
		return Recent{}, fmt.Errorf("recent counts %q: %w", req.Query, err)
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
