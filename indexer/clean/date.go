package clean

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones for UTC timestamps, also where the system has none
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// published finds the publisher's original publication day from the
// evidence the page gives (see evidence.go): a full date in the URL,
// publication meta tags and JSON-LD, <time> elements, elements whose class
// names speak of dates, dates after a publication label and dates written
// around the headline. Each element of the page is one piece of evidence;
// dates labelled as modifications, copyright years and the dates of other
// things (a member's join date, a related article) are passed over.
func (p *page) published() time.Time {
	return p.dateEvidence().decide(p).day
}

// dateSources are the candidate publication days, one per kind of source
// (zero when a source gives none), with where each came from.
type dateSources struct {
	url, ld, meta, time found
	texts               textDates
	script              found // a JSON value in an inline script
}

// found is one date and where the page gives it: the element (nil for the
// URL and the head's metadata), the source's name and the text read.
type found struct {
	t      time.Time
	n      *html.Node
	source string
	text   string
}

// dateEvidence gathers the candidates, one step per kind of source. The
// URL and the text are held to plausible (before the web a written date is
// the subject, not the publication); the metadata to the looser
// plausibleMeta (archives of old newswires state their old days).
func (p *page) dateEvidence() dateSources {
	okText := func(t time.Time) bool { return !t.IsZero() && plausible(t, p.now) }
	okMeta := func(t time.Time) bool { return !t.IsZero() && plausibleMeta(t, p.now) }
	zone := p.zone()
	ds := dateSources{
		url:    p.urlDate(okText),
		meta:   p.metaDate(okMeta, zone),
		ld:     p.ldDate(okMeta, zone),
		script: p.scriptJSONDate(okMeta, zone),
		time:   p.timeElementDate(okText, zone),
	}
	if dateRules.SkipTextWhenDecided && ds.decidedWithoutText() {
		// The URL, the meta tags and JSON-LD agree: no written date could
		// outvote them, so the text is not read (the costly part).
		return ds
	}
	ds.texts = p.textDate(okText)
	return ds
}

// urlDate is the full date in the fetch URL, else in the canonical URL
// (an archive's wrapper removed); zero when neither has one.
func (p *page) urlDate(ok func(time.Time) bool) found {
	for _, u := range []string{p.opt.URL, p.canonicalURL()} {
		if t := dateFromURL(stripArchive(u)); ok(t) {
			return found{t: t, source: "url", text: u}
		}
	}
	return found{}
}

// metaDate is the first date given by a publication meta tag, the most
// specific name first (publishedMetas); a tag that cannot be read is
// passed over for the next.
func (p *page) metaDate(ok func(time.Time) bool, zone *time.Location) found {
	for _, k := range publishedMetas {
		for _, v := range p.metas[k] {
			if t := parseDateIn(v, zone); ok(t) {
				return found{t: t, source: "meta " + k, text: v}
			}
		}
	}
	return found{}
}

// ldDate is the JSON-LD datePublished of the article, else of any other
// item (a web page, a blog posting's container) as weaker evidence.
func (p *page) ldDate(ok func(time.Time) bool, zone *time.Location) found {
	if t := parseDateIn(p.ld.datePublished, zone); ok(t) {
		return found{t: t, source: "json-ld datePublished", text: p.ld.datePublished}
	}
	if t := parseDateIn(p.ld.anyPublished, zone); ok(t) {
		return found{t: t, source: "json-ld datePublished (not an article)", text: p.ld.anyPublished}
	}
	return found{}
}

// scriptJSONDate is the publication date in an inline script's JSON (the
// state of a client-rendered page; see scriptDate).
func (p *page) scriptJSONDate(ok func(time.Time) bool, zone *time.Location) found {
	if t := parseDateIn(p.scriptDate, zone); ok(t) {
		return found{t: t, source: "script json", text: p.scriptDate}
	}
	return found{}
}

// dayFirst tells how to read 05/03/2022: day first everywhere except on
// pages in American English (declared en or en-US on a generic domain).
func (p *page) dayFirst() bool {
	lang := strings.ToLower(p.htmlLang)
	base := baseLang(lang)
	if base != "" && base != "en" {
		return true
	}
	if strings.HasPrefix(lang, "en-") && lang != "en-us" {
		return true
	}
	host := hostOf(stripArchive(p.opt.URL))
	if host == "" {
		host = hostOf(p.canonicalURL())
	}
	switch tld := host[strings.LastIndexByte(host, '.')+1:]; tld {
	case "", "com", "org", "net", "us", "gov", "edu", "info", "io":
		return false
	}
	return true
}

// publishedMetas are meta names that carry the publication date, most
// specific first. Modification dates (article:modified_time, dateModified,
// og:updated_time, last-modified) are deliberately absent.
var publishedMetas = []string{
	"article:published_time", "article:published", "og:article:published_time", "og:published_time",
	"datepublished", "parsely-pub-date", "sailthru.date", "publishdate", "publish-date", "publish_date",
	"pubdate", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date.published",
	"citation_publication_date", "citation_date", "article.published", "published_time", "published-date",
	"original-publish-date", "og:pubdate", "cxenseparse:recs:publishtime", "article_date_original",
	"publication_date", "pub_date", "date_published", "release_date", "displaydate", "date.release",
	"dc.date", "dcterms.date", "date", "datecreated", "created", "creation_date", "dc.created",
}

func mkDate(y, m, d int) time.Time {
	if y < 100 {
		y += 2000
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February and the like
		return time.Time{}
	}
	return t
}

// scriptDateRE finds a publication date given as a JSON value in a
// script: the state object of a client-rendered page.
var scriptDateRE = regexp.MustCompile(`"(?:datePublished|date_published|published_at|publishedAt|publishedDate|published_date|publishDate|publish_date|pubDate|firstPublished|first_published_at|firstPublishedAt)"\s*:\s*"((?:19|20)\d{2}-\d{2}-\d{2}[^"]{0,30})"`)

// scriptUnixRE is a publication time given as Unix seconds or
// milliseconds under the same keys ("publishedAt": 1584024137).
var scriptUnixRE = regexp.MustCompile(`"(?:datePublished|date_published|published_at|publishedAt|publishedDate|published_date|publishDate|publish_date|pubDate|firstPublished|first_published_at|firstPublishedAt)"\s*:\s*"?(1\d{9}(?:\d{3})?)(?:[^0-9]|$)`)

// scriptCreatedRE is the same for creation dates, asked when no
// publication date is given: the record a page renders was created when
// it was published.
var scriptCreatedRE = regexp.MustCompile(`"(?:createdAt|created_at|dateCreated|date_created|creationDate)"\s*:\s*"((?:19|20)\d{2}-\d{2}-\d{2}[^"]{0,30})"`)

// scriptDate returns the first publication date in a script's JSON, else
// the first creation date, or "". Only the first 512 KB are read.
func scriptDate(src string) string {
	if len(src) > 512<<10 {
		src = src[:512<<10]
	}
	if strings.Contains(src, "ublish") || strings.Contains(src, "pubDate") {
		if m := scriptDateRE.FindStringSubmatch(src); m != nil {
			return m[1]
		}
		if m := scriptUnixRE.FindStringSubmatch(src); m != nil {
			return m[1]
		}
	}
	if strings.Contains(src, "reat") {
		if m := scriptCreatedRE.FindStringSubmatch(src); m != nil {
			return m[1]
		}
	}
	return ""
}

var (
	urlDMYRE     = regexp.MustCompile(`(?:^|/)(0[1-9]|[12]\d|3[01])([-_.])(0[1-9]|1[0-2])([-_.])((?:19|20)\d{2})(?:[^0-9]|$)`)
	urlDateRE    = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})([/_.-])(0[1-9]|1[0-2])([/_.-])(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)`)
	urlCompactRE = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)`)
)

// dateFromURL reads a full date from a URL path (/2023/05/31/, 2023-05-31,
// 20230531). Year-month paths are ignored: the day is what counts.
func dateFromURL(u string) time.Time {
	if u == "" {
		return time.Time{}
	}
	for _, m := range urlDateRE.FindAllStringSubmatch(u, -1) {
		if m[2] != m[4] {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[3])
		d, _ := strconv.Atoi(m[5])
		if t := mkDate(y, mo, d); !t.IsZero() {
			return t
		}
	}
	// A path segment that starts with day-month-year ("/29-10-2021").
	for _, m := range urlDMYRE.FindAllStringSubmatch(u, -1) {
		if m[2] != m[4] {
			continue
		}
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[5])
		if t := mkDate(y, mo, d); !t.IsZero() {
			return t
		}
	}
	for _, m := range urlCompactRE.FindAllStringSubmatch(u, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if t := mkDate(y, mo, d); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// timeElementDate reads <time> elements: those marked as the publication
// (pubdate, itemprop, class) first, then the first one not marked as an
// update nor inside the furniture of other things (see otherThing).
func (p *page) timeElementDate(ok func(time.Time) bool, zone *time.Location) found {
	var first found
	var h1 *html.Node
	if len(p.h1s) > 0 {
		h1 = p.h1s[0]
	}
	for _, n := range p.times {
		v := attr(n, "datetime")
		if v == "" {
			v = attr(n, "content")
		}
		if v == "" {
			v = plainSpaces(dateText(n))
		}
		t := parseDateIn(v, zone)
		if !ok(t) {
			continue
		}
		label := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop") + " " + attr(n, "id"))
		if n.Parent != nil {
			label += " " + strings.ToLower(attr(n.Parent, "class"))
		}
		if isUpdateLabel(label) || otherThing(n, h1) {
			continue
		}
		if _, pub := attrOK(n, "pubdate"); pub || strings.Contains(label, "publish") || strings.Contains(label, "created") {
			return found{t: t, n: n, source: "time (marked published)", text: v}
		}
		if first.t.IsZero() {
			first = found{t: t, n: n, source: "time", text: v}
		}
	}
	return first
}

// isUpdateLabel reports a lower-cased label or text that speaks of a
// revision rather than the publication.
func isUpdateLabel(s string) bool {
	for _, w := range updateWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// updateWords mark a date as a revision's ("last edited", "Zuletzt
// bearbeitet", "mis à jour", "actualizado", "aggiornato", "atualizado").
var updateWords = []string{"modif", "updat", "aktualisiert", "edited", "geändert", "mis à jour",
	"actualizada", "aggiornat", "atualizad", "bijgewerkt", "обновлено", "更新", "수정"}

// otherDateWords, before a date, say it is the date of something else than
// the page's publication: a member's join date, a birthday.
var otherDateWords = []string{"joined", "member since", "registered", "mitglied seit", "registriert", "dabei seit",
	"inscrit", "membre depuis", "miembro desde", "registrado", "iscritto", "born", "geboren", "né le"}

// otherThing reports an element inside the furniture of other things:
// related or recommended articles, comments, member profiles, playlists.
// A date there is another page's, a reader's or a member's.
func otherThing(n, h1 *html.Node) bool {
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		// (An <aside>, <nav> or <footer> ancestor is no sign: measured on
		// the dev parts, dates there were the page's as often as not.)
		switch a.DataAtom {
		case atom.Body, atom.Article, atom.Main:
			return false
		}
		if skipOtherThing(a) && !holdsHeadline(a, h1) {
			return true
		}
	}
	return false
}

// otherThingWords are parts of class names and ids of containers whose
// dates are not the page's (checked as substrings, lower-cased).
var otherThingWords = []string{"related", "comment", "recommend", "more-stories", "morestories",
	"postprofile", "joined", "playlist"}

// skipOtherThing reports an element whose class or id names the furniture
// of other things (otherThingWords). It is asked of every element while
// the text is read for dates, so it allocates nothing for the common case
// (lower-case class names).
func skipOtherThing(n *html.Node) bool {
	if dateRules.QuoteIsOther && n.DataAtom == atom.Blockquote {
		return true
	}
	other := false
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" || a.Val == "" {
			continue
		}
		v := a.Val
		for i := 0; i < len(v); i++ {
			if c := v[i]; c >= 'A' && c <= 'Z' {
				v = strings.ToLower(v)
				break
			}
		}
		if dateRules.PublishClassIsOwn && strings.Contains(v, "publish") {
			return false
		}
		if other {
			continue
		}
		for _, w := range otherThingWords {
			if strings.Contains(v, w) {
				other = true
				break
			}
		}
	}
	return other
}

// holdsHeadline reports whether n holds the headline h1
// (dateRules.HeadlineIsOwn): the furniture of other things never holds
// the page's own headline, so a header classed "ArticleHeaderComment" (an
// opinion column) is the page's.
func holdsHeadline(n, h1 *html.Node) bool {
	return dateRules.HeadlineIsOwn && h1 != nil && contains(n, h1)
}

// dateClassWords are parts of class names and ids of elements that hold a
// date: checked as substrings of the lower-cased class and id.
var dateClassWords = []string{"date", "time", "publi", "posted", "byline", "datum", "fecha", "meta", "info", "header", "author", "submitted", "created"}

func dateClassed(label string) bool {
	l := strings.ToLower(label)
	for _, w := range dateClassWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// textDates are the dates written in the page's text.
type textDates struct {
	classed found // in a small element whose class or id speaks of dates
	before  found // in the few text chunks just before the headline
	after   found // in the text that follows the headline
	any     found // anywhere
	label   found // after a publication label ("Published on", "Erschienen am")
	loose   found // any date at all, even an update's, when there is no other
}

// dateText is the text of n as a date is read from it: with
// dateRules.SpacedText its text nodes joined by spaces, so that a date in
// one element is not glued to the next element's words.
func dateText(n *html.Node) string {
	if !dateRules.SpacedText {
		return textOf(n)
	}
	var b strings.Builder
	b.Grow(96)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// plainSpaces writes no-break, narrow no-break, thin and figure spaces as
// plain spaces (dateRules.PlainSpaces), so that "11. November\u00a02021"
// reads as a date; the byte length may shrink. Text without them is
// returned as is.
func plainSpaces(s string) string {
	if !dateRules.PlainSpaces || strings.IndexByte(s, 0xC2) < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return s
	}
	if !strings.ContainsAny(s, "\u00a0\u202f\u2009\u2007") || !hasYear(s) {
		return s // (every date these spaces split has a four-digit year)
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u202f', '\u2009', '\u2007':
			return ' '
		}
		return r
	}, s)
}

// textChunk is one run of text and the element that holds it.
type textChunk struct {
	s string
	n *html.Node
}

// textDate looks for written dates: in small elements whose class or id
// speaks of dates, around the headline, and anywhere. Copyright lines,
// update labels and the furniture of other things are skipped. Each kind
// of written date is one step below, and one piece of evidence.
func (p *page) textDate(ok func(time.Time) bool) textDates {
	var td textDates
	if p.body == nil {
		return td
	}
	dayFirst := p.dayFirst()
	var h1 *html.Node
	if len(p.h1s) > 0 {
		h1 = p.h1s[0]
	}
	td.classed = firstDateIn(p.dateClassedChunks(h1), ok, dayFirst, true, "date-classed element")
	chunks, startAt := p.textChunks(h1)
	td.before, td.after = aroundHeadline(chunks, startAt, ok, dayFirst)
	td.any = firstDateIn(chunks, ok, dayFirst, false, "first written date")
	td.label = labelledChunk(chunks, ok, dayFirst)
	if td.any.t.IsZero() {
		// Nothing else: a revision date or a dated copyright line is
		// closer to the truth than no date.
		td.loose = looseDate(chunks, ok, dayFirst)
	}
	return td
}

// firstDateIn is the first date read in chunks, named source; zero when
// none. short is for short lines (a date-classed element, a dateline),
// where day.month.two-digit-year is a date too (see firstTextDate).
func firstDateIn(chunks []textChunk, ok func(time.Time) bool, dayFirst, short bool, source string) found {
	for _, c := range chunks {
		if t := firstTextDate(c.s, ok, dayFirst, short); !t.IsZero() {
			return found{t: t, n: c.n, source: source, text: c.s}
		}
	}
	return found{}
}

// dateClassedChunks are the texts of small elements whose class, id or
// itemprop speaks of a date (a byline, a "post-date"), in document order:
// the publisher marked them as dates. Update labels are passed over, and
// so are navigation, footers, forms and the furniture of other things. A
// header that holds the headline is read without the headline: its own
// date is what the article is about (dateRules.SkipHeadlineText).
func (p *page) dateClassedChunks(h1 *html.Node) (classed []textChunk) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		p.stop.check()
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Footer, atom.Select, atom.Option:
			return
		}
		if skipOtherThing(n) && !holdsHeadline(n, h1) {
			return
		}
		label := attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "itemprop")
		if len(label) > 2 && dateClassed(label) && !isUpdateLabel(strings.ToLower(label)) {
			t := dateText(n)
			if len(t) < dateRules.ClassedMaxBytes {
				if dateRules.SkipHeadlineText && h1 != nil && contains(n, h1) {
					t = strings.Replace(t, dateText(h1), " ", 1)
				}
				classed = append(classed, textChunk{plainSpaces(t), n})
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return classed
}

// textChunks are the page's text runs in document order, up to
// dateRules.MaxTextBytes, without scripts, forms, footers and the furniture
// of other things, and the index of the first chunk after the headline (-1
// without one). The headline's own text is not a date line: a date in it
// is what the article is about ("Minutes of the meeting of 10 October"),
// so it is left out (dateRules.SkipHeadlineText), unless it is so long
// that it is an unclosed <h1> that swallowed the page.
func (p *page) textChunks(h1 *html.Node) (chunks []textChunk, startAt int) {
	total := 0
	startAt = -1
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		if total > dateRules.MaxTextBytes {
			return
		}
		p.stop.check()
		if n == h1 {
			startAt = len(chunks)
			if dateRules.SkipHeadlineText && len(textOf(n)) < dateRules.ClassedMaxBytes {
				return
			}
		}
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				chunks = append(chunks, textChunk{plainSpaces(s), n.Parent})
				total += len(s)
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Select, atom.Option, atom.Footer:
				return
			}
			if skipOtherThing(n) && !holdsHeadline(n, h1) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(p.body)
	return chunks, startAt
}

// aroundHeadline reads the dateline: the nearest date in the
// dateRules.HeadChunks chunks just before the headline (a kicker line with
// the day, read as a short line), and the first date in the
// dateRules.AfterChunks chunks after it (the byline). Both are zero
// without a headline.
func aroundHeadline(chunks []textChunk, startAt int, ok func(time.Time) bool, dayFirst bool) (before, after found) {
	if startAt < 0 {
		return
	}
	for i := startAt - 1; i >= max(0, startAt-dateRules.HeadChunks); i-- {
		if t := firstTextDate(chunks[i].s, ok, dayFirst, true); !t.IsZero() {
			before = found{t: t, n: chunks[i].n, source: "before the headline", text: chunks[i].s}
			break
		}
	}
	after = firstDateIn(chunks[startAt:min(startAt+dateRules.AfterChunks, len(chunks))], ok, dayFirst, dateRules.ShortAfterHeadline, "after the headline")
	return before, after
}

// labelledChunk is the date after a publication label ("Published on",
// "Erschienen am"; see labelledDate), zero when no label precedes a date.
func labelledChunk(chunks []textChunk, ok func(time.Time) bool, dayFirst bool) found {
	strs := make([]string, len(chunks))
	for i, c := range chunks {
		strs[i] = c.s
	}
	if t, i := labelledDate(strs, ok, dayFirst); !t.IsZero() {
		return found{t: t, n: chunks[i].n, source: "after a publication label", text: strs[i]}
	}
	return found{}
}

// looseDate is the first date of the first chunk whose first date is
// plausible, even a revision's or a copyright line's: asked only when no
// other written date was found. Each chunk is read up to
// dateRules.MaxScanBytes.
func looseDate(chunks []textChunk, ok func(time.Time) bool, dayFirst bool) found {
	var loose found
	for _, c := range chunks {
		s := c.s
		if !hasYear(s) {
			continue
		}
		if len(s) > dateRules.MaxScanBytes {
			s = s[:dateRules.MaxScanBytes]
		}
		eachDate(s, dayFirst, func(f foundDate) bool {
			if ok(f.t) {
				loose = found{t: f.t, n: c.n, source: "any written date (even a revision's)", text: c.s}
			}
			return true
		})
		if !loose.t.IsZero() {
			break
		}
	}
	return loose
}

// pubLabelRE matches, at the end of the text before a date, a label that
// says the date is the publication's ("Published on", "Erschienen am:",
// "Publié le", "Datum:"), allowing a weekday between label and date.
var pubLabelRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:published|first published|publication date|date published|posted|posted on|released|date|dated|veröffentlicht|erschienen|erstellt|publiziert|datum|publié|publiée|date de publication|publicado|publicada|fecha de publicación|fecha|pubblicato|pubblicata|data di pubblicazione|gepubliceerd|geplaatst|datum publicatie|opublikowano|data publikacji|publicerad|publiceret|publisert|julkaistu|опубликовано|дата публикации|掲載日|公開日|配信日|発行日|投稿日|등록일|입력|발행일|게재일|작성일|发布时间|发布日期|發佈時間|發布日期|发表时间|yayınlanma tarihi|yayın tarihi|diterbitkan|dipublikasikan|ngày đăng|publicat|data publicării|نشر في|تاريخ النشر)(?:\s+(?:on|am|le|el|em|il|op|den|the|at))?\s*[:.：]?\s*(?:\p{L}+\.?,?\s+)?$`)

// labelStems are parts of every label pubLabelRE knows, lower-cased: a
// cheap test before the dates of a line are read.
var labelStems = []string{"publi", "post", "date", "dated", "release", "veröff", "erschien", "erstellt", "datum",
	"fecha", "data", "geplaatst", "julkaistu", "опублик", "дата", "掲載", "公開", "配信", "発行", "投稿", "등록", "입력",
	"발행", "게재", "작성", "发布", "發佈", "發布", "发表", "yayın", "diterbitkan", "dipublikasikan", "ngày đăng", "publicat", "نشر"}

func hasLabelStem(l string) bool {
	for _, s := range labelStems {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// labelledDate is the first date in the text that follows a publication
// label. A label and its date are often in different elements, so the end
// of the previous chunk is read with each chunk.
func labelledDate(chunks []string, ok func(time.Time) bool, dayFirst bool) (time.Time, int) {
	for i, s := range chunks {
		// A label and its date make a short line; in a long paragraph,
		// "published on 5 May" speaks of something else.
		if len(s) > 160 || !hasYear(s) && !(len(s) < 24 && shortRE.MatchString(s)) {
			continue
		}
		prefix := ""
		if i > 0 {
			prefix = chunks[i-1]
			if len(prefix) > 48 {
				prefix = prefix[len(prefix)-48:]
			}
			prefix += " "
		}
		ctx := prefix + s
		if !hasLabelStem(strings.ToLower(ctx)) || copyrightLine(ctx) {
			continue
		}
		var found []foundDate
		if hasYear(s) {
			found = findDates(ctx, dayFirst)
		} else if t := shortDate(s); !t.IsZero() {
			found = []foundDate{{t, len(prefix) + shortRE.FindStringIndex(s)[0]}}
		}
		for _, f := range found {
			if f.start < len(prefix) || !ok(f.t) {
				continue
			}
			from := max(0, f.start-48)
			before := ctx[from:f.start]
			loc := pubLabelRE.FindStringIndex(before)
			if loc != nil && !isUpdateLabel(strings.ToLower(before)) && labelLeads(ctx[:from+loc[0]], len(prefix)) {
				return f.t, i
			}
		}
	}
	return time.Time{}, -1
}

// labelLeads reports whether a publication label can start after lead, the
// text before it: at most dateRules.LabelMaxLead words since the last
// separator (a bar, a bullet, a comma, a colon, a bracket, a dash, the
// start of the label's text chunk at chunkStart in lead). More
// words make the label part of a sentence about something else ("Python
// 3.0 was released on 3 December 2008").
func labelLeads(lead string, chunkStart int) bool {
	if dateRules.LabelMaxLead < 0 {
		return true
	}
	if len(lead) >= chunkStart-1 {
		// The start of a chunk is a separator too (the label's match may
		// begin at the space that joins the previous chunk).
		lead = lead[min(chunkStart, len(lead)):]
	}
	if i := strings.LastIndexAny(lead, "|·•,;:()[]–—/\n"); i >= 0 {
		lead = lead[i+1:]
	}
	return len(strings.Fields(lead)) <= dateRules.LabelMaxLead
}

// copyrightLine reports whether s is (or holds) a copyright notice. Plain
// string tests rather than a case-insensitive regular expression: it is
// asked of every short paragraph and every chunk of text with a year.
func copyrightLine(s string) bool {
	if strings.Contains(s, "©") || strings.Contains(s, "ⓒ") {
		return true
	}
	l := s
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			l = strings.ToLower(s)
			break
		}
	}
	if strings.Contains(l, "copyright") || strings.Contains(l, "&copy;") || strings.Contains(l, "all rights reserved") || strings.Contains(l, "alle rechte") {
		return true
	}
	if i := strings.Index(l, "(c)"); i >= 0 {
		rest := strings.TrimLeft(l[i+3:], " \t\u00a0")
		return len(rest) >= 4 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3])
	}
	return false
}

// firstTextDate returns the first plausible date written in s that is not
// in a copyright notice nor labelled as an update.
//
// short also accepts day.month.two-digit-year ("28.01.22"), which is a
// date only in a short line such as a date-classed element.
func firstTextDate(s string, ok func(time.Time) bool, dayFirst, short bool) time.Time {
	if len(s) > dateRules.MaxScanBytes {
		s = s[:dateRules.MaxScanBytes]
	}
	s = westernDigits(s)
	if short && len(s) < 200 {
		if n := normSpace(s); len(n) < 60 {
			if t := shortDate(n); ok(t) && !copyrightLine(n) {
				return t
			}
		}
	}
	if len(s) < 6 || !hasYear(s) && !hasEra(s) {
		return time.Time{}
	}
	if len(s) > dateRules.MaxScanBytes {
		s = s[:dateRules.MaxScanBytes]
	}
	if copyrightLine(s) {
		return time.Time{}
	}
	var found time.Time
	eachDate(s, dayFirst, func(c foundDate) bool {
		before := strings.ToLower(s[max(0, c.start-24):c.start])
		if isUpdateLabel(before) || otherDate(before) {
			return false
		}
		if ok(c.t) {
			found = c.t
			return true
		}
		return false
	})
	return found
}

// westernDigits writes Arabic-Indic and Persian digits (٢٠٢٣, ۲۰۲۳) and
// full-width ones (２０２３) as ASCII digits, so that the date patterns read
// them. Text without them is returned as is, without a copy.
func westernDigits(s string) string {
	// These digits all start with one of three lead bytes: a byte scan
	// (fast even on megabytes) before the rune test.
	if strings.IndexByte(s, 0xD9) < 0 && strings.IndexByte(s, 0xDB) < 0 && strings.IndexByte(s, 0xEF) < 0 {
		return s
	}
	if !strings.ContainsAny(s, "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		}
		return r
	}, s)
}

// otherDate reports a lower-cased text before a date that says the date is
// something else's (see otherDateWords).
func otherDate(before string) bool {
	for _, w := range otherDateWords {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// hasYear reports whether s holds a four-digit year 19xx or 20xx, which
// every written date findDates knows has: a cheap test before the regular
// expressions.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

// dotSpaceDigit reports a digit, a dot, a space and a digit ("2023. 5"):
// the cheap test before koDotRE.
func dotSpaceDigit(s string) bool {
	for i := strings.Index(s, ". "); i >= 0 && i+2 < len(s); {
		if i > 0 && isDigit(s[i-1]) && isDigit(s[i+2]) {
			return true
		}
		j := strings.Index(s[i+2:], ". ")
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// hasEra reports a Japanese era name (令和, 平成) in a short text: its
// dates hold no four-digit year, so they are read only in text short
// enough to be read whole (see eachDate).
func hasEra(s string) bool {
	return len(s) <= 3*dateWindow && (strings.Contains(s, "令和") || strings.Contains(s, "平成"))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var monthNames = map[string]int{}

func init() {
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"jänner", "feber", "maerz", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "dez"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
		{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
		{"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
		{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		// Romanian, Turkish, Indonesian (with its short forms), Arabic
		// (Egyptian/Gulf names, then the single-word Levantine ones, 0 for
		// the two-word names we do not read).
		{"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"},
		{"ian", "feb", "mart", "apr", "mai", "iun", "iul", "aug", "sept", "oct", "nov", "dec"},
		{"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"},
		// Turkish in capitals lower-cases to a dotted i (MAYIS → mayis), and
		// is typed without its letters on some sites; its short forms.
		{"ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik"},
		{"oca", "şub", "mar", "nis", "may", "haz", "tem", "ağu", "eyl", "eki", "kas", "ara"},
		{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"},
		{"jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"},
		{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		{"جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		{"", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "", "", ""},
	}
	for _, l := range lists {
		for i, n := range l {
			if n == "" {
				continue
			}
			if _, dup := monthNames[n]; !dup {
				monthNames[n] = i + 1
			}
		}
	}
	var names []string
	for n := range monthNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	alt := strings.Join(names, "|")
	dmyNameRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(` + alt + `)\.?,?\s*(?:de\s+)?(\d{4})\b`)
	mdyNameRE = regexp.MustCompile(`(?i)\b(` + alt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
}

// shortRE is a day.month.year date with a two-digit year, alone on its
// line but for a few words ("28.01.22", "Am 02.12.19").
var shortRE = regexp.MustCompile(`(?:^|[^0-9.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^0-9.])`)

func shortDate(s string) time.Time {
	m := shortRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	return mkDate(2000+y, mo, d)
}

var (
	dmyNameRE, mdyNameRE *regexp.Regexp
	isoRE                = regexp.MustCompile(`\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T|\D)`)
	dmyRE                = regexp.MustCompile(`\b(\d{1,2})([./-])(\d{1,2})[./-]((?:19|20)\d{2})\b`)
	// viRE is the Vietnamese written date: "31 tháng 5 năm 2023",
	// "31 tháng 05, 2023".
	viRE = regexp.MustCompile(`(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?((?:19|20)\d{2})`)
	// koDotRE is the Korean dotted date with spaces: "2023. 5. 31.".
	koDotRE = regexp.MustCompile(`((?:19|20)\d{2})\.\s(\d{1,2})\.\s(\d{1,2})\.`)
	// eraRE is a Japanese date in the Reiwa or Heisei era: "令和5年5月31日"
	// (元年 is the first year).
	eraRE     = regexp.MustCompile(`(令和|平成)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	cjkRE     = regexp.MustCompile(`((?:19|20)\d{2})\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]`)
	compactRE = regexp.MustCompile(`^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])`)
	unixRE    = regexp.MustCompile(`^1\d{9}$`)
	unixMsRE  = regexp.MustCompile(`^1\d{12}$`)
)

type foundDate struct {
	t     time.Time
	start int
}

// findDates returns every date written in s, in order of position. Every
// form it knows holds a four-digit year, so on long text the regular
// expressions run only on windows around the years (whole words, up to
// dateWindow bytes either side): a page of 8 MB costs what its dates do.
func findDates(s string, dayFirst bool) []foundDate {
	var out []foundDate
	eachDate(s, dayFirst, func(f foundDate) bool {
		out = append(out, f)
		return false
	})
	return out
}

// eachDate calls fn with the dates of s in order until fn returns true:
// the first acceptable date of a long text costs only the windows before
// it.
func eachDate(s string, dayFirst bool, fn func(foundDate) bool) {
	if len(s) <= 3*dateWindow {
		for _, f := range findDatesIn(s, dayFirst) {
			if fn(f) {
				return
			}
		}
		return
	}
	end := 0 // end of the last window searched
	for i := 0; i+3 < len(s); i++ {
		if !((s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3])) {
			continue
		}
		lo, hi := max(i-dateWindow, end), min(i+4+dateWindow, len(s))
		// Widen to word boundaries so that no match starts or ends inside
		// a word or number the window cut.
		for lo > end && s[lo-1] != ' ' && i-lo < 2*dateWindow {
			lo--
		}
		for hi < len(s) && s[hi] != ' ' && hi-i < 2*dateWindow {
			hi++
		}
		for _, f := range findDatesIn(s[lo:hi], dayFirst) {
			f.start += lo
			if fn(f) {
				return
			}
		}
		end = hi
		i = hi - 1
	}
}

// dateWindow is how far around a year a written date can reach
// ("Wednesday, 31st of December, 2023" is within it).
const dateWindow = 48

func findDatesIn(s string, dayFirst bool) []foundDate {
	var out []foundDate
	add := func(idx []int, y, m, d int) {
		if t := mkDate(y, m, d); !t.IsZero() {
			out = append(out, foundDate{t, idx[0]})
		}
	}
	atoi := func(m []int, i int) int {
		v, _ := strconv.Atoi(s[m[2*i]:m[2*i+1]])
		return v
	}
	if strings.Contains(s, "tháng") {
		for _, m := range viRE.FindAllStringSubmatchIndex(s, -1) {
			add(m, atoi(m, 3), atoi(m, 2), atoi(m, 1))
		}
	}
	if dotSpaceDigit(s) {
		for _, m := range koDotRE.FindAllStringSubmatchIndex(s, -1) {
			add(m, atoi(m, 1), atoi(m, 2), atoi(m, 3))
		}
	}
	if strings.Contains(s, "年") && (strings.Contains(s, "令和") || strings.Contains(s, "平成")) {
		for _, m := range eraRE.FindAllStringSubmatchIndex(s, -1) {
			y := 1
			if s[m[4]:m[5]] != "元" {
				y = atoi(m, 2)
			}
			if s[m[2]:m[3]] == "令和" {
				y += 2018
			} else {
				y += 1988
			}
			add(m, y, atoi(m, 3), atoi(m, 4))
		}
	}
	if strings.Contains(s, "년") || strings.Contains(s, "年") {
		for _, m := range cjkRE.FindAllStringSubmatchIndex(s, -1) {
			add(m, atoi(m, 1), atoi(m, 2), atoi(m, 3))
		}
	}
	for _, m := range isoRE.FindAllStringSubmatchIndex(s, -1) {
		add(m, atoi(m, 1), atoi(m, 2), atoi(m, 3))
	}
	for _, m := range dmyRE.FindAllStringSubmatchIndex(s, -1) {
		a, b, y := atoi(m, 1), atoi(m, 3), atoi(m, 4)
		sep := s[m[4]:m[5]]
		if sep == "/" && a <= 12 && b > 12 {
			add(m, y, a, b) // US month/day/year
		} else if sep == "/" && a <= 12 && b <= 12 && !dayFirst {
			add(m, y, a, b)
		} else {
			add(m, y, b, a)
		}
	}
	if hasLetterMonth(s) {
		for _, m := range dmyNameRE.FindAllStringSubmatchIndex(s, -1) {
			mo := monthNames[strings.ToLower(s[m[4]:m[5]])]
			add(m, atoi(m, 3), mo, atoi(m, 1))
		}
		for _, m := range mdyNameRE.FindAllStringSubmatchIndex(s, -1) {
			mo := monthNames[strings.ToLower(s[m[2]:m[3]])]
			add(m, atoi(m, 3), mo, atoi(m, 2))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// hasLetterMonth reports whether a word of s is a month name: the test
// before the month-name expressions, whose long case-folded alternation is
// the slowest part of reading dates.
func hasLetterMonth(s string) bool {
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r)
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			if isMonthWord(s[start:i]) {
				return true
			}
			start = -1
		}
	}
	return start >= 0 && isMonthWord(s[start:])
}

func isMonthWord(w string) bool {
	if len(w) < 3 || len(w) > 24 {
		return false
	}
	if _, ok := monthNames[w]; ok {
		return true
	}
	_, ok := monthNames[strings.ToLower(w)]
	return ok
}

var archiveRE = regexp.MustCompile(`^https?://web\.archive\.org/web/[0-9a-z_]+/`)

// stripArchive turns a web archive address into the archived page's own.
func stripArchive(u string) string {
	return archiveRE.ReplaceAllString(u, "")
}

var isoTimeRE = regexp.MustCompile(`^((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?(?:[.,]\d+)?\s*(Z|[+-]00:?00|UTC|GMT)$`)

// parseDateIn is parseDate for values that may be a UTC timestamp: a time
// written in UTC is moved to the publisher's zone, when the site's country
// or language tells it, before the day is taken. Times written with their
// own offset already give the local day.
func parseDateIn(s string, zone *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if zone != nil {
		if m := isoTimeRE.FindStringSubmatch(s); m != nil {
			var v [5]int
			for i := range v {
				v[i], _ = strconv.Atoi(m[i+1])
			}
			t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], 0, 0, time.UTC).In(zone)
			return mkDate(t.Year(), int(t.Month()), t.Day())
		}
	}
	return parseDate(s)
}

// zone is where the page says it is, when it says so (see statedZone): a
// UTC timestamp is moved to that zone before its day is taken. A zone
// guessed from the country domain or the language moved midnight-UTC
// stamps to the wrong day as often as to the right one (issue 14), so
// there is no guess.
func (p *page) zone() *time.Location { return p.statedZone() }

var offsetRE = regexp.MustCompile(`^(?:19|20)\d{2}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*([+-])(\d{2}):?(\d{2})$`)

// statedZone is the zone the page states: the offset written in one of its
// machine-readable dates (meta tags, JSON-LD, <time datetime>) that is not
// UTC. A page that gives "2023-05-31T23:10:00+09:00" in one place and
// "2023-05-31T14:10:00Z" in another says where it is.
func (p *page) statedZone() *time.Location {
	if p.zoneRead {
		return p.zoneStated
	}
	p.zoneRead = true
	try := func(v string) bool {
		if loc := statedOffset(v); loc != nil {
			p.zoneStated = loc
			return true
		}
		return false
	}
	for _, k := range publishedMetas {
		for _, v := range p.metas[k] {
			if try(v) {
				return p.zoneStated
			}
		}
	}
	for _, v := range p.metas["article:modified_time"] {
		if try(v) {
			return p.zoneStated
		}
	}
	for _, v := range []string{p.ld.datePublished, p.ld.dateCreated, p.ld.anyPublished} {
		if try(v) {
			return p.zoneStated
		}
	}
	for _, n := range p.times {
		if try(attr(n, "datetime")) {
			return p.zoneStated
		}
	}
	return nil
}

// statedOffset is the zone of a timestamp written with a non-UTC offset
// ("2023-05-31T23:10:00+09:00"), or nil.
func statedOffset(v string) *time.Location {
	v = strings.TrimSpace(v)
	// Cheap test first: an offset is a sign after the time's colon.
	if len(v) < 16 || !strings.ContainsAny(v[10:], "+-") {
		return nil
	}
	m := offsetRE.FindStringSubmatch(v)
	if m == nil {
		return nil
	}
	h, _ := strconv.Atoi(m[2])
	mi, _ := strconv.Atoi(m[3])
	off := h*3600 + mi*60
	if off == 0 {
		return nil
	}
	if m[1] == "-" {
		off = -off
	}
	return time.FixedZone("", off)
}

// parseDate reads one date value from a meta tag, JSON-LD or attribute:
// ISO 8601 (the day as written, so the publisher's local day), RFC 1123,
// compact 20230531, Unix seconds, or any written form findDates knows.
// It returns the zero time when s holds no date.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if m := compactRE.FindStringSubmatch(s); m != nil && (len(s) == 8 || len(s) > 8 && (s[8] < '0' || s[8] > '9')) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return mkDate(y, mo, d)
	}
	if unixRE.MatchString(s) {
		sec, _ := strconv.ParseInt(s, 10, 64)
		t := time.Unix(sec, 0).UTC()
		return mkDate(t.Year(), int(t.Month()), t.Day())
	}
	if unixMsRE.MatchString(s) {
		ms, _ := strconv.ParseInt(s, 10, 64)
		t := time.UnixMilli(ms).UTC()
		return mkDate(t.Year(), int(t.Month()), t.Day())
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC850, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return mkDate(t.Year(), int(t.Month()), t.Day())
		}
	}
	if ds := findDates(s, false); len(ds) > 0 {
		return ds[0].t
	}
	return time.Time{}
}

// otherThingsDate is the first date written inside the furniture of other
// things (comments, related stories; see skipOtherThing), for pages with
// no other date (dateRules.OtherAsLastResort): a forum thread's opening
// post is often classed like the replies.
func (p *page) otherThingsDate(ok func(time.Time) bool) found {
	if p.body == nil {
		return found{}
	}
	dayFirst := p.dayFirst()
	var out found
	var inside func(n *html.Node) bool
	inside = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if s := strings.TrimSpace(n.Data); s != "" {
				if t := firstTextDate(plainSpaces(s), ok, dayFirst, true); !t.IsZero() {
					out = found{t: t, n: n.Parent, source: "date of other things", text: s}
					return true
				}
			}
			return false
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Select, atom.Option:
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if inside(c) {
				return true
			}
		}
		return false
	}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		p.stop.check()
		if skipOtherThing(n) {
			return inside(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(p.body)
	return out
}
