// Package querymix is the query mix of the archive-scale benchmarks: the
// same requests for every backend and for the SQLite FTS5 yardstick, so
// that their figures compare like for like.
package querymix

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/policysearch/policysearch/search"
)

// Query is one request of the mix.
type Query struct {
	// Class groups the figures: common, mid, rare, multi-word, phrase,
	// browse.
	Class string
	Name  string
	Req   search.Request
	// Words are the query's words, for an engine with its own syntax (FTS5's
	// MATCH); Phrase marks a phrase.
	Words  []string
	Phrase bool
}

// The words by how many of the ~94k articles contain them (common: a fifth
// or more; mid: about 0.5–3 %; rare: a few dozen or fewer), two- and
// three-word queries and two-word phrases.
var (
	commonWords = []string{"senator", "state", "million", "program", "year", "percent"}
	midWords    = []string{"ethanol", "tariff", "drought", "broadband", "refinery", "immigration"}
	rareWords   = []string{"sorghum", "lithium", "bauxite", "tungsten", "hovercraft", "pistachio"}
	multiWords  = [][]string{{"oil", "prices"}, {"farm", "bill", "disaster"}, {"trade", "deficit", "japan"}, {"student", "loan", "interest"}, {"border", "security", "fence"}, {"veterans", "health", "care"}}
	phrases     = [][]string{{"health", "care"}, {"interest", "rates"}, {"homeland", "security"}, {"crude", "oil"}, {"small", "business"}, {"trade", "deficit"}}
)

// The year filter.
var (
	yearFrom = time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC)
	yearTo   = time.Date(2006, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Build returns the mix over s: each word, query and phrase plain, with the
// source and the place that have the most articles (read from s, so the mix
// works on any corpus) and with the year 2006; the empty query lists newest
// first with the same filters.
func Build(ctx context.Context, s search.Searcher) ([]Query, error) {
	all, err := s.Search(ctx, search.Request{})
	if err != nil {
		return nil, err
	}
	if len(all.Facets.Sources) == 0 || len(all.Facets.Places) == 0 {
		return nil, errors.New("the index has no sources or places to filter by")
	}
	source, place := all.Facets.Sources[0].Value, all.Facets.Places[0].Value
	var mix []Query
	add := func(class string, words []string, phrase bool) {
		text := strings.Join(words, " ")
		if phrase {
			text = `"` + text + `"`
		}
		for _, v := range []struct {
			name string
			mod  func(*search.Request)
		}{
			{"", func(*search.Request) {}},
			{" source:" + source, func(r *search.Request) { r.Sources = []string{source} }},
			{" place:" + place, func(r *search.Request) { r.Places = []string{place} }},
			{" 2006", func(r *search.Request) { r.From, r.To = yearFrom, yearTo }},
		} {
			q := Query{Class: class, Name: text + v.name, Req: search.Request{Query: text}, Words: words, Phrase: phrase}
			if len(words) == 0 {
				q.Req.Sort = search.SortNewest
			}
			v.mod(&q.Req)
			mix = append(mix, q)
		}
	}
	for _, word := range commonWords {
		add("common", []string{word}, false)
	}
	for _, word := range midWords {
		add("mid", []string{word}, false)
	}
	for _, word := range rareWords {
		add("rare", []string{word}, false)
	}
	for _, ws := range multiWords {
		add("multi-word", ws, false)
	}
	for _, ws := range phrases {
		add("phrase", ws, true)
	}
	add("browse", nil, false)
	return mix, nil
}

// PercentileMS is the p-th percentile of ds in milliseconds, by nearest
// rank: every benchmark of the mix reports its p50 and p99 this way, so
// that their figures compare.
func PercentileMS(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(max((len(s)*p+99)/100-1, 0), len(s)-1)
	return float64(s[i].Microseconds()) / 1000
}
