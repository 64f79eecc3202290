package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// maxExport caps how many hits an export carries, so that one request cannot
// walk the whole archive.
const maxExport = 1000

// feedSize is how many entries an Atom feed holds.
const feedSize = 50

// collect pages through the search until it has up to limit hits.
func (s *Server) collect(ctx context.Context, st state, limit int) (*search.Result, []search.Hit, error) {
	req := st.request()
	req.Size = min(limit, search.MaxSize)
	var first *search.Result
	var hits []search.Hit
	for page := 1; len(hits) < limit; page++ {
		req.Page = page
		res, err := s.search(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if first == nil {
			first = res
		}
		hits = append(hits, res.Hits...)
		if len(res.Hits) < req.Size || uint64(len(hits)) >= res.Total {
			break
		}
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return first, hits, nil
}

// exportState parses the parameters of an export: the current search,
// whatever page the user was on.
func exportState(c *gin.Context) (state, error) {
	st, err := parseState(c.Request.URL.Query())
	st.Page, st.Size = 1, 0
	return st, err
}

func exportName(st state, ext string) string {
	name := "policysearch"
	if st.Query != "" {
		var b strings.Builder
		for _, r := range strings.ToLower(st.Query) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
				b.WriteByte('-')
			}
			if b.Len() >= 40 {
				break
			}
		}
		if q := strings.Trim(b.String(), "-"); q != "" {
			name += "-" + q
		}
	}
	return name + "." + ext
}

func (s *Server) handleExportCSV(c *gin.Context) {
	st, err := exportState(c)
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	_, hits, err := s.collect(c.Request.Context(), st, maxExport)
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	var buf bytes.Buffer
	// The header is ours and plain; only the cells from articles need quotes.
	buf.WriteString("id,title,url,source,published,organizations,places,people,score\r\n")
	for _, h := range hits {
		writeCSVRow(&buf, []string{
			csvSafe(h.ID), csvSafe(h.Title), csvSafe(h.URL), csvSafe(h.Source), csvSafe(h.Published),
			csvSafe(strings.Join(h.Organizations, "; ")),
			csvSafe(strings.Join(h.Places, "; ")),
			csvSafe(strings.Join(h.People, "; ")),
			strconv.FormatFloat(h.Score, 'f', 4, 64),
		})
	}
	c.Header("Content-Disposition", `attachment; filename="`+exportName(st, "csv")+`"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// formulaStarts are the characters a spreadsheet reads as the start of a
// formula.
const formulaStarts = "=+-@\t\r"

// cellSeparators are the characters a spreadsheet may split a CSV line on,
// whatever the file uses: a German or French Excel splits on ';', others
// on tabs or '|'. Each piece after one is a cell of its own there.
const cellSeparators = ",;\t|\n\r"

// csvSafe defuses spreadsheet formulas: a cell from an article that starts
// with = + - or @ would run as a formula when the export is opened, and so
// would a piece of it after a separator in a locale that splits there
// ("Quarterly report;=1+2"). Each such start gets a ' in front, which makes
// it text. writeCSVRow quotes every cell besides.
func csvSafe(s string) string {
	var b strings.Builder
	start := true // at the start of the cell or of a piece after a separator
	for _, r := range s {
		switch {
		case start && r == ' ':
			// Spreadsheets skip spaces before a formula.
		case start && strings.ContainsRune(formulaStarts, r):
			b.WriteByte('\'')
			start = false
		default:
			start = false
		}
		if strings.ContainsRune(cellSeparators, r) {
			start = true
		}
		b.WriteRune(r)
	}
	return b.String()
}

// writeCSVRow writes one RFC 4180 line with every field quoted, so that
// a reader splitting on another separator than the comma still keeps each
// field whole.
func writeCSVRow(buf *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('"')
		buf.WriteString(strings.ReplaceAll(f, `"`, `""`))
		buf.WriteByte('"')
	}
	buf.WriteString("\r\n")
}

// jsonExport is the shape of /export.json.
type jsonExport struct {
	Query    string       `json:"query"`
	URL      string       `json:"url"`
	Exported time.Time    `json:"exported"`
	Total    uint64       `json:"total"`
	Count    int          `json:"count"`
	Hits     []search.Hit `json:"hits"`
}

func (s *Server) handleExportJSON(c *gin.Context) {
	st, err := exportState(c)
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	res, hits, err := s.collect(c.Request.Context(), st, maxExport)
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	if hits == nil {
		hits = []search.Hit{}
	}
	b, err := json.MarshalIndent(jsonExport{
		Query:    st.Query,
		URL:      s.baseURL() + st.href(),
		Exported: s.opts.Now().UTC().Truncate(time.Second),
		Total:    res.Total,
		Count:    len(hits),
		Hits:     hits,
	}, "", "  ")
	if err != nil {
		s.fail(c, kindAPI, fmt.Errorf("encode export: %w", err))
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+exportName(st, "json")+`"`)
	c.Data(http.StatusOK, "application/json; charset=utf-8", append(b, '\n'))
}

// Atom 1.0 (RFC 4287), only the elements we fill.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Author     *atomAuthor    `xml:"author,omitempty"`
	Summary    atomText       `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

func (s *Server) handleFeed(c *gin.Context) {
	st, err := exportState(c)
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	// A subscription wants the newest articles unless it asked otherwise.
	if c.Query("sort") == "" {
		st.Sort = string(search.SortNewest)
	}
	_, hits, err := s.collect(c.Request.Context(), st, feedSize)
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	base := s.baseURL()
	title := s.opts.Title
	if st.Query != "" {
		title = st.Query + " – " + title
	}
	if st.filtered() {
		var parts []string
		for _, f := range facetParams {
			parts = append(parts, st.Filters[f.Param]...)
		}
		if st.From != "" || st.To != "" {
			parts = append(parts, dateRangeLabel(st.From, st.To))
		}
		title += " (" + strings.Join(parts, ", ") + ")"
	}
	feed := atomFeed{
		Title:  title,
		ID:     base + st.url("/feed.atom"),
		Author: atomAuthor{Name: s.opts.Title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + st.url("/feed.atom")},
			{Rel: "alternate", Type: "text/html", Href: base + st.href()},
		},
	}
	var newest time.Time
	for _, h := range hits {
		updated := feedTime(h.Published)
		if t, err := parseDayString(h.Published); err == nil && t.After(newest) {
			newest = t
		}
		e := atomEntry{
			Title:     h.Title,
			ID:        base + documentPath(h.ID),
			Updated:   updated,
			Published: updated,
			// The snippet is HTML; as type="html" it is sent escaped, as
			// RFC 4287 wants, so its markup cannot leak into the feed.
			Summary: atomText{Type: "html", Body: string(h.Snippet)},
		}
		if h.Source != "" {
			e.Author = &atomAuthor{Name: h.Source}
		}
		if l := safeLink(h.URL); l != "" {
			e.Links = append(e.Links, atomLink{Rel: "alternate", Type: "text/html", Href: l})
		}
		e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: base + documentPath(h.ID)})
		for _, o := range h.Organizations {
			e.Categories = append(e.Categories, atomCategory{Term: o})
		}
		feed.Entries = append(feed.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	feed.Updated = newest.UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		s.fail(c, kindPage, fmt.Errorf("encode feed: %w", err))
		return
	}
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", buf.Bytes())
}

// feedTime turns a YYYY-MM-DD day into an RFC 3339 time; an unknown day
// becomes the epoch, which feed readers sort last.
func feedTime(day string) string {
	t, err := parseDayString(day)
	if err != nil {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func parseDayString(day string) (time.Time, error) {
	if day == "" {
		return time.Time{}, errors.New("no date")
	}
	return time.Parse(corpus.DateLayout, day)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func (s *Server) handleOpenSearch(c *gin.Context) {
	base := s.baseURL()
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	fmt.Fprintf(&buf, `<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>%s</ShortName>
  <Description>Search policy news with %s</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="%s/?q={searchTerms}"/>
  <Url type="application/atom+xml" template="%s/feed.atom?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="%s/opensearch.xml"/>
</OpenSearchDescription>
`, xmlEscape(s.opts.Title), xmlEscape(s.opts.Title), xmlEscape(base), xmlEscape(base), xmlEscape(base))
	c.Data(http.StatusOK, "application/opensearchdescription+xml; charset=utf-8", buf.Bytes())
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// parseSameOrigin parses ref and accepts it only when it points at host.
func parseSameOrigin(ref, host string) (*url.URL, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	if u.Host != host {
		return nil, errors.New("other origin")
	}
	return u, nil
}
