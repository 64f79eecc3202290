package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// facetVisible is how many values a facet list shows before "show more".
const facetVisible = 8

// searchPage is everything the search page template needs; links are built
// here so that the template only prints them.
type searchPage struct {
	Site      string
	Title     string
	Query     string
	Sort      string
	From, To  string
	Result    *search.Result
	Total     string
	Took      string
	Facets    []facetView
	Chips     []chip
	ClearAll  string
	Histogram *histogram
	Presets   []link
	Sorts     []option
	Hits      []hitView
	Pager     *pager
	Empty     []link // suggestions when nothing matched
	PastEnd   string // first page, when the page asked for is past the last
	FeedURL   string
	CSVURL    string
	JSONURL   string
	APIURL    string
}

type link struct {
	Label  string
	Href   string
	Active bool
}

type option struct {
	Value, Label string
	Selected     bool
}

type chip struct {
	Kind, Value, Remove string
}

type facetView struct {
	Name, Param, Label string
	ID                 string
	Values             []facetValueView
	More               []facetValueView
	TypeAhead          bool
}

type facetValueView struct {
	Value   string
	Count   int
	Checked bool
	Toggle  string
	ID      string
}

type hitView struct {
	search.Hit
	Link    string // original article, only when http(s)
	Article string // our article page
	Orgs    []link
	Places  []link
}

type pager struct {
	Prev, Next string
	Pages      []pageLink
	Current    int
	Last       int
}

type pageLink struct {
	N       int
	Href    string
	Current bool
	Gap     bool
}

func (s *Server) handleSearchPage(c *gin.Context) {
	st, err := parseState(c.Request.URL.Query())
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	res, err := s.search(c.Request.Context(), st.request())
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	s.render(c, http.StatusOK, s.pages.search, s.buildSearchPage(st, res))
}

func (s *Server) buildSearchPage(st state, res *search.Result) *searchPage {
	p := &searchPage{
		Site:     s.opts.Title,
		Title:    s.opts.Title,
		Query:    st.Query,
		Sort:     st.Sort,
		From:     st.From,
		To:       st.To,
		Result:   res,
		Total:    groupDigits(res.Total),
		Took:     formatTook(res.Took),
		ClearAll: state{Query: st.Query, Sort: st.Sort, Filters: map[string][]string{}}.href(),
		FeedURL:  st.withPage(1).url("/feed.atom"),
		CSVURL:   st.withPage(1).url("/export.csv"),
		JSONURL:  st.withPage(1).url("/export.json"),
		APIURL:   st.url("/api/search"),
	}
	if st.Query != "" {
		p.Title = st.Query + " – " + s.opts.Title
	}
	for _, f := range facetParams {
		p.Facets = append(p.Facets, buildFacet(st, f, facetList(res.Facets, f.Name)))
		for _, v := range st.Filters[f.Param] {
			p.Chips = append(p.Chips, chip{Kind: f.Label, Value: v, Remove: st.without(f.Param, v).href()})
		}
	}
	if st.From != "" || st.To != "" {
		p.Chips = append(p.Chips, chip{Kind: "Published", Value: dateRangeLabel(st.From, st.To), Remove: st.withDates("", "").href()})
	}
	p.Histogram = buildHistogram(st, res.Facets.Published)
	p.Presets = s.presets(st)
	for _, o := range []option{{"relevance", "Relevance", false}, {"newest", "Newest first", false}, {"oldest", "Oldest first", false}} {
		o.Selected = o.Value == st.Sort || (st.Sort == "" && o.Value == "relevance")
		p.Sorts = append(p.Sorts, o)
	}
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, buildHit(st, h))
	}
	p.Pager = buildPager(st, res)
	switch {
	case res.Total == 0:
		p.Empty = emptySuggestions(st)
	case len(res.Hits) == 0:
		// A page past the end (an old link, a hand-edited URL): the
		// articles are there, on earlier pages.
		p.PastEnd = st.withPage(1).href()
	}
	return p
}

func buildFacet(st state, f facetParam, vals []search.FacetValue) facetView {
	fv := facetView{Name: f.Name, Param: f.Param, Label: f.Label, ID: "facet-" + f.Param}
	// Ticked values come first and always show, even when the backend did
	// not return them (count 0 under the other filters).
	var all []facetValueView
	seen := map[string]bool{}
	counts := map[string]int{}
	for _, v := range vals {
		counts[v.Value] = v.Count
	}
	for _, v := range st.Filters[f.Param] {
		seen[v] = true
		all = append(all, facetValueView{Value: v, Count: counts[v], Checked: true, Toggle: st.without(f.Param, v).href()})
	}
	for _, v := range vals {
		if seen[v.Value] {
			continue
		}
		all = append(all, facetValueView{Value: v.Value, Count: v.Count, Toggle: st.with(f.Param, v.Value).href()})
	}
	for i := range all {
		all[i].ID = fmt.Sprintf("%s-%d", fv.ID, i)
	}
	if len(all) > facetVisible {
		fv.Values, fv.More = all[:facetVisible], all[facetVisible:]
		fv.TypeAhead = true
	} else {
		fv.Values = all
	}
	return fv
}

func buildHit(st state, h search.Hit) hitView {
	hv := hitView{Hit: h, Link: safeLink(h.URL), Article: documentPath(h.ID)}
	for _, o := range h.Organizations {
		hv.Orgs = append(hv.Orgs, link{Label: o, Href: st.with("org", o).href(), Active: st.has("org", o)})
	}
	for _, pl := range h.Places {
		hv.Places = append(hv.Places, link{Label: pl, Href: st.with("place", pl).href(), Active: st.has("place", pl)})
	}
	return hv
}

func buildPager(st state, res *search.Result) *pager {
	size := res.Size
	if size <= 0 {
		size = search.DefaultSize
	}
	last := int((res.Total + uint64(size) - 1) / uint64(size))
	if last > search.MaxPage {
		last = search.MaxPage
	}
	if last <= 1 {
		return nil
	}
	cur := st.Page
	pg := &pager{Current: cur, Last: last}
	if cur > 1 {
		// Past the end, "previous" is the last page there is.
		pg.Prev = st.withPage(min(cur-1, last)).href()
	}
	if cur < last {
		pg.Next = st.withPage(cur + 1).href()
	}
	// First, last, and two either side of the current page.
	prevShown := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < cur-2 || n > cur+2) {
			continue
		}
		if prevShown != 0 && n > prevShown+1 {
			pg.Pages = append(pg.Pages, pageLink{Gap: true})
		}
		pg.Pages = append(pg.Pages, pageLink{N: n, Href: st.withPage(n).href(), Current: n == cur})
		prevShown = n
	}
	return pg
}

// emptySuggestions says what to loosen when nothing matched: each active
// filter, the dates, then the query itself.
func emptySuggestions(st state) []link {
	var out []link
	for _, f := range facetParams {
		for _, v := range st.Filters[f.Param] {
			out = append(out, link{Label: fmt.Sprintf("Remove the %s filter “%s”", strings.ToLower(strings.TrimSuffix(f.Label, "s")), v), Href: st.without(f.Param, v).href()})
		}
	}
	if st.From != "" || st.To != "" {
		out = append(out, link{Label: "Search all dates", Href: st.withDates("", "").href()})
	}
	if st.filtered() && st.Query != "" {
		out = append(out, link{Label: fmt.Sprintf("Search “%s” with no filters", st.Query), Href: state{Query: st.Query, Filters: map[string][]string{}}.href()})
	}
	if st.Query != "" {
		if len(strings.Fields(st.Query)) > 1 {
			out = append(out, link{Label: "Use fewer words, or drop quotes and + signs", Href: ""})
		}
		out = append(out, link{Label: "Browse every article", Href: "/"})
	}
	return out
}

// presets are the quick date ranges, relative to today.
func (s *Server) presets(st state) []link {
	today := s.opts.Now().UTC().Truncate(24 * time.Hour)
	day := func(t time.Time) string { return t.Format(corpus.DateLayout) }
	var out []link
	for _, p := range []struct {
		label string
		from  time.Time
	}{
		{"Past week", today.AddDate(0, 0, -7)},
		{"Past month", today.AddDate(0, -1, 0)},
		{"Past year", today.AddDate(-1, 0, 0)},
	} {
		from := day(p.from)
		out = append(out, link{Label: p.label, Href: st.withDates(from, "").href(), Active: st.From == from && st.To == ""})
	}
	out = append(out, link{Label: "All time", Href: st.withDates("", "").href(), Active: st.From == "" && st.To == ""})
	return out
}

func dateRangeLabel(from, to string) string {
	switch {
	case from != "" && to != "":
		if from == to {
			return from
		}
		return from + " to " + to
	case from != "":
		return "since " + from
	default:
		return "until " + to
	}
}

// histogram is the date facet drawn as inline SVG bars, each a link that
// narrows the search to its bucket.
type histogram struct {
	Width, Height int
	Bars          []bar
	Labels        []axisLabel
	Summary       string
}

type bar struct {
	X, Y, W, H float64
	// HitX and HitW span the bar's whole slot and full height, so that a
	// short or thin bar is still easy to click or tap.
	HitX, HitW float64
	Href       string
	Title      string
	Active     bool
	Count      int
}

type axisLabel struct {
	Text string
}

// The SVG is stretched to the width of the page (preserveAspectRatio none),
// so it holds only bars; the axis labels are HTML below it, where text is
// never squeezed.
const (
	histWidth   = 600
	histHeight  = 100
	histPlotTop = 6
	histPlotBot = histHeight
)

func buildHistogram(st state, buckets []search.DateBucket) *histogram {
	if len(buckets) == 0 {
		return nil
	}
	maxCount := 0
	for _, b := range buckets {
		maxCount = max(maxCount, b.Count)
	}
	if maxCount == 0 {
		return nil
	}
	h := &histogram{Width: histWidth, Height: histHeight}
	slot := float64(histWidth) / float64(len(buckets))
	gap := math.Min(2, slot*0.15)
	plot := float64(histPlotBot - histPlotTop)
	for i, b := range buckets {
		bh := 0.0
		if b.Count > 0 {
			// A bar of one article must still be visible and clickable.
			bh = math.Max(3, plot*float64(b.Count)/float64(maxCount))
		}
		// A few buckets must not become slabs as wide as the page.
		w := math.Min(slot-gap, 60)
		br := bar{
			X:      round1(float64(i)*slot + (slot-w)/2),
			W:      round1(w),
			HitX:   round1(float64(i) * slot),
			HitW:   round1(slot),
			Y:      round1(histPlotBot - bh),
			H:      round1(bh),
			Title:  fmt.Sprintf("%s: %d %s", b.Label, b.Count, plural(b.Count, "article", "articles")),
			Count:  b.Count,
			Active: st.From == b.From && st.To == b.To,
		}
		if b.Count > 0 {
			br.Href = st.withDates(b.From, b.To).href()
		}
		h.Bars = append(h.Bars, br)
	}
	// Label the first and last bars, and the middle one when there is room.
	h.Labels = append(h.Labels, axisLabel{Text: buckets[0].Label})
	if len(buckets) > 4 {
		h.Labels = append(h.Labels, axisLabel{Text: buckets[len(buckets)/2].Label})
	}
	if len(buckets) > 1 {
		h.Labels = append(h.Labels, axisLabel{Text: buckets[len(buckets)-1].Label})
	}
	h.Summary = fmt.Sprintf("Articles published from %s to %s, %d bars; the tallest has %d.", buckets[0].From, buckets[len(buckets)-1].To, len(buckets), maxCount)
	return h
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// groupDigits writes 12345 as "12,345".
func groupDigits(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func formatTook(d time.Duration) string {
	ms := float64(d.Microseconds()) / 1000
	switch {
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	default:
		return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
	}
}

// documentPath is the article page of a document; ids are escaped because
// another backend may use ids with slashes or spaces.
func documentPath(id string) string { return "/documents/" + url.PathEscape(id) }
