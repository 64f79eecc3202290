package search

import (
	"fmt"
	"strings"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// normalize checks a request and fills in the defaults (see
// NormalizeRequest): the sort, the page and its size, the date bounds as
// whole days, and each facet filter trimmed and without repeats.
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
	req.From, req.To = DayOf(req.From), DayOf(req.To)
	if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
		return req, fmt.Errorf("%w: date range: from %s is after to %s", ErrBadQuery, req.From.Format(corpus.DateLayout), req.To.Format(corpus.DateLayout))
	}
	for _, f := range Registry {
		p := f.Filter(&req)
		*p = cleanValues(*p)
	}
	return req, nil
}

// ParseRequestQuery parses req.Query strictly, or leniently when the
// request says it is still being typed.
func ParseRequestQuery(req Request) (*Query, error) {
	if req.Typing {
		return ParseQueryTyping(req.Query)
	}
	return ParseQuery(req.Query)
}

// DayOf returns midnight UTC of t's calendar day, as documents store it.
func DayOf(t time.Time) time.Time {
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
