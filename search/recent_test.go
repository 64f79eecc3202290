package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// TestRecentCounts: the presets count back from today while the archive is
// current, and from its newest article when today is far past it.
func TestRecentCounts(t *testing.T) {
	s, _ := newTestSearcher(t)
	day := func(s string) time.Time {
		d, err := time.Parse(corpus.DateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name     string
		req      search.Request
		today    string
		anchor   string
		anchored bool
		counts   [3]int // week, month, year; -1: as Search counts it
	}{
		// Newest is 2024-03-05: on 2024-03-10 the presets count from today.
		{"current archive", search.Request{}, "2024-03-10", "2024-03-10", false, [3]int{1, 2, 10}},
		// Years later they count back from 2024-03-05 instead of showing 0.
		{"old archive", search.Request{}, "2026-11-29", "2024-03-05", true, [3]int{1, 2, 10}},
		// A page dated after today is not the newest article.
		{"future pages ignored", search.Request{}, "2024-02-12", "2024-02-12", false, [3]int{1, 2, 9}},
		// The counts follow the search, and ignore its own dates.
		{"under a search", search.Request{Query: "KDDI", From: day("2020-01-01"), To: day("2020-01-02")}, "2026-11-29", "2024-03-05", true, [3]int{-1, -1, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := s.RecentCounts(context.Background(), tt.req, day(tt.today))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Anchor.Format(corpus.DateLayout); got != tt.anchor || r.Anchored != tt.anchored {
				t.Errorf("anchor = %s (anchored %v), want %s (%v)", got, r.Anchored, tt.anchor, tt.anchored)
			}
			var got [3]int
			for i, rg := range r.Ranges {
				got[i] = rg.Count
				if tt.counts[i] == -1 {
					req := tt.req
					req.From, req.To = rg.From, r.Anchor
					res, err := s.Search(context.Background(), req)
					if err != nil {
						t.Fatal(err)
					}
					tt.counts[i] = int(res.Total)
				}
			}
			if got != tt.counts {
				t.Errorf("week, month, year = %v, want %v", got, tt.counts)
			}
		})
	}
}
