package search

import (
	"fmt"
	"strings"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// ParseDay reads a date bound as a person types it: YYYY-MM-DD, or a whole
// month (YYYY-MM) or year (YYYY), which as a lower bound means its first day
// and as an upper bound (end true) its last, so "--from 2023-05 --to
// 2023-05" is May 2023. Empty gives the zero time (no bound). Errors wrap
// ErrBadQuery.
func ParseDay(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{corpus.DateLayout, func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		if end {
			t = f.next(t)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%w: %q is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY)", ErrBadQuery, s)
}
