package clean

import (
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is a parsed page with the metadata gathered in one walk.
type page struct {
	opt      Options
	now      time.Time
	htmlLang string
	// metas maps a lower-cased meta name, property, itemprop or http-equiv
	// to its contents in document order.
	metas     map[string][]string
	titleTag  string
	h1s       []*html.Node
	heads     []*html.Node // h2, h3 and elements classed as titles or headlines
	times     []*html.Node
	canonical string
	ld        ldInfo
	// scriptDate is a publication date written as a JSON value in an
	// inline script ("published_at": "2019-03-02T06:22:28+01:00").
	scriptDate string
	body       *html.Node
	bodySel    *goquery.Selection // body as a goquery selection
	top        *html.Node         // the element chosen as the main text's container
	// stop gives up when the caller's context is done.
	stop *stopper
	// zoneStated caches statedZone (zoneRead: asked already).
	zoneStated *time.Location
	zoneRead   bool
}

// ldInfo is what the page's JSON-LD says about the article.
type ldInfo struct {
	headline, datePublished, dateCreated, publisher, articleBody, inLanguage, url string
	// anyPublished is a datePublished of an object that is not an article
	// (a HowTo, a Product page): used when no article gives one.
	anyPublished string
}

// metaSel picks, in one scan of the tree, every element newPage reads:
// the root (language), <body>, meta tags, <title>, links (canonical),
// headings, <time>, scripts (JSON-LD), microdata and elements classed as
// titles. Compiled once: goquery's Find would compile the group per page.
// Class and id are tested case-sensitively on "itle", "eadline" and
// "eading" (which catch Title and title alike) and in capitals: the
// case-insensitive form lower-cases every value it tests, which was a
// tenth of the cleaning time.
var metaSel = cascadia.MustCompile(`html, body, meta, title, link[rel], h1, h2, h3, time, script, [itemprop], [property*=date], [property*=Date], ` +
	`[class*=itle], [class*=eadline], [class*=eading], [class*=TITLE], [class*=HEADLINE], [class*=HEADING], ` +
	`[id*=itle], [id*=eadline], [id*=eading], [id*=TITLE], [id*=HEADLINE], [id*=HEADING]`)

// maxHeads bounds the candidate headings kept (h2, h3 and title-classed
// elements): enough for any article header, bounded on huge pages.
const maxHeads = 200

func newPage(doc *goquery.Document, opt Options, now time.Time, stop *stopper) *page {
	p := &page{opt: opt, now: now, metas: map[string][]string{}, stop: stop}
	// One selector group, matched in document order, instead of one Find
	// per field: a single pass over the tree.
	doc.FindMatcher(metaSel).Each(func(_ int, s *goquery.Selection) {
		p.stop.check()
		n := s.Nodes[0]
		switch n.DataAtom {
		case atom.Html:
			if p.htmlLang == "" {
				p.htmlLang = s.AttrOr("lang", s.AttrOr("xml:lang", ""))
			}
			return
		case atom.Body:
			if p.body == nil {
				p.body, p.bodySel = n, s
			}
			return
		case atom.Meta:
			content, hasContent := s.Attr("content")
			if !hasContent {
				content = s.AttrOr("value", "")
			}
			content = strings.TrimSpace(content)
			if content != "" {
				for _, k := range metaKeys {
					if v := s.AttrOr(k, ""); v != "" {
						key := strings.ToLower(strings.TrimSpace(v))
						p.metas[key] = append(p.metas[key], content)
					}
				}
			}
			return
		case atom.Title:
			if p.titleTag == "" && !inSVG(n) {
				p.titleTag = normSpace(s.Text())
			}
			return
		case atom.Link:
			if p.canonical == "" && hasToken(s.AttrOr("rel", ""), "canonical") {
				p.canonical = strings.TrimSpace(s.AttrOr("href", ""))
			}
			return
		case atom.H1:
			p.h1s = append(p.h1s, n)
		case atom.H2, atom.H3:
			if len(p.heads) < maxHeads {
				p.heads = append(p.heads, n)
			}
		case atom.Time:
			p.times = append(p.times, n)
			p.titleClassed(s)
		case atom.Script:
			typ := strings.ToLower(s.AttrOr("type", ""))
			switch {
			case strings.Contains(typ, "ld+json"):
				if src := s.Text(); src != "" {
					p.readLD(src)
				}
			case p.scriptDate == "" && (typ == "" || strings.Contains(typ, "json") || strings.Contains(typ, "javascript")):
				p.scriptDate = scriptDate(s.Text())
			}
			return
		default:
			// Matched for its class/id (a title or headline) or itemprop.
			p.titleClassed(s)
		}
		// Dates and other fields are also written as microdata on
		// ordinary elements (itemprop="datePublished").
		// RDFa says the same with property="schema:datePublished".
		if prop := strings.ToLower(s.AttrOr("property", "")); prop != "" && n.DataAtom != atom.Meta {
			if i := strings.LastIndexAny(prop, ":/"); i >= 0 {
				prop = prop[i+1:]
			}
			if prop == "datepublished" || prop == "datecreated" {
				if v := strings.TrimSpace(s.AttrOr("content", s.AttrOr("datetime", ""))); v != "" {
					p.metas[prop] = append(p.metas[prop], v)
				}
			}
		}
		if ip := s.AttrOr("itemprop", ""); ip != "" {
			key := strings.ToLower(ip)
			if key == "datepublished" || key == "datecreated" || key == "headline" {
				v := s.AttrOr("datetime", "")
				if v == "" {
					v = s.AttrOr("content", "")
				}
				if v == "" {
					v = normSpace(textOf(n))
				}
				if v != "" {
					p.metas[key] = append(p.metas[key], v)
				}
			}
		}
	})
	return p
}

// titleClassed keeps an element whose class or id speaks of a title as a
// candidate heading.
func (p *page) titleClassed(s *goquery.Selection) {
	if len(p.heads) >= maxHeads {
		return
	}
	if ci := strings.ToLower(s.AttrOr("class", "") + " " + s.AttrOr("id", "")); strings.Contains(ci, "title") || strings.Contains(ci, "headline") || strings.Contains(ci, "heading") {
		p.heads = append(p.heads, s.Nodes[0])
	}
}

// metaKeys are the attributes that name a meta tag's content.
var metaKeys = []string{"name", "property", "itemprop", "http-equiv"}

func (p *page) meta(keys ...string) string {
	for _, k := range keys {
		for _, v := range p.metas[k] {
			if v != "" {
				return v
			}
		}
	}
	return ""
}

// readLD reads one JSON-LD script; the first article-like object fills each
// field. Scripts with raw line breaks inside strings (invalid JSON, but
// common) are retried with those replaced.
func (p *page) readLD(src string) {
	for _, v := range lenientJSON(src) {
		p.walkLD(v, 0)
	}
}

// ldWrappers are what sites put around the JSON of a JSON-LD script:
// HTML comments and CDATA sections, sometimes behind JavaScript comments.
var ldWrappers = strings.NewReplacer("<![CDATA[", "", "]]>", "", "<!--", "", "-->", "", "/*", "", "*/", "")

// lenientJSON reads the JSON values of a JSON-LD script the way a browser's
// structured-data reader forgives it: wrappers (comments, CDATA) removed,
// raw line breaks inside strings allowed, and every value that parses
// kept, so that an extra closing brace after the object or two objects in
// one script do not lose the data.
func lenientJSON(src string) []any {
	src = strings.TrimSpace(src)
	if strings.Contains(src, "<!") || strings.Contains(src, "]]>") || strings.Contains(src, "-->") || strings.HasPrefix(src, "/") {
		src = strings.TrimSpace(ldWrappers.Replace(src))
		src = strings.TrimPrefix(src, "//")
		src = strings.TrimSpace(strings.TrimSuffix(src, "//"))
	}
	var v any
	if json.Unmarshal([]byte(src), &v) == nil {
		return []any{v}
	}
	src = strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(src)
	var out []any
	dec := json.NewDecoder(strings.NewReader(src))
	// Bounded tries: a hostile script of a megabyte of braces costs a few
	// passes, not one per brace.
	for tries := 0; tries < 16 && len(out) < 16; tries++ {
		var v any
		if err := dec.Decode(&v); err != nil {
			// Skip one character past the failure and read on: an extra
			// "}" or ";" between objects.
			off := int(dec.InputOffset()) + 1
			if off >= len(src) {
				break
			}
			rest := src[off:]
			i := strings.IndexAny(rest, "{[")
			if i < 0 {
				break
			}
			src = rest[i:]
			dec = json.NewDecoder(strings.NewReader(src))
			continue
		}
		out = append(out, v)
	}
	return out
}

func (p *page) walkLD(v any, depth int) {
	if depth > 8 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			p.walkLD(e, depth+1)
		}
	case map[string]any:
		if g, ok := t["@graph"]; ok {
			p.walkLD(g, depth+1)
		}
		typ := strings.ToLower(ldString(t["@type"]))
		article := strings.Contains(typ, "article") || strings.Contains(typ, "posting") ||
			strings.Contains(typ, "report") || typ == "webpage" || strings.Contains(typ, "newsarticle") ||
			typ == "creativework" || typ == "blog" || typ == "liveblogposting"
		if article {
			set := func(dst *string, s string) {
				if *dst == "" {
					*dst = strings.TrimSpace(s)
				}
			}
			isPage := typ == "webpage"
			if !isPage {
				set(&p.ld.headline, ldString(t["headline"]))
				set(&p.ld.articleBody, ldString(t["articleBody"]))
			}
			set(&p.ld.datePublished, ldString(t["datePublished"]))
			set(&p.ld.dateCreated, ldString(t["dateCreated"]))
			set(&p.ld.inLanguage, ldString(t["inLanguage"]))
			if pub, ok := t["publisher"].(map[string]any); ok {
				set(&p.ld.publisher, ldString(pub["name"]))
			}
			if !isPage {
				set(&p.ld.url, ldString(t["url"]))
			}
		}
		if !article && p.ld.anyPublished == "" {
			p.ld.anyPublished = strings.TrimSpace(ldString(t["datePublished"]))
		}
		if typ == "organization" || typ == "newsmediaorganization" || typ == "website" {
			if p.ld.publisher == "" && typ != "website" {
				p.ld.publisher = strings.TrimSpace(ldString(t["name"]))
			}
		}
		if m, ok := t["mainEntity"]; ok {
			p.walkLD(m, depth+1)
		}
	}
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	case map[string]any:
		if s, ok := t["@value"].(string); ok {
			return s
		}
		if s, ok := t["name"].(string); ok {
			return s
		}
	}
	return ""
}

// canonicalURL is link rel=canonical, og:url, JSON-LD url or the fetch URL,
// made absolute against the fetch URL.
func (p *page) canonicalURL() string {
	for _, u := range []string{p.canonical, p.meta("og:url"), p.ld.url, p.opt.URL} {
		u = strings.TrimSpace(u)
		if u == "" || strings.HasPrefix(u, "#") {
			continue
		}
		parsed, err := url.Parse(u)
		if err != nil {
			continue
		}
		if !parsed.IsAbs() && p.opt.URL != "" {
			base, err := url.Parse(p.opt.URL)
			if err != nil {
				continue
			}
			parsed = base.ResolveReference(parsed)
		}
		if !parsed.IsAbs() {
			continue
		}
		return parsed.String()
	}
	return ""
}

// source is the site name: og:site_name, JSON-LD publisher, the part of
// the <title> that is not the headline, or the host.
func (p *page) source(title string) string {
	for _, s := range []string{p.meta("og:site_name"), p.ld.publisher, p.meta("application-name", "twitter:app:name:iphone")} {
		s = normSpace(s)
		if s != "" && len(s) < 80 {
			return s
		}
	}
	host := hostOf(p.canonicalURL())
	tag := cleanTitle(p.titleTag)
	if !bogusTitle(tag) {
		segs := segments(tag)
		if len(segs) >= 2 {
			var names []string
			if host != "" {
				names = append(names, host)
				for _, l := range strings.Split(host, ".") {
					if len(l) >= 4 {
						names = append(names, l)
					}
				}
			}
			for _, s := range segs {
				if isSiteName(s, names) {
					return s
				}
			}
			// Two parts, one the headline: the other names the site.
			tk := titleKey(title)
			if len(segs) == 2 && tk != "" {
				for i, s := range segs {
					if titleKey(s) == tk && len(strings.Fields(segs[1-i])) <= 6 {
						return segs[1-i]
					}
				}
			}
		}
	}
	return host
}

func hostOf(u string) string {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(parsed.Hostname()), "www.")
}

// --- small DOM helpers ---

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

func inSVG(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Namespace == "svg" || a.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

// textOf is the text of n's subtree, without scripts and styles.
func textOf(n *html.Node) string {
	return boundedText(n, math.MaxInt)
}

// normSpace collapses white space runs (including no-break spaces) to one
// space and trims the ends.
func normSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		// Soft hyphens and zero-width joiners are invisible: a word
		// hyphenated for layout ("Mes\u00adsen\u00adger") is one word.
		if r == '\u00ad' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' {
			continue
		}
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u200b' || r == '\u3000' || r == '\u2009' || r == '\u202f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// boundedText is the text of n's subtree, without scripts and styles, a
// <br> read as a space; it stops once it has max bytes: enough to judge a
// heading without copying the text of a whole page wrapper.
func boundedText(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return b.Len() < max
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript:
				return true
			case atom.Br:
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(n)
	return b.String()
}
