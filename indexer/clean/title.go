package clean

import (
	"html"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// title reconciles the headline sources. The <h1> is the headline as the
// reader sees it, so it wins when another source confirms it (the <title>
// or og:title contains it); otherwise og:title or JSON-LD headline, then
// <title>, each with a site-name prefix or suffix removed only when that
// part is the site name.
func (p *page) title() string {
	t := p.titleFromSources()
	if strings.HasSuffix(t, ":") {
		t = p.completeTitle(t)
	}
	return t
}

// completeTitle finishes a title that ends in a colon (a headline's
// kicker, cut where the heading breaks a line) with the headline source
// that continues it: an <h1>, og:title or the JSON-LD headline.
func (p *page) completeTitle(t string) string {
	var cands []string
	for _, n := range p.h1s {
		cands = append(cands, normSpace(boundedText(n, 600)))
	}
	names := p.siteNames()
	for _, s := range []string{p.meta("og:title", "twitter:title"), p.ld.headline} {
		cands = append(cands, stripSiteName(cleanTitle(s), names))
	}
	for _, c := range cands {
		if len(c) > len(t)+3 && strings.HasPrefix(c, t) && len(c) < 300 {
			return c
		}
	}
	return t
}

// refineTitle replaces a title that is only a section name ("Press
// Releases": short, and a link label elsewhere on the page) with the
// titled heading that opens the main text, when there is one.
func (p *page) refineTitle(t string, label bool) string {
	if p.top == nil || !label {
		return t
	}
	for _, src := range []string{p.meta("og:title", "twitter:title"), p.ld.headline} {
		if titleKey(src) == titleKey(t) {
			return t // the publisher's own metadata confirms it
		}
	}
	area := p.top.Parent
	if area == nil {
		return t
	}
	if area.Parent != nil && area.DataAtom != atom.Body {
		area = area.Parent
	}
	names := p.siteNames()
	for _, group := range [][]*xhtml.Node{p.h1s, p.heads} {
		for _, n := range group {
			if !contains(area, n) {
				continue
			}
			h := cleanTitle(boundedText(n, 600))
			words := len(strings.Fields(h))
			ci := strings.ToLower(classID(n))
			titled := n.DataAtom == atom.H1 || strings.Contains(ci, "title") || strings.Contains(ci, "headline")
			if titled && words >= 4 && words <= 40 && !isSiteName(h, names) && !linkDominated(n) {
				return h
			}
		}
	}
	return t
}

// isLinkText reports whether some link on the page reads t: then t is a
// menu or breadcrumb label (a section name), not a headline.
func (p *page) isLinkText(t string) bool {
	k := titleKey(t)
	if k == "" || p.body == nil {
		return false
	}
	found := false
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if found {
			return
		}
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.A {
			if titleKey(boundedText(n, 200)) == k {
				found = true
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return found
}

// linkDominated reports whether most of a heading's text is a link (a
// teaser or a logo, not the page's own headline).
func linkDominated(n *xhtml.Node) bool {
	all, link := 0, 0
	var walk func(n *xhtml.Node, in bool)
	walk = func(n *xhtml.Node, in bool) {
		if n.Type == xhtml.TextNode {
			all += len(strings.TrimSpace(n.Data))
			if in {
				link += len(strings.TrimSpace(n.Data))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in || c.DataAtom == atom.A)
		}
	}
	walk(n, false)
	return all > 0 && link*2 > all
}

func (p *page) titleFromSources() string {
	og := cleanTitle(p.meta("og:title", "twitter:title"))
	ld := cleanTitle(p.ld.headline)
	tag := cleanTitle(p.titleTag)
	var h1s []string
	for _, n := range p.h1s {
		if t := cleanTitle(textOf(n)); t != "" && len([]rune(t)) < 400 {
			h1s = append(h1s, t)
		}
	}
	names := p.siteNames()
	if bogusTitle(tag) {
		tag = ""
	}
	if bogusTitle(og) {
		og = ""
	}

	// A heading whose text is the whole of another source or one of its
	// separator-delimited segments is the headline without the site name.
	// og:title and JSON-LD are asked first: a <title> may name a section.
	// An <h1> made of a kicker and a headline gives the part that matches.
	matches := func(h string, srcs []string, loose bool) bool {
		hk := titleKey(h)
		for _, src := range srcs {
			if src == "" {
				continue
			}
			if titleKey(src) == hk {
				return true
			}
			segs := segments(src)
			if loose {
				segs = append(segs, strings.Split(src, ": ")...)
			}
			for _, seg := range segs {
				if titleKey(seg) == hk {
					return true
				}
			}
		}
		return false
	}
	for pass, srcs := range [][]string{{og, ld}, {tag}} {
		// Against <title>, several headings may match its parts (the blog's
		// name in <h1>, the post's title in <h2>): the longest is the
		// headline.
		longest := ""
		for gi, group := range [][]*xhtml.Node{p.h1s, p.heads} {
			for _, n := range group {
				if gi == 0 {
					if parts := headingParts(n); len(parts) >= 2 {
						best := ""
						for _, part := range parts {
							if len(part) > len(best) && len([]rune(titleKey(part))) >= 6 && !isSiteName(part, names) && matches(part, srcs, true) {
								best = part // the headline, not its kicker
							}
						}
						if best != "" {
							// A kicker matched (the <title> repeats it): the
							// headline is the longer other part.
							if len(parts) == 2 && len(strings.Fields(best)) <= 4 {
								other := parts[0]
								if other == best {
									other = parts[1]
								}
								if len(strings.Fields(other)) > len(strings.Fields(best)) && !isSiteName(other, names) {
									return other
								}
							}
							return best
						}
					}
				}
				h := cleanTitle(boundedText(n, 600))
				hk := titleKey(h)
				if len([]rune(hk)) < 6 || len(h) > 400 || isSiteName(h, names) {
					continue
				}
				if gi == 1 && len(strings.Fields(h)) < 3 && !strings.ContainsFunc(h, isCJK) {
					continue // a section label, not a headline
				}
				if matches(h, srcs, false) {
					if pass == 0 {
						return h
					}
					if len(h) > len(longest) {
						longest = h
					}
				}
			}
		}
		if longest != "" {
			return longest
		}
	}
	// An <h1> confirmed by another source.
	for _, h := range h1s {
		for _, other := range []string{og, ld, tag, cleanTitle(p.meta("headline", "dc.title"))} {
			if other != "" && titleKey(h) != "" && strings.Contains(titleKey(other), titleKey(h)) && len(titleKey(h)) >= len(titleKey(other))/3 {
				return h
			}
		}
	}
	// One plain <h1> is the headline as the reader sees it, even when
	// og:title words it differently for sharing.
	var plain []string
	for _, n := range p.h1s {
		h := cleanTitle(textOf(n))
		if k := kickerless(n); k != "" {
			h = k
		}
		if words := len(strings.Fields(h)); (words >= 3 || strings.ContainsFunc(h, isCJK)) && words <= 40 && !isSiteName(h, names) && !linkDominated(n) {
			plain = append(plain, h)
		}
	}
	if len(plain) == 1 {
		return plain[0]
	}
	for _, t := range []string{ld, og} {
		if t != "" {
			return stripSiteName(t, names)
		}
	}
	if tag != "" {
		// A title-tag segment written out in the page (an old page's bold
		// headline) is the headline; the rest is the site name.
		if seg := p.segmentInText(tag); seg != "" {
			return seg
		}
		return stripSiteName(tag, names)
	}
	if len(h1s) > 0 {
		return h1s[0]
	}
	return cleanTitle(p.meta("headline", "dc.title"))
}

func isCJK(r rune) bool { return r >= 0x2E80 }

// kickerless returns the headline of an <h1> made of exactly two element
// children, a short kicker ("Grenzschließungen") and the headline; "" for
// any other shape.
func kickerless(n *xhtml.Node) string {
	n = unwrap(n)
	var parts []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return ""
			}
		case xhtml.ElementNode:
			if c.DataAtom == atom.Br {
				continue
			}
			if t := cleanTitle(boundedText(c, 600)); t != "" {
				parts = append(parts, t)
			}
		}
	}
	if len(parts) != 2 {
		return ""
	}
	a, b := len(strings.Fields(parts[0])), len(strings.Fields(parts[1]))
	switch {
	case a <= 4 && b >= 3 && b > a:
		return parts[1]
	case b <= 4 && a >= 3 && a > b:
		return parts[0]
	}
	return ""
}

// unwrap descends through elements that only wrap one other element
// (<h1><span itemprop="headline">…</span></h1>).
func unwrap(n *xhtml.Node) *xhtml.Node {
	for depth := 0; depth < 4; depth++ {
		var only *xhtml.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.TextNode && strings.TrimSpace(c.Data) != "" {
				return n
			}
			if c.Type == xhtml.ElementNode {
				if only != nil {
					return n
				}
				only = c
			}
		}
		if only == nil || only.DataAtom == atom.A {
			return n
		}
		n = only
	}
	return n
}

// headingParts splits a heading into the texts of its children (a kicker
// span and a headline span, or lines split by <br>).
func headingParts(n *xhtml.Node) []string {
	n = unwrap(n)
	var parts []string
	var cur strings.Builder
	flush := func() {
		if t := cleanTitle(cur.String()); t != "" {
			parts = append(parts, t)
		}
		cur.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				flush()
				cur.WriteString(c.Data)
				flush()
			}
		case c.Type == xhtml.ElementNode && c.DataAtom == atom.Br:
			flush()
		case c.Type == xhtml.ElementNode:
			flush()
			cur.WriteString(boundedText(c, 600))
			flush()
		}
	}
	flush()
	return parts
}

// segmentInText returns the segment of a multi-part title that also stands
// alone as a text in the page's body (with the other segments as the site
// name), or "".
func (p *page) segmentInText(tag string) string {
	segs := segments(tag)
	if len(segs) < 2 || p.body == nil {
		return ""
	}
	keys := map[string]string{}
	for _, s := range segs {
		if k := titleKey(s); len(k) >= 8 {
			keys[k] = s
		}
	}
	found := ""
	seen := 0
	var walk func(n *xhtml.Node) bool
	walk = func(n *xhtml.Node) bool {
		if n.Type == xhtml.TextNode {
			seen++
			t := strings.TrimSpace(n.Data)
			if len(t) >= 8 && len(t) < 400 {
				if s, ok := keys[titleKey(t)]; ok && len(s) > len(found) {
					found = s // the longest: site names are short
				}
			}
			return seen < 5000
		}
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.A) {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(p.body)
	return found
}

// bogusTitle spots titles swallowed by broken markup ("…</titlevalue=…"
// followed by scripts): nobody writes markup in a headline that long.
func bogusTitle(s string) bool {
	return len(s) > 300 || strings.Contains(s, "<script") || strings.Contains(s, "<SCRIPT") || strings.Contains(s, "</") || strings.Contains(s, "document.write")
}

// segments splits a title at every separator.
func segments(t string) []string {
	parts := []string{t}
	for _, sep := range titleSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cleanTitle(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return normSpace(s)
}

// siteNames are the spellings the site's name may take in a title: its
// og:site_name, JSON-LD publisher, application name and host name labels.
func (p *page) siteNames() []string {
	var names []string
	for _, s := range []string{p.meta("og:site_name"), p.ld.publisher, p.meta("application-name"), p.meta("twitter:site")} {
		if s = strings.TrimPrefix(normSpace(s), "@"); s != "" {
			names = append(names, s)
		}
	}
	if h := hostOf(stripArchive(p.canonicalURL())); h != "" {
		names = append(names, h)
		labels := strings.Split(h, ".")
		for _, l := range labels {
			if len(l) >= 3 && l != "www" && l != "com" && l != "net" && l != "org" {
				names = append(names, l)
			}
		}
	}
	return names
}

var titleSeparators = []string{" | ", "|", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " / ", " : ", " || ", "｜", " ｜ ", " ‹ ", " › "}

// stripSiteName removes leading or trailing segments that are the site name.
func stripSiteName(t string, names []string) string {
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		changed := false
		for len(parts) > 1 && isSiteName(parts[len(parts)-1], names) {
			parts = parts[:len(parts)-1]
			changed = true
		}
		for len(parts) > 1 && isSiteName(parts[0], names) {
			parts = parts[1:]
			changed = true
		}
		if changed {
			return strings.TrimSpace(strings.Join(parts, sep))
		}
	}
	return t
}

// isSiteName tells whether a title segment names the site: it matches one
// of the names once case, spaces and punctuation are ignored, or contains
// the host name's main label ("Spiegel Online" on spiegel.de).
func isSiteName(seg string, names []string) bool {
	k := titleKey(seg)
	if k == "" {
		return false
	}
	for _, n := range names {
		nk := titleKey(n)
		if nk == "" {
			continue
		}
		if k == nk || strings.Contains(nk, k) && len(k) >= 4 || strings.Contains(k, nk) && len(nk) >= 4 && len(k) <= len(nk)+12 {
			return true
		}
	}
	return false
}

// titleKey is a string lower-cased with only letters and digits kept.
func titleKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
