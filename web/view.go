package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	Presets   []preset
	// PresetNote says the presets count back from the newest article
	// rather than from today ("" when they count from today).
	PresetNote string
	Sorts      []option
	Hits       []hitView
	Pager      *pager
	Empty      []link // suggestions when nothing matched
	// DidYouMean is the query with unknown words corrected, when nothing
	// matched and the correction finds something.
	DidYouMean *link
	PastEnd    string // first page, when the page asked for is past the last
	FeedURL    string
	CSVURL     string
	JSONURL    string
	APIURL     string
}

type link struct {
	Label  string
	Href   string
	Active bool
}

// preset is a quick date range with the number of articles it would show.
type preset struct {
	Label  string
	Href   string
	Active bool
	Count  string // "" when the backend cannot count it
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
	// MoreOpen unfolds "show more" when a ticked value is in it, so that
	// ticking a value never hides it.
	MoreOpen  bool
	TypeAhead bool
}

type facetValueView struct {
	Value   string
	Label   string // what the page shows: Value, or a name for an empty one
	Count   int
	Checked bool
	Toggle  string
	ID      string
}

type hitView struct {
	search.Hit
	Link    string // original article, only when http(s)
	Article string // our article page, carrying the search to highlight
	// Chips are the organizations and places most relevant to the
	// search, at most maxHitChips; MoreChips counts the rest.
	Chips     []entityChip
	MoreChips int
}

// entityChip is an organization or place of a hit: a link that filters by it.
type entityChip struct {
	Kind   string // "org" or "place"
	Label  string
	Href   string
	Active bool
}

// maxHitChips is how many entities a result shows on its one line.
const maxHitChips = 4

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
	ctx := c.Request.Context()
	res, err := s.search(ctx, st.request())
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	p := s.buildSearchPage(st, res)
	p.Presets, p.PresetNote = s.presets(ctx, st)
	if res.Total == 0 {
		p.DidYouMean = s.didYouMean(ctx, st)
	}
	s.render(c, http.StatusOK, s.pages.search, p)
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
	// Values keep the backend's order (most frequent first), ticked or
	// not, so that ticking one never moves it under the pointer; a ticked
	// value the backend did not return (none under the other filters)
	// still shows, at the end.
	var all []facetValueView
	seen := map[string]bool{}
	for _, v := range vals {
		if v.Value == "" || seen[v.Value] {
			// An empty value cannot be ticked (a filter needs a
			// value); the cleaner names sources by their host.
			continue
		}
		seen[v.Value] = true
		fvv := facetValueView{Value: v.Value, Label: v.Value, Count: v.Count, Toggle: st.with(f.Param, v.Value).href()}
		if st.has(f.Param, v.Value) {
			fvv.Checked, fvv.Toggle = true, st.without(f.Param, v.Value).href()
		}
		all = append(all, fvv)
	}
	for _, v := range st.Filters[f.Param] {
		if !seen[v] {
			all = append(all, facetValueView{Value: v, Label: v, Checked: true, Toggle: st.without(f.Param, v).href()})
		}
	}
	for i := range all {
		// Ids from the value, not its position, so that the script can
		// keep focus on a box across updates.
		all[i].ID = fmt.Sprintf("%s-%x", fv.ID, fnv32(all[i].Value))
	}
	if len(all) > facetVisible {
		fv.Values, fv.More = all[:facetVisible], all[facetVisible:]
		fv.TypeAhead = true
		for _, v := range fv.More {
			fv.MoreOpen = fv.MoreOpen || v.Checked
		}
	} else {
		fv.Values = all
	}
	return fv
}

// fnv32 hashes a facet value into an id that stays put while the list
// changes around it.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func buildHit(st state, h search.Hit) hitView {
	hv := hitView{Hit: h, Link: safeLink(h.URL), Article: articleHref(h.ID, st.Query)}
	type ranked struct {
		c    entityChip
		rank int
	}
	var all []ranked
	words := queryWords(st.Query)
	add := func(kind, name string) {
		c := entityChip{Kind: kind, Label: name, Href: st.with(kind, name).href(), Active: st.has(kind, name)}
		all = append(all, ranked{c, chipRank(c, words)})
	}
	for _, o := range h.Organizations {
		add("org", o)
	}
	for _, pl := range h.Places {
		add("place", pl)
	}
	// Most relevant first; otherwise organizations before places, each
	// in the article's own order.
	sort.SliceStable(all, func(i, j int) bool { return all[i].rank > all[j].rank })
	for i, r := range all {
		if i == maxHitChips {
			hv.MoreChips = len(all) - maxHitChips
			break
		}
		hv.Chips = append(hv.Chips, r.c)
	}
	return hv
}

// chipRank orders a hit's entities by relevance to the search: a ticked
// filter first, then a name the query's words mention.
func chipRank(c entityChip, words []string) int {
	if c.Active {
		return 2
	}
	name := strings.ToLower(c.Label)
	for _, w := range words {
		if strings.Contains(name, w) {
			return 1
		}
	}
	return 0
}

// queryWords are the words of a query in lower case, without syntax, for
// matching entity names; one- and two-letter words say too little.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == ':' || r == '+' || r == '-'
	}) {
		if utf8.RuneCountInString(w) >= 3 && w != "or" && w != "and" {
			out = append(out, w)
		}
	}
	return out
}

// articleHref is our article page for id; it carries the query so that the
// article highlights it and the search box keeps it.
func articleHref(id, query string) string {
	p := documentPath(id)
	if q := strings.TrimSpace(query); q != "" {
		p += "?q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
	}
	return p
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

// RecentCounter is an optional extension of search.Searcher: a backend that
// counts a search's articles in the past week, month and year, anchored to
// its newest article when today is far past it. Without it the presets
// count back from today and show no counts.
type RecentCounter interface {
	RecentCounts(ctx context.Context, req search.Request, today time.Time) (search.Recent, error)
}

// presets are the quick date ranges with their counts, and a note when
// they count back from the newest article rather than today.
func (s *Server) presets(ctx context.Context, st state) ([]preset, string) {
	today := s.opts.Now().UTC().Truncate(24 * time.Hour)
	day := func(t time.Time) string { return t.Format(corpus.DateLayout) }
	labels := map[string]string{"week": "Past week", "month": "Past month", "year": "Past year"}
	var out []preset
	note := ""
	rc, ok := s.searcher.(RecentCounter)
	var recent search.Recent
	var err error
	if ok {
		recent, err = rc.RecentCounts(ctx, st.request(), today)
		if err != nil {
			// The presets still work without their counts.
			s.log.WarnContext(ctx, "recent counts", "err", err)
			ok = false
		}
	}
	if ok {
		to := ""
		if recent.Anchored {
			to = day(recent.Anchor)
			note = "Counted back from the newest article, " + recent.Anchor.Format("2 Jan 2006") + "."
		}
		for _, r := range recent.Ranges {
			from := day(r.From)
			out = append(out, preset{Label: labels[r.Name], Href: st.withDates(from, to).href(), Active: st.From == from && st.To == to, Count: groupDigits(uint64(r.Count))})
		}
	} else {
		for _, p := range []struct {
			name string
			from time.Time
		}{
			{"week", today.AddDate(0, 0, -7)},
			{"month", today.AddDate(0, -1, 0)},
			{"year", today.AddDate(-1, 0, 0)},
		} {
			from := day(p.from)
			out = append(out, preset{Label: labels[p.name], Href: st.withDates(from, "").href(), Active: st.From == from && st.To == ""})
		}
	}
	out = append(out, preset{Label: "All time", Href: st.withDates("", "").href(), Active: st.From == "" && st.To == ""})
	return out, note
}

// Suggester is an optional extension of search.Searcher: a backend that
// corrects the words of a query it has never seen ("did you mean").
type Suggester interface {
	Suggest(ctx context.Context, query string) (string, error)
}

// didYouMean offers the corrected query when it finds something under the
// same filters, or nil.
func (s *Server) didYouMean(ctx context.Context, st state) *link {
	sg, ok := s.searcher.(Suggester)
	if !ok || strings.TrimSpace(st.Query) == "" {
		return nil
	}
	q, err := sg.Suggest(ctx, st.Query)
	if err != nil {
		s.log.WarnContext(ctx, "did you mean", "query", st.Query, "err", err)
		return nil
	}
	if q == "" || q == st.Query {
		return nil
	}
	alt := st.clone()
	alt.Query, alt.Page, alt.Typing = q, 1, false
	req := alt.request()
	req.Page, req.Size = 1, 1
	res, err := s.search(ctx, req)
	if err != nil || res.Total == 0 {
		return nil
	}
	return &link{Label: q, Href: alt.href()}
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
	// Max is the count of the tallest bar, the top of the count axis.
	Max string
	// Top is the y of the gridline at Max.
	Top int
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

// axisLabel is a date under the bars; X is the centre of its bar as a
// percentage of the width, Anchor its SVG text-anchor.
type axisLabel struct {
	Text   string
	X      float64
	Anchor string
}

// maxDateLabels is how many dates the axis shows at most: enough to read
// the span, few enough not to collide on a phone.
const maxDateLabels = 5

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
	// Evenly spaced dates, always the first and the last bar.
	n := len(buckets)
	step := max(1, (n+maxDateLabels-2)/(maxDateLabels-1))
	idx := []int{}
	for i := 0; i < n; i += step {
		idx = append(idx, i)
	}
	if last := n - 1; idx[len(idx)-1] != last {
		if last-idx[len(idx)-1] < step/2+1 && len(idx) > 1 {
			idx[len(idx)-1] = last // too close to squeeze in: move it
		} else {
			idx = append(idx, last)
		}
	}
	for k, i := range idx {
		l := axisLabel{Text: buckets[i].Label, X: round1((float64(i) + 0.5) * 100 / float64(n)), Anchor: "middle"}
		switch {
		case k == 0:
			l.X, l.Anchor = 0, "start"
		case k == len(idx)-1:
			l.X, l.Anchor = 100, "end"
		}
		h.Labels = append(h.Labels, l)
	}
	h.Max, h.Top = groupDigits(uint64(maxCount)), histPlotTop
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
