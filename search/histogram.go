package search

import (
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// unit is the size of one bar of the publication-date histogram.
type unit int

const (
	unitDay unit = iota
	unitWeek
	unitMonth
	unitYear
)

func (u unit) String() string {
	return [...]string{"day", "week", "month", "year"}[u]
}

// Spans up to which a bucket size is chosen: a month shows as days, a
// season as weeks, a few years as months, anything longer as years. Each
// keeps the histogram between a handful and a few dozen bars.
const (
	maxDaySpan   = 31
	maxWeekSpan  = 120
	maxMonthSpan = 3 * 366
	// maxBuckets caps the bars when an open-ended filter bound lies far
	// outside the data ("from 1900"); then the data's own span is used.
	maxBuckets = 120
)

// unitFor chooses the bucket size for the inclusive days [first, last].
func unitFor(first, last time.Time) unit {
	days := int(last.Sub(first).Hours()/24) + 1
	switch {
	case days <= maxDaySpan:
		return unitDay
	case days <= maxWeekSpan:
		return unitWeek
	case days <= maxMonthSpan:
		return unitMonth
	}
	return unitYear
}

// needsDays reports whether a span needs the day buckets counted (day and
// week histograms) rather than the month ones.
func (u unit) needsDays() bool { return u == unitDay || u == unitWeek }

// bucketStart returns the first day of the bucket holding day t. Weeks
// start on Monday, as ISO 8601 has them.
func bucketStart(u unit, t time.Time) time.Time {
	y, m, d := t.Date()
	switch u {
	case unitYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case unitMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case unitWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func nextBucket(u unit, start time.Time) time.Time {
	switch u {
	case unitYear:
		return start.AddDate(1, 0, 0)
	case unitMonth:
		return start.AddDate(0, 1, 0)
	case unitWeek:
		return start.AddDate(0, 0, 7)
	}
	return start.AddDate(0, 0, 1)
}

func bucketLabel(u unit, start time.Time) string {
	switch u {
	case unitYear:
		return start.Format("2006")
	case unitMonth:
		return start.Format("January 2006")
	case unitWeek:
		return "Week of " + start.Format("2 Jan 2006")
	}
	return start.Format("2 Jan 2006")
}

// dayCount is the number of matching documents published on one day, or in
// one month when the histogram was counted by month (Day is then the first
// of the month).
type dayCount struct {
	Day   time.Time
	Count int
}

// histogram builds the bars of unit u between lo and hi (inclusive days) from
// counts, including empty bars, ordered by time. A bar's From and To are
// clipped to the filter bounds from and to (zero: open) so that clicking a
// bar never widens the current filter.
func histogram(u unit, lo, hi, from, to time.Time, counts []dayCount) []DateBucket {
	out := []DateBucket{}
	if hi.Before(lo) {
		return out
	}
	sums := make(map[time.Time]int)
	for _, c := range counts {
		sums[bucketStart(u, c.Day)] += c.Count
	}
	for start := bucketStart(u, lo); !start.After(hi); start = nextBucket(u, start) {
		end := nextBucket(u, start).AddDate(0, 0, -1)
		bf, bt := start, end
		if !from.IsZero() && bf.Before(from) {
			bf = from
		}
		if !to.IsZero() && bt.After(to) {
			bt = to
		}
		out = append(out, DateBucket{
			From:  bf.Format(corpus.DateLayout),
			To:    bt.Format(corpus.DateLayout),
			Label: bucketLabel(u, start),
			Count: sums[start],
		})
	}
	return out
}

// histogramPlan decides the bucket size and the bounds of the histogram from
// the filter bounds and the span of the matching documents (first and last
// are the first days of their buckets as counted; lastEnd is the last day
// of the last counted bucket).
func histogramPlan(from, to, first, lastEnd time.Time) (u unit, lo, hi time.Time) {
	lo, hi = first, lastEnd
	if !from.IsZero() {
		lo = from
	}
	if !to.IsZero() {
		hi = to
	}
	u = unitFor(lo, hi)
	if u == unitYear && hi.Year()-lo.Year()+1 > maxBuckets {
		lo, hi = first, lastEnd
		if !from.IsZero() && from.After(lo) {
			lo = from
		}
		if !to.IsZero() && to.Before(hi) {
			hi = to
		}
		u = unitFor(lo, hi)
	}
	return u, lo, hi
}
