package search

import (
	"errors"
	"time"
)

// ErrUnavailable: the backend cannot answer now — a search cluster that is
// down, red, overloaded or refusing requests (HTTP 503, never 500). Backends
// wrap the cause.
var ErrUnavailable = errors.New("search backend unavailable")

// What every backend shares besides the types: the request checks, the
// histogram rule and the ticked-facet rule, exported here so that a second
// backend answers exactly as the bleve one does.

// NormalizeRequest checks a request and fills in the defaults (sort, size,
// page, days at midnight UTC, trimmed and deduplicated filter values).
// Errors wrap ErrBadQuery.
func NormalizeRequest(req Request) (Request, error) { return normalize(req) }

// DayCount is the number of matching documents published on one day, or in
// one month (Day then being the first of the month).
type DayCount struct {
	Day   time.Time
	Count int
}

// HistogramNeedsDaysFirst reports whether a request with these bounds has a
// span short enough for day or week bars whatever the data: then a backend
// counts days at once rather than months.
func HistogramNeedsDaysFirst(from, to time.Time) bool {
	return !from.IsZero() && !to.IsZero() && unitFor(from, to).needsDays()
}

// HistogramFromMonths builds the publication-date bars from counts by month
// (sorted by time, zero counts left out). When the span turns out short
// enough for day or week bars it returns needDays instead, and the backend
// counts days and calls HistogramFromDays.
func HistogramFromMonths(from, to time.Time, months []DayCount) (bars []DateBucket, needDays bool) {
	if len(months) == 0 {
		return []DateBucket{}, false
	}
	first, lastEnd := months[0].Day, months[len(months)-1].Day.AddDate(0, 1, -1)
	u, lo, hi := histogramPlan(from, to, first, lastEnd)
	if u.needsDays() {
		return nil, true
	}
	return histogram(u, lo, hi, from, to, toDayCounts(months)), false
}

// HistogramFromDays builds the publication-date bars from counts by day
// (sorted by time, zero counts left out).
func HistogramFromDays(from, to time.Time, days []DayCount) []DateBucket {
	if len(days) == 0 {
		return []DateBucket{}
	}
	u, lo, hi := histogramPlan(from, to, days[0].Day, days[len(days)-1].Day)
	return histogram(u, lo, hi, from, to, toDayCounts(days))
}

func toDayCounts(in []DayCount) []dayCount {
	out := make([]dayCount, len(in))
	for i, c := range in {
		out[i] = dayCount(c)
	}
	return out
}
