package clean

import (
	"html"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleRules are the thresholds of the title rules, one field per rule
// (the rule's function names it). Change one to change one rule; the table
// tests in title_test.go pin each rule on pages we wrote.
var titleRules = struct {
	// HeadingTextBytes bounds the text read from one heading or heading
	// part: a headline is far shorter, and an unclosed <h1> may hold the
	// whole page.
	HeadingTextBytes int
	// MinHeadingKeyRunes: a heading with fewer letters and digits ("News",
	// "Home") matches a source's segment by accident, not as its headline
	// (sourceHeading, kickerHeadline).
	MinHeadingKeyRunes int
	// MaxHeadingBytes: a heading longer than this is a swallowed block,
	// not a headline (sourceHeading).
	MaxHeadingBytes int
	// MaxH1Runes: an <h1> text this long is not kept as a headline source
	// (confirmedH1 and the last fallback).
	MaxH1Runes int
	// SectionLabelWords: a lower heading (<h2>, <h3>, a titled class) of
	// fewer words is a section label, unless written in a CJK script where
	// words are not spaced (sourceHeading).
	SectionLabelWords int
	// KickerMaxWords: a heading part of at most this many words is a
	// kicker above the headline, not the headline (kickerHeadline,
	// kickerless).
	KickerMaxWords int
	// ConfirmShareDivisor: an <h1> inside another source confirms it only
	// when it is at least 1/ConfirmShareDivisor of that source (a one-word
	// <h1> inside a long <title> confirms nothing) (confirmedH1).
	ConfirmShareDivisor int
	// PlainMinWords, HeadlineMaxWords: a lone <h1> of this many words is
	// the headline as the reader sees it (plainH1); fewer is a label, more
	// a paragraph set as a heading. PlainMinWords is also the least a
	// headline part beside a kicker has (kickerless).
	PlainMinWords, HeadlineMaxWords int
	// RefineMinWords: the titled heading that replaces a section-name
	// title has at least this many words (refineTitle).
	RefineMinWords int
	// CompletionMinExtraBytes, CompletionMaxBytes: a source that continues
	// a title ending in a colon must add more than a few bytes and stay a
	// headline's length (completeTitle).
	CompletionMinExtraBytes, CompletionMaxBytes int
	// BogusMaxBytes: a title longer than this swallowed broken markup
	// (bogusTitle).
	BogusMaxBytes int
	// SiteNameMinKeyBytes, SiteNameMaxExtraBytes: a segment inside a site
	// name, or a segment holding a site name with at most a few more
	// letters ("Spiegel Online" for spiegel), names the site; shorter keys
	// match by accident (isSiteName; bytes of the titleKey).
	SiteNameMinKeyBytes, SiteNameMaxExtraBytes int
	// SiteLabelMinBytes: host-name labels shorter than this ("co", "uk")
	// are not site names (siteNames).
	SiteLabelMinBytes int
	// SegmentMinKeyBytes, SegmentMaxBytes, SegmentMaxTextNodes: a <title>
	// segment written out alone in the page is the headline if it is long
	// enough not to be a word of the text; the walk stops after so many
	// text nodes (segmentInText).
	SegmentMinKeyBytes, SegmentMaxBytes, SegmentMaxTextNodes int
	// LinkTextBytes bounds the text read from one link when looking for
	// the title as a link label (isLinkText).
	LinkTextBytes int
	// UnwrapDepth: how many single-child wrappers are looked through for a
	// heading's parts (unwrap).
	UnwrapDepth int
}{
	HeadingTextBytes:        600,
	MinHeadingKeyRunes:      6,
	MaxHeadingBytes:         400,
	MaxH1Runes:              400,
	SectionLabelWords:       3,
	KickerMaxWords:          4,
	ConfirmShareDivisor:     3,
	PlainMinWords:           3,
	HeadlineMaxWords:        40,
	RefineMinWords:          4,
	CompletionMinExtraBytes: 3,
	CompletionMaxBytes:      300,
	BogusMaxBytes:           300,
	SiteNameMinKeyBytes:     4,
	SiteNameMaxExtraBytes:   12,
	SiteLabelMinBytes:       3,
	SegmentMinKeyBytes:      8,
	SegmentMaxBytes:         400,
	SegmentMaxTextNodes:     5000,
	LinkTextBytes:           200,
	UnwrapDepth:             4,
}

// title reconciles the headline sources. The <h1> is the headline as the
// reader sees it, so it wins when another source confirms it (the <title>
// or og:title contains it); otherwise og:title or JSON-LD headline, then
// <title>, each with a site-name prefix or suffix removed only when that
// part is the site name. A title ending in a colon is then completed.
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
		cands = append(cands, normSpace(boundedText(n, titleRules.HeadingTextBytes)))
	}
	names := p.siteNames()
	for _, s := range []string{p.meta("og:title", "twitter:title"), p.ld.headline} {
		cands = append(cands, stripSiteName(cleanTitle(s), names))
	}
	for _, c := range cands {
		if len(c) > len(t)+titleRules.CompletionMinExtraBytes && strings.HasPrefix(c, t) && len(c) < titleRules.CompletionMaxBytes {
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
			h := cleanTitle(boundedText(n, titleRules.HeadingTextBytes))
			words := len(strings.Fields(h))
			ci := strings.ToLower(classID(n))
			titled := n.DataAtom == atom.H1 || strings.Contains(ci, "title") || strings.Contains(ci, "headline")
			if titled && words >= titleRules.RefineMinWords && words <= titleRules.HeadlineMaxWords && !isSiteName(h, names) && !linkDominated(n) {
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
			if titleKey(boundedText(n, titleRules.LinkTextBytes)) == k {
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

// titleSources are a page's headline sources, cleaned once: og:title (or
// twitter:title), the JSON-LD headline, the <title>, a headline meta tag
// and the <h1> texts,
// with the spellings of the site's name.
type titleSources struct {
	og, ld, tag string
	meta        string // a headline or dc.title meta tag
	h1s         []string
	names       []string
}

// titleSources gathers the sources. A <title> or og:title swallowed by
// broken markup is dropped (bogusTitle); an <h1> too long to be a headline
// is not kept.
func (p *page) titleSources() titleSources {
	s := titleSources{
		og:    cleanTitle(p.meta("og:title", "twitter:title")),
		ld:    cleanTitle(p.ld.headline),
		tag:   cleanTitle(p.titleTag),
		meta:  cleanTitle(p.meta("headline", "dc.title")),
		names: p.siteNames(),
	}
	for _, n := range p.h1s {
		if t := cleanTitle(textOf(n)); t != "" && len([]rune(t)) < titleRules.MaxH1Runes {
			s.h1s = append(s.h1s, t)
		}
	}
	if bogusTitle(s.tag) {
		s.tag = ""
	}
	if bogusTitle(s.og) {
		s.og = ""
	}
	return s
}

// titleFromSources tries the title rules in order, each a step below; the
// first that gives a title wins.
func (p *page) titleFromSources() string {
	s := p.titleSources()
	// A heading that another source repeats is the headline without the
	// site name. og:title and JSON-LD are asked first: a <title> may name a
	// section.
	if h := p.sourceHeading(s, []string{s.og, s.ld}, false); h != "" {
		return h
	}
	if h := p.sourceHeading(s, []string{s.tag}, true); h != "" {
		return h
	}
	if h := confirmedH1(s); h != "" {
		return h
	}
	if h := p.plainH1(s.names); h != "" {
		return h
	}
	if h := metadataTitle(s); h != "" {
		return h
	}
	if s.tag != "" {
		return p.tagTitle(s.tag, s.names)
	}
	if len(s.h1s) > 0 {
		return s.h1s[0]
	}
	return s.meta
}

// sourceHeading returns the <h1> or lower heading whose text is the whole
// of one of srcs or one of its separator-delimited segments, or "". An
// <h1> made of a kicker and a headline gives the part that matches
// (kickerHeadline). With longest (against the <title>) several headings
// may match its parts (the blog's name in <h1>, the post's title in
// <h2>): the longest is the headline; else the first wins.
func (p *page) sourceHeading(s titleSources, srcs []string, longest bool) string {
	best := ""
	for gi, group := range [][]*xhtml.Node{p.h1s, p.heads} {
		for _, n := range group {
			if gi == 0 {
				if h := kickerHeadline(n, srcs, s.names); h != "" {
					return h
				}
			}
			h := headlineCandidate(n, gi == 1, s.names)
			if h == "" || !matchesSource(h, srcs, false) {
				continue
			}
			if !longest {
				return h
			}
			if len(h) > len(best) {
				best = h
			}
		}
	}
	return best
}

// headlineCandidate is a heading's text if it may be a headline: long
// enough not to match by accident, short enough not to be a swallowed
// block, not the site's name and, for a lower heading, not a section
// label of one or two words. "" otherwise.
func headlineCandidate(n *xhtml.Node, lower bool, names []string) string {
	h := cleanTitle(boundedText(n, titleRules.HeadingTextBytes))
	if len([]rune(titleKey(h))) < titleRules.MinHeadingKeyRunes || len(h) > titleRules.MaxHeadingBytes || isSiteName(h, names) {
		return ""
	}
	if lower && len(strings.Fields(h)) < titleRules.SectionLabelWords && !strings.ContainsFunc(h, isCJK) {
		return "" // a section label, not a headline
	}
	return h
}

// matchesSource reports whether heading h is one of srcs, or one of its
// separator-delimited segments; loose also accepts the parts around ": "
// (a source that writes "Kicker: Headline").
func matchesSource(h string, srcs []string, loose bool) bool {
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

// kickerHeadline handles an <h1> of two or more parts (a kicker span and a
// headline span, or lines split by <br>): the longest part a source
// repeats is the headline. When that part is itself a short kicker of a
// two-part heading (the <title> repeats the kicker), the headline is the
// longer other part. "" when no part matches.
func kickerHeadline(n *xhtml.Node, srcs, names []string) string {
	parts := headingParts(n)
	if len(parts) < 2 {
		return ""
	}
	best := ""
	for _, part := range parts {
		if len(part) > len(best) && len([]rune(titleKey(part))) >= titleRules.MinHeadingKeyRunes && !isSiteName(part, names) && matchesSource(part, srcs, true) {
			best = part // the headline, not its kicker
		}
	}
	if best == "" {
		return ""
	}
	if len(parts) == 2 && len(strings.Fields(best)) <= titleRules.KickerMaxWords {
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

// confirmedH1 is the first <h1> that another source (og:title, JSON-LD,
// <title>, a headline or dc.title meta) contains, when it is a fair share
// of that source and not one word of it; "" otherwise.
func confirmedH1(s titleSources) string {
	for _, h := range s.h1s {
		hk := titleKey(h)
		for _, other := range []string{s.og, s.ld, s.tag, s.meta} {
			ok := titleKey(other)
			if other != "" && hk != "" && strings.Contains(ok, hk) && len(hk) >= len(ok)/titleRules.ConfirmShareDivisor {
				return h
			}
		}
	}
	return ""
}

// plainH1 is the page's one plain <h1> (without its kicker) when there is
// exactly one: the headline as the reader sees it, even when og:title words
// it differently for sharing. Headings of one or two words (labels), of
// more than HeadlineMaxWords, naming the site or mostly a link are not
// counted. "" when none or several.
func (p *page) plainH1(names []string) string {
	var plain []string
	for _, n := range p.h1s {
		h := cleanTitle(textOf(n))
		if k := kickerless(n); k != "" {
			h = k
		}
		if words := len(strings.Fields(h)); (words >= titleRules.PlainMinWords || strings.ContainsFunc(h, isCJK)) && words <= titleRules.HeadlineMaxWords && !isSiteName(h, names) && !linkDominated(n) {
			plain = append(plain, h)
		}
	}
	if len(plain) == 1 {
		return plain[0]
	}
	return ""
}

// metadataTitle is the JSON-LD headline, else og:title, with a site-name
// prefix or suffix removed; "" when neither is given.
func metadataTitle(s titleSources) string {
	for _, t := range []string{s.ld, s.og} {
		if t != "" {
			return stripSiteName(t, s.names)
		}
	}
	return ""
}

// tagTitle is the headline in a <title>: a segment written out in the page
// (an old page's bold headline), the rest being the site name; else the
// <title> without its site-name segments.
func (p *page) tagTitle(tag string, names []string) string {
	if seg := p.segmentInText(tag); seg != "" {
		return seg
	}
	return stripSiteName(tag, names)
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
			if t := cleanTitle(boundedText(c, titleRules.HeadingTextBytes)); t != "" {
				parts = append(parts, t)
			}
		}
	}
	if len(parts) != 2 {
		return ""
	}
	a, b := len(strings.Fields(parts[0])), len(strings.Fields(parts[1]))
	k, least := titleRules.KickerMaxWords, titleRules.PlainMinWords
	switch {
	case a <= k && b >= least && b > a:
		return parts[1]
	case b <= k && a >= least && a > b:
		return parts[0]
	}
	return ""
}

// unwrap descends through elements that only wrap one other element
// (<h1><span itemprop="headline">…</span></h1>).
func unwrap(n *xhtml.Node) *xhtml.Node {
	for depth := 0; depth < titleRules.UnwrapDepth; depth++ {
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
			cur.WriteString(boundedText(c, titleRules.HeadingTextBytes))
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
		if k := titleKey(s); len(k) >= titleRules.SegmentMinKeyBytes {
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
			if len(t) >= titleRules.SegmentMinKeyBytes && len(t) < titleRules.SegmentMaxBytes {
				if s, ok := keys[titleKey(t)]; ok && len(s) > len(found) {
					found = s // the longest: site names are short
				}
			}
			return seen < titleRules.SegmentMaxTextNodes
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
	return len(s) > titleRules.BogusMaxBytes || strings.Contains(s, "<script") || strings.Contains(s, "<SCRIPT") || strings.Contains(s, "</") || strings.Contains(s, "document.write")
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
			if len(l) >= titleRules.SiteLabelMinBytes && l != "www" && l != "com" && l != "net" && l != "org" {
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
		least, extra := titleRules.SiteNameMinKeyBytes, titleRules.SiteNameMaxExtraBytes
		if k == nk || strings.Contains(nk, k) && len(k) >= least || strings.Contains(k, nk) && len(nk) >= least && len(k) <= len(nk)+extra {
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
