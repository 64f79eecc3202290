package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main text is found in four steps over the parsed tree:
//
//  1. prune: drop what is never article text (scripts, forms' controls,
//     navigation, hidden elements) and blocks whose class or id says they
//     are boilerplate (comments, share bars, related links, cookie and
//     newsletter boxes, captions, bylines), unless they hold most of the text;
//  2. score: every paragraph-like block gives points for its length and
//     commas to its parent and, less, to its grandparents, so the element
//     that holds most of the prose wins; semantic markup (<article>,
//     itemprop=articleBody) and class names add or take points, and link
//     density scales the score down;
//  3. gather: the winner's siblings join it when they score well or read
//     like prose;
//  4. emit: the chosen subtrees become paragraphs (one per block, list item,
//     heading or table row) and paragraphs that are mostly links or read
//     like widgets are dropped.
//
// goquery selects and removes (prune, dropBoiler); measuring, scoring and
// emitting walk the *html.Node values under the body's selection
// (Selection.Nodes), because they need every element's text and link
// sizes computed bottom-up in one pass and looked up per node, which
// selections would recompute for each question.

type nstat struct {
	text, link int // weighted text length, of it inside links
	// teasers counts headings that are links: the mark of a list of other
	// articles (more stories, related, most read).
	teasers   int
	score     float64
	candidate bool
}

type extractor struct {
	stats map[*html.Node]*nstat
	total int
	// headline is the page's first <h1>, when it is in the body.
	headline *html.Node
	stop     *stopper
}

var (
	junkTags = map[atom.Atom]bool{
		atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
		atom.Svg: true, atom.Canvas: true, atom.Button: true, atom.Input: true, atom.Select: true,
		atom.Textarea: true, atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Figcaption: true,
		atom.Figure: true, atom.Object: true, atom.Embed: true, atom.Video: true, atom.Audio: true,
		atom.Map: true, atom.Dialog: true, atom.Label: true, atom.Menu: true, atom.Head: true, atom.Picture: true,
		atom.Math: true, atom.Option: true,
	}
	junkRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
		"dialog": true, "alertdialog": true, "search": true, "menu": true, "menubar": true, "toolbar": true, "alert": true}

	// negativeWords are class/id words (split at anything not a letter)
	// of blocks that are not article text.
	negativeWords = wordSet(`ad ads advert advertisement advertising banner breadcrumb breadcrumbs byline caption
		comment comments commentlist community consent cookie cookies copyright credit disqus footer gdpr masthead
		menu meta modal nav navbar navigation newsletter outbrain overlay pager pagination popup print promo
		recommended related remark replies rss share sharing shoutbox sidebar skyscraper social sponsor sponsored
		subscribe subscription tag tags taboola toolbar tools widget author signup login more-stories mostread
		trending socialbar jump skip hidden infobox disclaimer photo image img gallery video audio slideshow
		carousel pullquote tooltip dateline timestamp date follow bio contact rating poll header topbar logo search
		feedback satisfaction survey`)
	// positiveWords are substrings of class/id that mark article containers.
	positiveWords = []string{"article", "body", "content", "entry", "main", "post", "text", "blog", "story", "single",
		"artikel", "inhalt", "beitrag", "detail"}
	boilerRE = regexp.MustCompile(`(?i)^(advertisement|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|reklama|reklame|iklan|広告|광고|share( this)?( article| story)?|read more|mehr lesen|weiterlesen|click here|sign up|subscribe|follow us|related|related articles|related stories|more from|loading|tweet|print|advert|email|e-mail|facebook|twitter|whatsapp|linkedin|comments?|top|back to top|nach oben|zurück|home|next|previous|continue reading|see also|siehe auch|lesen sie auch|auch interessant|newsletter|cookies?|was this (information|page|article) helpful\??|war dieser (artikel|beitrag) hilfreich\??)\s*[:.…!»›>|]*\s*(\(\d+\))?$`)
)

// mainText returns the article's paragraphs.
func (p *page) mainText(title string) []string {
	if p.body == nil {
		return nil
	}
	x := &extractor{stats: map[*html.Node]*nstat{}, stop: p.stop}
	if len(p.h1s) > 0 && contains(p.body, p.h1s[0]) {
		x.headline = p.h1s[0]
	}
	p.prune()
	x.measure(p.body)
	x.total = x.stats[p.body].text
	top := x.best(p.body, p.bodySel)
	if top == nil {
		top = p.body
	}
	p.top = top
	nodes := x.gather(top)
	paras := dropLeadIn(x.emit(nodes, title), title)
	return reconcileLD(paras, p.ld.articleBody)
}

// junkMatcher selects what is never article text: tags (scripts,
// controls, navigation, figures), hidden elements and ARIA roles of page
// furniture. It is a goquery.Matcher written in Go rather than a CSS
// selector group: a group of ~45 selectors (with case-insensitive
// attribute tests that lower-case every value) cost a quarter of the
// cleaning time, this costs an atom lookup and one pass over the
// attributes per element. MatchAll does not descend into a match, since
// the whole subtree goes.
type junkMatcher struct{}

func (junkMatcher) Match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if junkTags[n.DataAtom] || n.Namespace != "" {
		return true
	}
	junk := false
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			junk = true
		case "aria-hidden":
			junk = junk || a.Val == "true"
		case "style":
			if hiddenStyle(a.Val) {
				junk = true
			}
		case "role":
			junk = junk || junkRoles[strings.ToLower(a.Val)]
		case "itemprop":
			if strings.Contains(strings.ToLower(a.Val), "articlebody") {
				return false
			}
		}
	}
	return junk
}

func (m junkMatcher) MatchAll(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if m.Match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(n)
	return out
}

func (m junkMatcher) Filter(nodes []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range nodes {
		if m.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// hiddenStyle reports whether an inline style hides the element.
func hiddenStyle(s string) bool {
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") && !strings.Contains(s, "NONE") && !strings.Contains(s, "HIDDEN") {
		return false
	}
	s = strings.ToLower(s)
	return strings.Contains(s, "display:none") || strings.Contains(s, "display: none") || strings.Contains(s, "visibility:hidden") || strings.Contains(s, "visibility: hidden")
}

// prune removes junk elements from the page: one goquery selection of
// them all, removed at once.
func (p *page) prune() {
	p.bodySel.FindMatcher(junkMatcher{}).Remove()
}

// measure fills the text and link lengths of every element, bottom up.
func (x *extractor) measure(n *html.Node) *nstat {
	x.stop.check()
	s := &nstat{}
	x.stats[n] = s
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			s.text += textWeight(c.Data)
		case html.ElementNode:
			cs := x.measure(c)
			s.text += cs.text
			s.teasers += cs.teasers
			if c.DataAtom == atom.A {
				s.link += cs.text
			} else {
				s.link += cs.link
			}
			switch c.DataAtom {
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if cs.text > 0 && cs.link*2 > cs.text {
					s.teasers++
				}
			}
		}
	}
	return s
}

// textWeight counts non-space characters, CJK ones twice (one carries about
// as much as a short Latin word's share of letters).
func textWeight(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
				w++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x2E80 {
			w += 2
		} else if r != 0xA0 {
			w++
		}
	}
	return w
}

func (x *extractor) linkDensity(n *html.Node) float64 {
	s := x.stats[n]
	if s == nil || s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

func classID(n *html.Node) string {
	return attr(n, "class") + " " + attr(n, "id")
}

// boilerplate tells whether an element's class/id says it is not article
// text. Elements also named like content ("article-comments" is still
// comments, "post-content" is not) are judged by the first word that tells.
func boilerplate(n *html.Node) bool {
	ci := classID(n)
	if len(ci) < 3 {
		return false
	}
	if !negativeClass(ci) {
		return false
	}
	// An embedded post (a tweet quoted in the article) sits in a wrapper
	// named after social media: it is a quotation, not a share bar.
	if strings.Contains(strings.ToLower(ci), "embed") && hasDescendant(n, atom.Blockquote) {
		return false
	}
	if positiveClass(ci) {
		l := strings.ToLower(ci)
		// Positive words decide unless the negative word is a strong one.
		for _, strong := range []string{"comment", "related", "share", "sharing", "social", "newsletter", "cookie", "consent", "caption", "byline", "promo", "sidebar", "footer", "advert", "recommend", "teaser", "breadcrumb", "tags", "author", "meta", "gallery", "video", "photo", "image", "subscribe", "widget"} {
			if strings.Contains(l, strong) {
				return true
			}
		}
		return false
	}
	return true
}

// dropBoiler removes, after measuring, boilerplate-classed blocks and
// headers that do not hold a large share of the page's text. goquery
// selects the elements that carry a class, id or are headers; the verdict
// needs the text sizes measured on the nodes.
func (x *extractor) dropBoiler(body *goquery.Selection) {
	body.FindMatcher(boilerCandSel).FilterFunction(func(_ int, s *goquery.Selection) bool {
		c := s.Nodes[0]
		if tableCell[c.DataAtom] || c.DataAtom == atom.Body || c.DataAtom == atom.Main || c.DataAtom == atom.Article {
			return false
		}
		if c.DataAtom != atom.Header && !boilerplate(c) {
			return false
		}
		if inProse(c) {
			return false
		}
		if strings.Contains(strings.ToLower(s.AttrOr("itemprop", "")), "articlebody") {
			return false
		}
		st := x.stats[c]
		big := st != nil && x.total > 0 && float64(st.text) > 0.5*float64(x.total) && x.linkDensity(c) < 0.4
		// A wrapper that holds the headline and a good share of the prose
		// is the article's, whatever its class ("widget Blog" wraps every
		// post on one blogging platform).
		withHeadline := c.DataAtom != atom.Header && x.headline != nil && st != nil && contains(c, x.headline) &&
			float64(st.text) > 0.25*float64(x.total) && x.linkDensity(c) < 0.3
		// A block that holds nearly the whole page is a wrapper left open
		// (an unclosed <div id="header">), not boilerplate.
		whole := st != nil && x.total > 0 && float64(st.text) > 0.9*float64(x.total)
		// Words for small things (a byline, a caption, a date, tags) do not
		// describe a block holding a quarter of the page's prose: that is
		// the article under a misleading name (id="content_byline").
		sizeable := c.DataAtom != atom.Header && st != nil && st.text > 800 && float64(st.text) > 0.25*float64(x.total) &&
			x.linkDensity(c) < 0.3 && onlySmallKinds(classID(c))
		return !big && !withHeadline && !whole && !sizeable
	}).Remove()
}

var boilerCandSel = cascadia.MustCompile("[class], [id], header")

// inlineTags are phrasing elements: inside a sentence they are words of
// it, whatever their class (a glossary link classed "tooltip", a
// javascript: link classed "popup-link").
var inlineTags = map[atom.Atom]bool{atom.A: true, atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true,
	atom.I: true, atom.U: true, atom.Abbr: true, atom.Dfn: true, atom.Cite: true, atom.Mark: true, atom.Small: true,
	atom.Sup: true, atom.Sub: true, atom.Q: true, atom.Font: true, atom.Time: true}

// inProseMinText is the least text (bytes, spaces trimmed) a sibling text
// node needs for an inline element beside it to count as inside a sentence.
const inProseMinText = 3

// inProse reports an inline element in running text: no block inside it,
// and text of its own paragraph directly before or after it.
func inProse(n *html.Node) bool {
	if !inlineTags[n.DataAtom] || hasBlockChild(n) {
		return false
	}
	for _, sib := range []*html.Node{n.PrevSibling, n.NextSibling} {
		if sib != nil && sib.Type == html.TextNode && len(strings.TrimSpace(sib.Data)) >= inProseMinText {
			return true
		}
	}
	return false
}

// tableCell elements are never judged by class names: rows of a data
// table carry ids and classes of what they list ("player-2020-580").
var tableCell = map[atom.Atom]bool{atom.Tr: true, atom.Tbody: true, atom.Thead: true}

var paraTags = map[atom.Atom]bool{atom.P: true, atom.Pre: true, atom.Td: true, atom.Blockquote: true, atom.Li: true, atom.Dd: true}

// blockTags start a new paragraph in the output.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Caption: true,
	atom.Hr: true, atom.Br: true, atom.Header: true, atom.Address: true, atom.Center: true, atom.Form: true,
	atom.Fieldset: true, atom.Details: true, atom.Summary: true, atom.Body: true, atom.Html: true,
}

// hasBlockChild reports whether a div holds other blocks (else it is a
// paragraph in disguise).
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
	}
	return false
}

// directText is the weight of n's own text children plus inline children.
func (x *extractor) directText(n *html.Node) int {
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w += textWeight(c.Data)
		case html.ElementNode:
			if !blockTags[c.DataAtom] {
				if s := x.stats[c]; s != nil {
					w += s.text
				}
			}
		}
	}
	return w
}

// scoreRuleSet holds the thresholds of the score and gather steps, so that
// each can be read and changed alone.
type scoreRuleSet struct {
	// MinParaWeight is the least text (textWeight) a paragraph-like block
	// needs to give points to its ancestors.
	MinParaWeight int
	// ListItemMaxLinks: a list item with more of its text in links is a
	// menu entry and gives no points.
	ListItemMaxLinks float64
	// LengthUnit and LengthMax: a block gets a point per LengthUnit of
	// text, at most LengthMax, besides one point and one per comma.
	LengthUnit, LengthMax float64
	// AncestorLevels is how many ancestors a block's points reach.
	AncestorLevels int
	// A rival elsewhere on the page replaces the winner when it scores at
	// least RivalScore of it, holds RivalProse times its unlinked text and
	// has less than RivalMaxLinks of its text in links.
	RivalScore, RivalProse, RivalMaxLinks float64
	// StrongShare: candidates scoring this share of the winner's score are
	// parts of one article when they share an ancestor.
	StrongShare float64
	// StrongMinText: such a part holds at least this share of the
	// winner's text (a short cell with a "content" class is not one).
	StrongMinText float64
	// WrapperMaxLinks: an ancestor of the winner scoring StrongShare of it
	// is the article's wrapper when less of its text than this is in links.
	WrapperMaxLinks float64
	// WrapperPartShare: the other part a wrapper must hold scores at
	// least this share of the winner (a player's settings menu gives no
	// points).
	WrapperPartShare float64
	// ClimbShare: the winner is replaced by its parent while it holds at
	// least this share of the parent's text.
	ClimbShare float64
	// A sibling of the winner joins it when it scores at least
	// max(SiblingMinScore, SiblingScoreShare × the winner's score) and has
	// at most SiblingMaxLinks of its text in links.
	SiblingMinScore, SiblingScoreShare, SiblingMaxLinks float64
	// A sibling paragraph joins when it holds more than ProseMinWeight of
	// text with less than ProseMaxLinks in links (or is a short sentence
	// without links).
	ProseMinWeight int
	ProseMaxLinks  float64
	// TeaserCutMinShare: a teaser-list opener (teaserOpenRE) cuts the
	// text only when at least this share of it comes before.
	TeaserCutMinShare float64
	// CommentPromptMaxBytes is the longest line read as a prompt to
	// comment (commentPromptRE), login sentences included.
	CommentPromptMaxBytes int
	// EndMatterMaxBytes is the longest label read as the opener of the
	// matter after an article (endMatterRE: author box, contact, sources).
	EndMatterMaxBytes int
	// TeaserListMaxMean: what follows such an opener is a list when its
	// paragraphs average fewer bytes than this.
	TeaserListMaxMean int
	// PriorFullText: a candidate with less text (textWeight) gets only
	// its share of a positive prior from tag and class names.
	PriorFullText int
	// CommentOpenerMaxWeight is the longest block (textWeight) read as
	// the line that opens readers' comments.
	CommentOpenerMaxWeight int
}

// scoring are the thresholds in use.
var scoring = scoreRuleSet{
	MinParaWeight: 25, ListItemMaxLinks: 0.3,
	LengthUnit: 100, LengthMax: 3,
	AncestorLevels: 5,
	RivalScore:     0.6, RivalProse: 1.5, RivalMaxLinks: 0.25,
	StrongShare: 0.75, StrongMinText: 0.25, WrapperMaxLinks: 0.05, WrapperPartShare: 0.5, ClimbShare: 0.85,
	SiblingMinScore: 10, SiblingScoreShare: 0.2, SiblingMaxLinks: 0.33,
	ProseMinWeight: 80, ProseMaxLinks: 0.25,
	CommentOpenerMaxWeight: 120, PriorFullText: 200, TeaserCutMinShare: 0.5, TeaserListMaxMean: 200, CommentPromptMaxBytes: 160, EndMatterMaxBytes: 40,
}

// best scores the candidates and returns the top one.
func (x *extractor) best(body *html.Node, sel *goquery.Selection) *html.Node {
	x.dropBoiler(sel)
	x.stats = map[*html.Node]*nstat{}
	x.measure(body)
	x.total = x.stats[body].text

	var cands []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			x.stop.check()
			walk(c)
			isPara := paraTags[c.DataAtom]
			var w int
			if isPara {
				w = x.stats[c].text
			} else if c.DataAtom == atom.Div || c.DataAtom == atom.Section || c.DataAtom == atom.Article || c.DataAtom == atom.Span || c.DataAtom == atom.Font || c.DataAtom == atom.Center {
				w = x.directText(c)
				isPara = w >= scoring.MinParaWeight && (c.DataAtom != atom.Span || !hasBlockChild(c))
			}
			if !isPara || w < scoring.MinParaWeight {
				continue
			}
			if c.DataAtom == atom.Li && x.linkDensity(c) > scoring.ListItemMaxLinks {
				continue
			}
			text := textOf(c)
			score := 1 + float64(commas(text))
			score += min(float64(w)/scoring.LengthUnit, scoring.LengthMax)
			score *= 1 - min(x.linkDensity(c), 1)
			level := 0
			for a := c.Parent; a != nil && level < scoring.AncestorLevels; a = a.Parent {
				if a.Type != html.ElementNode {
					break
				}
				s := x.stats[a]
				if s == nil {
					break
				}
				if !s.candidate {
					s.candidate = true
					s.score = initialScore(a)
					if s.score > 0 && s.text < scoring.PriorFullText {
						// A class name vouches for a block only as far
						// as it holds text: a short cell classed
						// "content" is not an article.
						s.score *= float64(s.text) / float64(scoring.PriorFullText)
					}
					cands = append(cands, a)
				}
				div := 1.0
				switch level {
				case 0:
				case 1:
					div = 2
				default:
					div = float64(level) * 3
				}
				s.score += score / div
				level++
			}
		}
	}
	walk(body)
	var top *html.Node
	topScore := 0.0
	for _, c := range cands {
		s := x.stats[c]
		s.score *= 1 - x.linkDensity(c)
		if s.score > topScore {
			top, topScore = c, s.score
		}
	}
	if top == nil {
		return nil
	}
	// A rival elsewhere on the page that scores almost as well but holds
	// much more prose is the article; the winner was a denser sidebar
	// (a blog excerpt, a boxed story).
	plain := func(n *html.Node) float64 { s := x.stats[n]; return float64(s.text - s.link) }
	for _, c := range cands {
		if c == top || contains(c, top) || contains(top, c) {
			continue
		}
		if x.stats[c].score >= scoring.RivalScore*topScore && plain(c) >= scoring.RivalProse*plain(top) && x.linkDensity(c) < scoring.RivalMaxLinks {
			top, topScore = c, x.stats[c].score
		}
	}
	// When several strong candidates sit under one ancestor, the article is
	// split into parts: take the ancestor.
	var strong []*html.Node
	for _, c := range cands {
		// Only candidates beside the winner are other parts: the blocks
		// inside it and the wrappers around it score from its own text.
		if c != top && !contains(top, c) && !contains(c, top) && x.stats[c].score >= scoring.StrongShare*topScore &&
			float64(x.stats[c].text) >= scoring.StrongMinText*float64(x.stats[top].text) {
			strong = append(strong, c)
		}
	}
	if len(strong) >= 2 {
		for a := top.Parent; a != nil && a.DataAtom != atom.Body; a = a.Parent {
			n := 0
			for _, c := range strong {
				if contains(a, c) {
					n++
				}
			}
			if n >= 2 {
				top = a
				break
			}
		}
	}
	// A wrapper that scores nearly as well as the winner, with few links,
	// and holds another part of the article beside it (its other
	// sections, a recipe's ingredients beside its steps) is the article:
	// take the outermost such wrapper.
	winner, winScore := top, topScore
	for a := top.Parent; a != nil && a.DataAtom != atom.Body && a.Type == html.ElementNode; a = a.Parent {
		s := x.stats[a]
		if s == nil || !s.candidate || s.score < scoring.StrongShare*winScore || x.linkDensity(a) >= scoring.WrapperMaxLinks {
			continue
		}
		for _, c := range cands {
			if contains(a, c) && !contains(winner, c) && !contains(c, winner) && x.stats[c].score >= scoring.WrapperPartShare*winScore {
				top = a
				break
			}
		}
	}
	// Climb while the parent holds little besides the candidate, so that
	// prose split over wrapper elements stays together.
	// The share is of the winner's own text, so that small additions at
	// every level (a byline cell, a row of links) do not add up to a
	// climb into the page's layout table.
	won := x.stats[top].text
	for top.Parent != nil && top.Parent.DataAtom != atom.Body && top.Parent.Type == html.ElementNode {
		ps := x.stats[top.Parent]
		if ps == nil || float64(won) < scoring.ClimbShare*float64(ps.text) {
			break
		}
		top = top.Parent
	}
	return top
}

func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

func commas(s string) int {
	return strings.Count(s, ",") + strings.Count(s, "，") + strings.Count(s, "、") + strings.Count(s, "。")
}

// initialScore is the prior of a candidate from its tag and class names.
func initialScore(n *html.Node) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		s += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s -= 5
	}
	if n.DataAtom == atom.Article {
		s += 10
	}
	ci := classID(n)
	if positiveClass(ci) {
		s += 25
	}
	if negativeClass(ci) {
		s -= 25
	}
	if strings.Contains(strings.ToLower(attr(n, "itemprop")), "articlebody") {
		s += 50
	}
	return s
}

// gather returns the top candidate with the siblings that belong to it.
func (x *extractor) gather(top *html.Node) []*html.Node {
	parent := top.Parent
	if parent == nil || top.DataAtom == atom.Body {
		return []*html.Node{top}
	}
	ts := x.stats[top]
	if ts == nil {
		return []*html.Node{top}
	}
	threshold := max(scoring.SiblingMinScore, ts.score*scoring.SiblingScoreShare)
	var out []*html.Node
	after := false
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s == top {
			out = append(out, s)
			after = true
			continue
		}
		if s.Type != html.ElementNode {
			continue
		}
		st := x.stats[s]
		if st == nil {
			continue
		}
		if after && x.opensComments(s) {
			// Readers' comments follow: blocks after this are theirs,
			// whatever their class names say.
			break
		}
		if st.teasers >= 1 || x.linkDensity(s) > scoring.SiblingMaxLinks {
			continue
		}
		if st.candidate && st.score >= threshold {
			out = append(out, s)
			continue
		}
		if sameKind(s, top) && st.text > 0 {
			// Another part of an article split into sibling blocks of one
			// kind (several section.post__content): short parts score low
			// but belong to it.
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P || s.DataAtom == atom.Div && !hasBlockChild(s) {
			ld := x.linkDensity(s)
			text := textOf(s)
			if st.text > scoring.ProseMinWeight && ld < scoring.ProseMaxLinks || st.text > 0 && st.text <= scoring.ProseMinWeight && ld == 0 && sentenceEnd.MatchString(text) {
				out = append(out, s)
			}
		}
	}
	return out
}

// listFollows reports paragraphs that read like a list of teasers rather
// than the rest of an article: short on average.
func listFollows(paras []string) bool {
	if len(paras) == 0 {
		return true
	}
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n/len(paras) < scoring.TeaserListMaxMean
}

// commentOpenRE matches the short line that opens readers' comments on
// pages whose comment blocks carry no comment class: a call to comment or
// the first comment's "Posted by" line.
var commentOpenRE = regexp.MustCompile(`(?i)^((add|post|leave|write|read) (a |your |all )?(comments?|replies|reply)\b|posted by\b)`)

// opensComments reports a block after the article that opens the
// readers' comments: an anchor or block named "comments", a comments
// heading, or a short line matching commentOpenRE.
func (x *extractor) opensComments(n *html.Node) bool {
	for _, k := range []string{"name", "id"} {
		if v := strings.ToLower(attr(n, k)); v == "comments" || v == "comment" {
			return true
		}
	}
	st := x.stats[n]
	if st == nil || st.text == 0 || st.text > scoring.CommentOpenerMaxWeight {
		return false
	}
	t := normSpace(textOf(n))
	return commentsRE.MatchString(t) || commentOpenRE.MatchString(t)
}

// sameKind reports two sections, divs or articles of one non-empty class
// attribute: the repeated blocks a template splits an article into. Table
// cells are not asked: a layout table gives every cell one class.
func sameKind(a, b *html.Node) bool {
	if a.DataAtom != b.DataAtom || a.DataAtom != atom.Section && a.DataAtom != atom.Div && a.DataAtom != atom.Article {
		return false
	}
	// The class words, not the attribute's spelling: templates pad and
	// space them unevenly.
	ca, cb := attr(a, "class"), attr(b, "class")
	if ca == cb {
		return strings.TrimSpace(ca) != ""
	}
	for {
		var wa, wb string
		wa, ca = nextWord(ca)
		wb, cb = nextWord(cb)
		if wa != wb {
			return false
		}
		if wa == "" {
			return true
		}
	}
}

// nextWord returns the first space-separated word of s and the rest.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t\n\r\f")
	i := strings.IndexAny(s, " \t\n\r\f")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// bylineRE matches the start of a byline ("By Jane Doe", "Von …").
var bylineRE = regexp.MustCompile(`^(?i:by|von|par|por|di|door|av|af|(additional )?reporting by|writing by|written by|editing by|compiled by|(medically )?reviewed by|fact[- ]checked by)\s+\p{Lu}`)

// stopRE matches the short lines that open what follows an article: related
// and recommended stories, comments, tags, in the languages of our sources.
var stopRE = regexp.MustCompile(`(?i)^(you (may|might) (also )?(like|enjoy|be interested in)|must read\b.{0,30}|popular on .{1,30}|more in [\p{Lu}].{0,30}|don'?t miss|related( articles| posts| stories| news| content| coverage| links)?|more (stories|from|news|on this|articles)|recommended( for you| stories| articles)?|most (read|popular|viewed)|trending( now)?|read next|what to read next|up next|você (pode|também pode) gostar|mais lidas|das könnte sie (auch )?interessieren|mehr zum thema|weitere artikel|weitere beiträge|auch interessant|ähnliche (beiträge|artikel)|das könnte dich (auch )?interessieren|à lire aussi|lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|te puede interesar|también te puede interesar|noticias relacionadas|artículos relacionados|potrebbe interessarti|articoli correlati|関連記事|관련\s*기사|(\d+ )?(reader |user )?comments?( \(\d+\))?|comments (are )?(now )?closed( for this \w+)?|(most recent )?reader comments|write (your own|a) comment|post a comment|add (a|your) comment|have your say|your comments|leave a (reply|comment)|kommentare?|(\d+ )?commentaires?|comentários|comentarios|tags|schlagwörter|share this( article| story| post)?|teilen|partager)\s*[:.…!]*$`)

// commentsRE matches a heading that opens the readers' comments.
var commentsRE = regexp.MustCompile(`(?i)^((\d+ )?(reader |user )?comments?( \(\d+\))?|comments (are )?(now )?closed( for this \w+)?|leave a (reply|comment)|kommentare?|commentaires?|comentarios|comentários)\s*[:.…!]*$`)

var sentenceEnd = regexp.MustCompile(`[.!?。]( |$)`)

// para is one paragraph being written out.
type para struct {
	b       strings.Builder
	link    int
	heading bool
	item    bool
	row     bool
}

// emit turns subtrees into paragraphs and drops those that read like
// navigation or widgets.
func (x *extractor) emit(nodes []*html.Node, title string) []string {
	var out []string
	var items map[string]bool // paragraphs written from list items and table rows
	cur := &para{}
	titleK := titleKey(title)
	kept, stopAt := 0, -1
	flush := func() {
		s := normSpace(cur.b.String())
		if s != "" {
			w := textWeight(s)
			keep := true
			switch {
			case cur.link > 0 && float64(cur.link) > 0.6*float64(w) && !(cur.row && float64(cur.link) < 0.9*float64(w)):
				keep = false
			case w < 60 && boilerRE.MatchString(s):
				keep = false
			case w < 200 && copyrightLine(s):
				keep = false
			case menuLine(s):
				keep = false
			case !cur.row && furniture(s, w) != "":
				keep = false
			case codeLine(s):
				keep = false
			case w < 50 && !cur.row && bylineRE.MatchString(s), w < 300 && !cur.row && creditRE.MatchString(s):
				keep = false
			case w < 300 && !cur.row && promoLine(s):
				keep = false
			case w < 50 && !cur.row && (bylineRE.MatchString(s) || hasYear(s) && len(findDates(s, true)) > 0):
				keep = false // a byline or dateline, not text
			case titleK != "" && (cur.heading || kept == 0) && titleKey(s) == titleK:
				// The headline repeated as the first line of the text (a
				// heading, or bold text in table layouts) is the title's, not
				// the body's.
				keep = false
			}
			if keep {
				out = append(out, s)
				kept += len(s)
				if cur.item || cur.row {
					if items == nil {
						items = map[string]bool{}
					}
					items[s] = true
				}
			} else if stopAt < 0 && kept >= 200 && len(s) < 40 && commentsRE.MatchString(s) {
				// A dropped "Comments" or "Related" line still ends the
				// article: cut there too.
				stopAt = len(out)
			}
		}
		cur = &para{}
	}
	rootText := 0
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		x.stop.check()
		switch n.Type {
		case html.TextNode:
			if inLink {
				cur.link += textWeight(n.Data)
			}
			cur.b.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		if st := x.stats[n]; st != nil && st.teasers >= 2 && n.DataAtom != atom.Body && float64(st.text) < 0.5*float64(rootText) && x.linkDensity(n) > 0.15 {
			return // a list of other articles inside the chosen block
		}
		block := blockTags[n.DataAtom]
		if n.DataAtom == atom.Br {
			// Lines broken by <br> inside one block are the lines of one
			// list or address, not separate page elements.
			cur.item = true
			flush()
			cur.item = true
			return
		}
		if block {
			flush()
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				cur.heading = true
			case atom.Li:
				cur.item = true
			case atom.Tr:
				cur.row = true
			}
		}
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			cur.b.WriteByte(' ')
		}
		if n.DataAtom == atom.Img {
			return
		}
		link := inLink || n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, link)
		}
		if block {
			flush()
		} else if n.DataAtom != atom.A && n.DataAtom != atom.Span && n.DataAtom != atom.B && n.DataAtom != atom.I && n.DataAtom != atom.Em && n.DataAtom != atom.Strong {
			cur.b.WriteByte(' ')
		}
	}
	cut := func() {
		// Cut at the first line that opens related stories or comments,
		// once some article text has been written.
		seen, all := 0, 0
		for _, p := range out {
			all += len(p)
		}
	lines:
		for i, p := range out {
			if seen >= 200 {
				// Teaser-list openers also head lists above the article,
				// and prompts to comment sit under headlines: they cut only
				// below most of the text.
				below := float64(seen) >= scoring.TeaserCutMinShare*float64(all)
				switch {
				case len(p) < 80 && stopRE.MatchString(p),
					below && len(p) < scoring.CommentPromptMaxBytes && commentPromptRE.MatchString(p),
					below && len(p) < 80 && teaserOpenRE.MatchString(p) && listFollows(out[i+1:]),
					below && len(p) < scoring.EndMatterMaxBytes && endMatterRE.MatchString(p):
					out = out[:i]
					break lines
				}
			}
			seen += len(p)
		}
	}
	for _, n := range nodes {
		rootText = 0
		if st := x.stats[n]; st != nil {
			rootText = st.text
		}
		walk(n, false)
		flush()
	}
	if stopAt >= 0 {
		out = out[:stopAt]
	}
	cut()
	out = trimLabelEdges(cutDatedTeasers(out), items)
	return out
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// listMarks are class/id fragments of lists of other stories, matched as
// substrings because they come glued ("more-news", "mostread").
var listMarks = []string{"more-news", "more-stories", "more-posts", "more-articles", "morenews", "most-read", "mostread", "most-viewed", "read-next", "readnext"}

// negativeClass reports whether a class/id string holds a boilerplate word.
func negativeClass(ci string) bool {
	if l := strings.ToLower(ci); strings.Contains(l, "more") || strings.Contains(l, "most") || strings.Contains(l, "next") {
		for _, m := range listMarks {
			if strings.Contains(l, m) {
				return true
			}
		}
	}
	start := -1
	prev := ""
	for i := 0; i <= len(ci); i++ {
		letter := i < len(ci) && (ci[i]|0x20 >= 'a' && ci[i]|0x20 <= 'z')
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			w := strings.ToLower(ci[start:i])
			// "has-image", "with-video", "no-ads" say what a block holds,
			// not that it is an image or an ad.
			if i-start >= 2 && i-start <= 20 && negativeWords[w] && !hasModifier[prev] {
				return true
			}
			prev = w
			start = -1
		}
	}
	return false
}

// smallKinds are boilerplate class words naming things that are short by
// nature.
var smallKinds = wordSet(`byline caption credit date dateline timestamp meta author bio tag tags share sharing
	social print rating logo breadcrumb breadcrumbs pager pagination photo image img jump skip tools toolbar`)

// onlySmallKinds reports whether every boilerplate word of a class/id
// string names a small thing (and no story-list mark is there).
func onlySmallKinds(ci string) bool {
	l := strings.ToLower(ci)
	for _, m := range listMarks {
		if strings.Contains(l, m) {
			return false
		}
	}
	seen := false
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r < 'a' || r > 'z' }) {
		if negativeWords[w] {
			if !smallKinds[w] {
				return false
			}
			seen = true
		}
	}
	return seen
}

// hasModifier are class words that turn the next word into a property of
// the block ("has-image") rather than its kind.
var hasModifier = map[string]bool{"has": true, "with": true, "no": true, "without": true, "show": true}

// positiveClass reports whether a class/id string names an article container.
func positiveClass(ci string) bool {
	l := strings.ToLower(ci)
	for _, w := range positiveWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// reconcileLD uses the JSON-LD articleBody, when the page has a long one,
// as a second opinion: paragraphs it does not contain are dropped when the
// rest covers it well, and when the extraction misses most of it the
// articleBody itself is the text.
func reconcileLD(paras []string, ld string) []string {
	if len(ld) < 400 {
		return paras
	}
	if strings.Contains(ld, "<") {
		if n, err := html.Parse(strings.NewReader(ld)); err == nil {
			ld = textOf(n)
		}
	}
	ldWords := map[string]bool{}
	for _, w := range words(ld) {
		ldWords[w] = true
	}
	if len(ldWords) < 40 {
		return paras
	}
	inLD := func(p string) (hit, all int) {
		for _, w := range words(p) {
			all++
			if ldWords[w] {
				hit++
			}
		}
		return
	}
	var kept []string
	covered := map[string]bool{}
	for _, p := range paras {
		hit, all := inLD(p)
		if all > 0 && float64(hit) >= 0.8*float64(all) {
			kept = append(kept, p)
			for _, w := range words(p) {
				covered[w] = true
			}
		}
	}
	n := 0
	for w := range ldWords {
		if covered[w] {
			n++
		}
	}
	recall := float64(n) / float64(len(ldWords))
	switch {
	case recall >= 0.9:
		return kept
	case recall < 0.5:
		var out []string
		for _, line := range strings.Split(ld, "\n") {
			if line = normSpace(line); line != "" {
				out = append(out, line)
			}
		}
		return out
	}
	return paras
}

// words splits text into lower-cased letter-and-digit runs.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// menuLine reports whether a paragraph is a run of short labels separated
// by bars or bullets ("About | Advertise | Privacy | Contact").
func menuLine(s string) bool {
	for _, sep := range []string{" | ", " · ", " • ", " / ", " > ", " » ", " › "} {
		if n := strings.Count(s, sep); n >= 2 {
			parts := strings.Split(s, sep)
			short := 0
			for _, p := range parts {
				if len([]rune(strings.TrimSpace(p))) <= 25 {
					short++
				}
			}
			return short == len(parts)
		}
	}
	return false
}

// creditRE matches wire-service credit lines ("Reporting by …; Editing by …").
var creditRE = regexp.MustCompile(`^(?i:(additional )?reporting by|writing by|editing by)\b`)

// codeLine reports whether a paragraph is markup residue rather than
// prose: a shortcode ("[button link=…]…[/button]") or one long token of
// hyphenated lower-case words ("medium-browser-and-portrait-tablet").
func codeLine(s string) bool {
	if strings.HasPrefix(s, "[") && strings.Contains(s, "]") && (strings.Contains(s, "=") || strings.Contains(s, "[/")) {
		return true
	}
	// One token of lower-case words glued by hyphens (a CSS class) or
	// underscores (an icon font's ligature name, "arrow_forward_ios").
	if strings.ContainsAny(s, " ") || strings.Count(s, "-") < 2 && strings.Count(s, "_") < 1 || len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c == '-' || c == '_' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// hasDescendant reports whether an element of kind a is inside n.
func hasDescendant(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasDescendant(c, a)) {
			return true
		}
	}
	return false
}

// promoRE matches the lines publishers put around every article: follow
// and newsletter calls, contact lines, affiliate disclosures, credits of
// contributing reporters (the start of the line decides); promoLabelRE the
// short labels of tag and teaser lists and reading-time notes (the whole
// line).
var (
	promoRE = regexp.MustCompile(`(?i)^(?:follow (?:us|him|her|them|me|[\p{Lu}@][^.]{0,40}) (?:on|at) (?:twitter|facebook|instagram|linkedin|youtube)` +
		`|.{0,120}\b(?:may|can) be reached at\b` +
		`|.{0,80}\bsubscribe to\b.{0,60}\bnewsletters?\b` +
		`|.{0,40}\bsign up (?:for|to)\b.{0,60}\bnewsletters?\b` +
		`|.{0,80}\bdelivered (?:directly |daily |weekly )?(?:to|in|into) your inbox` +
		`|.{0,60}\b(?:news|stories|updates)\b.{0,40}\bin your inbox` +
		`|this (?:post|article|page|story) (?:may )?contains? affiliate` +
		`|if you (?:buy|purchase) something (?:through|via|from)` +
		`|[^.]{0,200}\bcontributed (?:reporting|to this report)` +
		`|.{0,80}\bsubscri(?:be|bed|bing)\b.{0,60}\bnewsletters?\b|you have been successfully subscribed` +
		`|.{0,80}\b(?:may|might) earn (?:an? )?(?:affiliate )?commission` +
		`|email [^.]{1,40} at \S+@` +
		`|(?:image|photo|picture|bild|foto) \d+ (?:of|von|de|di|sur) \d+` +
		`|\S+@\S+\.[a-z]{2,}$|(?:https?://)?(?:www\.)?(?:twitter|facebook|instagram)\.com/\S+$)`)
	promoLabelRE = regexp.MustCompile(`(?i)^(?:(?:filed under|related tags|tags|topics|more in [\p{Lu}][^.]{0,30}|popular on [^.]{1,30}|you may also be interested in|don'?t miss|sponsored links?|previous post|next post|tell us what you think|trending(?: now)?|read this next|breaking news)\s*[:.…!|]*` +
		`|(?:filed under|related tags|tags|topics|categor(?:y|ies)|schlagwörter|themen)\s*:.{0,60}` +
		`|(?:tempo de leitura|reading time|lesezeit|temps de lecture|tiempo de lectura)\b.{0,30}` +
		`|\d+ min(?:ute)?s? read` +
		`|updated(?: at| on)?\s*:?\s*\d.{0,40})$`)
)

// promoLine tells promoRE's lines, asked only of short paragraphs.
//
// promoRE's unanchored alternatives are slow on a page of thousands of
// short paragraphs, so it runs only on lines holding one of its words.
func promoLine(s string) bool {
	if len(s) < 80 && promoLabelRE.MatchString(s) {
		return true
	}
	l := strings.ToLower(s)
	for _, w := range promoWords {
		if strings.Contains(l, w) {
			return promoRE.MatchString(s)
		}
	}
	return false
}

// promoWords are words of which every promoRE line holds one.
var promoWords = []string{"follow", "reached at", "subscri", "inbox", "affiliate", "something", "contributed",
	"commission", "@", "image", "photo", "picture", "bild", "foto", "newsletter", ".com/"}
