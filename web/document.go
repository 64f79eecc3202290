package web

import (
	"context"
	"html/template"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// documentPage is the data of the article page.
type documentPage struct {
	Site       string
	Title      string
	Query      string
	Doc        *corpus.Document
	Paras      []paragraph
	Marked     bool   // some paragraph has the search's words marked
	Link       string // original article, only when http(s)
	Published  string
	Groups     []entityGroup
	Related    []hitView
	RelatedErr bool
	Back       string
	APIURL     string
}

// paragraph is one block of the article: its text as HTML (escaped, with
// the search's words marked) and whether it reads as a subheading.
type paragraph struct {
	HTML    template.HTML
	Heading bool
}

// Highlighter is an optional extension of search.Searcher: a backend that
// marks a query's words in a document's paragraphs (see
// search.IndexSearcher.Highlight).
type Highlighter interface {
	Highlight(ctx context.Context, id, query string) ([]template.HTML, error)
}

type entityGroup struct {
	Label string
	Items []entityView
}

type entityView struct {
	Name     string
	Count    int
	Mentions []string
	Href     string // the search page filtered to this entity
}

func (s *Server) handleDocumentPage(c *gin.Context) {
	ctx := c.Request.Context()
	d, err := s.document(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, kindPage, err)
		return
	}
	q := strings.TrimSpace(c.Query("q"))
	if len(q) > search.MaxQueryLen {
		q = ""
	}
	p := &documentPage{
		Site:      s.opts.Title,
		Title:     d.Title + " – " + s.opts.Title,
		Query:     q,
		Doc:       d,
		Paras:     s.paragraphs(ctx, d, q),
		Link:      safeLink(d.URL),
		Published: d.PublishedDay(),
		Groups:    entityGroups(d),
		APIURL:    "/api" + documentPath(d.ID),
		Back:      "/",
	}
	if d.Title == "" {
		p.Title = s.opts.Title
	}
	for _, para := range p.Paras {
		p.Marked = p.Marked || strings.Contains(string(para.HTML), "<mark>")
	}
	// The back link returns to the search the reader came from, when the
	// referrer is one of our own search pages; else to a search for the
	// query the article was opened with.
	if q != "" {
		p.Back = state{Query: q, Filters: map[string][]string{}}.href()
	}
	if ref := c.Request.Referer(); ref != "" {
		if u, err := parseSameOrigin(ref, c.Request.Host); err == nil && u.Path == "/" {
			p.Back = u.RequestURI()
		}
	}
	related, err := s.related(ctx, d, 5)
	if err != nil {
		// An article without its related list is still worth showing.
		s.log.WarnContext(ctx, "related articles", "id", d.ID, "err", err)
		p.RelatedErr = true
	}
	empty := state{Filters: map[string][]string{}}
	for _, h := range related {
		p.Related = append(p.Related, buildHit(empty, h))
	}
	s.render(c, http.StatusOK, s.pages.document, p)
}

// paragraphs are the article's blocks, with the query's words marked when
// the backend can mark them.
func (s *Server) paragraphs(ctx context.Context, d *corpus.Document, q string) []paragraph {
	var marked []template.HTML
	if h, ok := s.searcher.(Highlighter); ok && q != "" {
		var err error
		if marked, err = h.Highlight(ctx, d.ID, q); err != nil {
			// The article is still worth reading unmarked.
			s.log.WarnContext(ctx, "highlight", "id", d.ID, "err", err)
			marked = nil
		}
	}
	if len(marked) != len(d.Paragraphs) {
		marked = nil
	}
	out := make([]paragraph, len(d.Paragraphs))
	for i, text := range d.Paragraphs {
		out[i] = paragraph{HTML: template.HTML(template.HTMLEscapeString(text)), Heading: looksLikeHeading(d.Paragraphs, i)}
		if marked != nil {
			out[i].HTML = marked[i]
		}
	}
	return out
}

// Thresholds of the subheading rule.
const (
	headingMaxRunes = 90 // a subheading is a line, not a sentence or two
	headingMaxWords = 14
)

// counterLine is page furniture that looks like a short line: a label and
// a number ("Views: 494", "Comments: 12").
var counterLine = regexp.MustCompile(`^[\p{L} ]{1,20}:\s*[\d,.]+$`)

// looksLikeHeading is the subheading rule: the cleaner keeps a page's
// subheadings as blocks of their own, and they read as one short line with
// no closing punctuation, between the article's first block and a longer
// block it introduces. Paragraphs keep no markup, so this is how the
// article page gives them back their heading.
func looksLikeHeading(paras []string, i int) bool {
	p := strings.TrimSpace(paras[i])
	if i == 0 || i+1 >= len(paras) || p == "" {
		return false
	}
	n := utf8.RuneCountInString(p)
	if n > headingMaxRunes || len(strings.Fields(p)) > headingMaxWords {
		return false
	}
	if utf8.RuneCountInString(strings.TrimSpace(paras[i+1])) <= n {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?。．！？…:;,，、：；\"”’)）»-–—", last) {
		return false
	}
	if counterLine.MatchString(p) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	// A list item, a quotation or a dateline is not a heading.
	return !strings.ContainsRune("•·-–—*\"“‘(（[「『", first) && strings.IndexFunc(p, unicode.IsLetter) >= 0
}

// otherNames are the ways an entity was written other than its canonical
// name, each once whatever its case.
func otherNames(name string, mentions []string) []string {
	seen := map[string]bool{strings.ToLower(name): true}
	var out []string
	for _, m := range mentions {
		k := strings.ToLower(strings.TrimSpace(m))
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	return out
}

// entityGroups lists the document's entities by kind, most mentioned first.
func entityGroups(d *corpus.Document) []entityGroup {
	kinds := []struct {
		kind  corpus.EntityKind
		label string
		param string
	}{
		{corpus.Organization, "Organizations", "org"},
		{corpus.Place, "Places", "place"},
		{corpus.Person, "People", "person"},
	}
	var out []entityGroup
	for _, k := range kinds {
		g := entityGroup{Label: k.label}
		// One line per entity, even if the extractor listed it twice.
		at := map[string]int{}
		for _, e := range d.Entities {
			if e.Kind != k.kind {
				continue
			}
			n := e.Count
			if n == 0 {
				n = max(1, len(e.Mentions))
			}
			if i, ok := at[e.Name]; ok {
				g.Items[i].Count += n
				g.Items[i].Mentions = otherNames(e.Name, append(g.Items[i].Mentions, e.Mentions...))
				continue
			}
			at[e.Name] = len(g.Items)
			g.Items = append(g.Items, entityView{
				Name:     e.Name,
				Count:    n,
				Mentions: otherNames(e.Name, e.Mentions),
				Href:     state{Filters: map[string][]string{k.param: {e.Name}}}.href(),
			})
		}
		sort.SliceStable(g.Items, func(i, j int) bool { return g.Items[i].Count > g.Items[j].Count })
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// related finds articles like d: the backend's "more like this" when it has
// one, otherwise sharedEntities.
func (s *Server) related(ctx context.Context, d *corpus.Document, n int) ([]search.Hit, error) {
	if rs, ok := s.searcher.(RelatedSearcher); ok {
		return rs.Related(ctx, d.ID, n)
	}
	return s.sharedEntities(ctx, d, n)
}

// sharedEntities finds articles like d: those sharing its most-mentioned
// organizations (or places when it names no organization), ranked by how many
// organizations and places they share, then by closeness in time. Ranking by
// shared entities works whatever the backend's query syntax does with
// several words, and entities are what analysts follow.
func (s *Server) sharedEntities(ctx context.Context, d *corpus.Document, n int) ([]search.Hit, error) {
	top := topEntities(d, corpus.Organization, 4)
	req := search.Request{Orgs: top, Sort: search.SortRelevance, Page: 1, Size: 50}
	if len(top) == 0 {
		req.Orgs = nil
		req.Places = topEntities(d, corpus.Place, 3)
		if len(req.Places) == 0 {
			return nil, nil
		}
	}
	res, err := s.search(ctx, req)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{}
	for _, e := range d.Entities {
		if e.Kind == corpus.Organization || e.Kind == corpus.Place {
			mine[e.Name] = true
		}
	}
	type scored struct {
		hit    search.Hit
		shared int
		gap    float64
	}
	var cands []scored
	for _, h := range res.Hits {
		if h.ID == d.ID {
			continue
		}
		sc := scored{hit: h, gap: 1e18}
		for _, o := range h.Organizations {
			if mine[o] {
				sc.shared += 2 // an organization in common says more than a country
			}
		}
		for _, p := range h.Places {
			if mine[p] {
				sc.shared++
			}
		}
		if t, err := parseDayString(h.Published); err == nil && !d.Published.IsZero() {
			sc.gap = absDuration(t.Sub(d.Published)).Hours()
		}
		cands = append(cands, sc)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].shared != cands[j].shared {
			return cands[i].shared > cands[j].shared
		}
		return cands[i].gap < cands[j].gap
	})
	var out []search.Hit
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].hit)
	}
	return out, nil
}

// topEntities returns up to n canonical names of one kind, most mentioned first.
func topEntities(d *corpus.Document, kind corpus.EntityKind, n int) []string {
	var ents []corpus.Entity
	for _, e := range d.Entities {
		if e.Kind == kind {
			ents = append(ents, e)
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Count > ents[j].Count })
	var out []string
	for i := 0; i < len(ents) && i < n; i++ {
		out = append(out, ents[i].Name)
	}
	return out
}
