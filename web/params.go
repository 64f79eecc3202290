package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// maxFilterValues bounds how many values one filter parameter may repeat.
const maxFilterValues = 50

// facetParam ties a URL parameter to its facet. The order is the order of the
// facet lists on the page.
type facetParam struct {
	Param string // URL parameter: org, place, person, source
	Name  string // API name in /api/facets/{name} and in the JSON facets object
	Label string // heading on the page
}

var facetParams = []facetParam{
	{"org", "organizations", "Organizations"},
	{"place", "places", "Places"},
	{"person", "people", "People"},
	{"source", "sources", "Sources"},
}

// facetByName finds a facet by its API name or its URL parameter.
func facetByName(name string) (facetParam, bool) {
	for _, f := range facetParams {
		if f.Name == name || f.Param == name {
			return f, true
		}
	}
	return facetParam{}, false
}

// state is the search a URL describes. It is parsed once per request and
// builds every link on the page, so that links keep all the other filters.
type state struct {
	Query   string
	Filters map[string][]string // by URL parameter name
	From    string              // YYYY-MM-DD or ""
	To      string
	Sort    string // "" means relevance
	Page    int
	Size    int // 0 means the default
	// Typing: the query is still being typed (the page's script sends
	// typing=1 with search-as-you-type), so it is read leniently. Links
	// never carry it: a link or a submitted form reads the query strictly.
	Typing bool
}

// singleParams are the search parameters that take one value.
var singleParams = []string{"q", "from", "to", "sort", "page", "size"}

// badParam makes an error wrapping search.ErrBadQuery.
func badParam(format string, args ...any) error {
	return fmt.Errorf("%w: %s", search.ErrBadQuery, fmt.Sprintf(format, args...))
}

// parseState reads and checks the search parameters of a URL. Every problem
// is an error wrapping search.ErrBadQuery whose text says what is wrong.
func parseState(v url.Values) (state, error) {
	st := state{Filters: map[string][]string{}, Page: 1}
	// Only the facet filters repeat; a second q or page would be silently
	// dropped, so say so instead.
	for _, name := range singleParams {
		if n := len(v[name]); n > 1 {
			return st, badParam("%s is given %d times; give it once (only org, place, person and source repeat)", name, n)
		}
	}
	st.Query = strings.TrimSpace(v.Get("q"))
	st.Typing = v.Get("typing") == "1"
	if st.Typing && st.Query != "" {
		// A space after the last word says the word is finished, which a
		// query still being typed reads differently (no prefix match).
		st.Query = strings.TrimLeftFunc(v.Get("q"), unicode.IsSpace)
	}
	if !utf8.ValidString(st.Query) {
		return st, badParam("q is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(st.Query); n > search.MaxQueryLen {
		return st, badParam("q is %d characters long; the limit is %d", n, search.MaxQueryLen)
	}
	for _, f := range facetParams {
		var vals []string
		seen := map[string]bool{}
		for _, x := range v[f.Param] {
			x = strings.TrimSpace(x)
			if x == "" || seen[x] {
				continue
			}
			if !utf8.ValidString(x) {
				return st, badParam("%s is not valid UTF-8", f.Param)
			}
			if len(x) > maxValueLen {
				return st, badParam("a value of %s is %d bytes long; the limit is %d", f.Param, len(x), maxValueLen)
			}
			seen[x] = true
			vals = append(vals, x)
		}
		if len(vals) > maxFilterValues {
			return st, badParam("%s is given %d times; the limit is %d", f.Param, len(vals), maxFilterValues)
		}
		if len(vals) > 0 {
			st.Filters[f.Param] = vals
		}
	}
	var from, to time.Time
	var err error
	if st.From, from, err = parseDay(v, "from"); err != nil {
		return st, err
	}
	if st.To, to, err = parseDay(v, "to"); err != nil {
		return st, err
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return st, badParam("from (%s) is after to (%s)", st.From, st.To)
	}
	switch s := v.Get("sort"); s {
	case "", string(search.SortRelevance):
		st.Sort = ""
	case string(search.SortNewest), string(search.SortOldest):
		st.Sort = s
	default:
		return st, badParam("sort %q is not one of relevance, newest, oldest", s)
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return st, badParam("page %q is not a positive whole number", p)
		}
		if n > search.MaxPage {
			return st, badParam("page %d is past the last page allowed (%d)", n, search.MaxPage)
		}
		st.Page = n
	}
	if s := v.Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return st, badParam("size %q is not a positive whole number", s)
		}
		if n > search.MaxSize {
			return st, badParam("size %d is more than the maximum of %d", n, search.MaxSize)
		}
		st.Size = n
	}
	return st, nil
}

// parseDay reads one date parameter as the command line does
// (search.ParseDay): YYYY-MM-DD, or YYYY-MM or YYYY for a whole month or
// year, which from= starts at its first day and to= ends at its last. The
// state keeps the day written out, so links and chips show the day meant.
func parseDay(v url.Values, name string) (string, time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return "", time.Time{}, nil
	}
	t, err := search.ParseDay(s, name == "to")
	if err != nil {
		return "", time.Time{}, badParam("%s %q is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY for a whole month or year)", name, s)
	}
	return t.Format(corpus.DateLayout), t, nil
}

// request turns the state into a search request.
func (st state) request() search.Request {
	req := search.Request{
		Query:   st.Query,
		Orgs:    st.Filters["org"],
		Places:  st.Filters["place"],
		People:  st.Filters["person"],
		Sources: st.Filters["source"],
		Sort:    search.SortRelevance,
		Page:    st.Page,
		Size:    st.Size,
		Typing:  st.Typing,
	}
	if st.Sort != "" {
		req.Sort = search.Sort(st.Sort)
	}
	if req.Size == 0 {
		req.Size = search.DefaultSize
	}
	// Dates were checked by parseState.
	if st.From != "" {
		req.From, _ = time.Parse(corpus.DateLayout, st.From)
	}
	if st.To != "" {
		req.To, _ = time.Parse(corpus.DateLayout, st.To)
	}
	return req
}

// clone copies the state so that a link can change it without touching the
// page's own.
func (st state) clone() state {
	c := st
	c.Filters = make(map[string][]string, len(st.Filters))
	for k, v := range st.Filters {
		c.Filters[k] = append([]string(nil), v...)
	}
	return c
}

// values encodes the state as URL parameters, leaving out defaults so that
// URLs stay short and shareable.
func (st state) values() url.Values {
	v := url.Values{}
	if st.Query != "" {
		v.Set("q", st.Query)
	}
	for _, f := range facetParams {
		for _, x := range st.Filters[f.Param] {
			v.Add(f.Param, x)
		}
	}
	if st.From != "" {
		v.Set("from", st.From)
	}
	if st.To != "" {
		v.Set("to", st.To)
	}
	if st.Sort != "" {
		v.Set("sort", st.Sort)
	}
	if st.Page > 1 {
		v.Set("page", strconv.Itoa(st.Page))
	}
	if st.Size != 0 {
		v.Set("size", strconv.Itoa(st.Size))
	}
	return v
}

// url is the path with the state's parameters.
func (st state) url(path string) string {
	// Spaces as %20 rather than +: html/template would write + as &#43;
	// in attributes, and %20 reads the same everywhere. A literal + in a
	// value is already %2B, so every + left is a space.
	q := strings.ReplaceAll(st.values().Encode(), "+", "%20")
	if q == "" {
		return path
	}
	return path + "?" + q
}

// href is the search page for this state.
func (st state) href() string { return st.url("/") }

// Link builders. Every change of filter sends the user back to page 1,
// because the old page number means nothing in the new result list.

func (st state) with(param, value string) state {
	c := st.clone()
	c.Page = 1
	for _, x := range c.Filters[param] {
		if x == value {
			return c
		}
	}
	c.Filters[param] = append(c.Filters[param], value)
	return c
}

func (st state) without(param, value string) state {
	c := st.clone()
	c.Page = 1
	var kept []string
	for _, x := range c.Filters[param] {
		if x != value {
			kept = append(kept, x)
		}
	}
	if len(kept) == 0 {
		delete(c.Filters, param)
	} else {
		c.Filters[param] = kept
	}
	return c
}

func (st state) has(param, value string) bool {
	for _, x := range st.Filters[param] {
		if x == value {
			return true
		}
	}
	return false
}

func (st state) withDates(from, to string) state {
	c := st.clone()
	c.Page = 1
	c.From, c.To = from, to
	return c
}

func (st state) withPage(p int) state {
	c := st.clone()
	c.Page = p
	return c
}

// filtered reports whether any filter (facet or date) is active.
func (st state) filtered() bool {
	return len(st.Filters) > 0 || st.From != "" || st.To != ""
}
