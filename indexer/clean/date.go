package clean

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones for UTC timestamps, also where the system has none
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// published finds the publisher's original publication day. Sources are
// tried from the most to the least reliable, each checked for plausibility
// (a real calendar day, not before 1995, not after now): a full date in the
// URL, publication meta tags and JSON-LD, <time> elements, elements whose
// class names speak of dates, and finally dates written in the text. Dates
// labelled as modifications and copyright years are passed over.
func (p *page) published() time.Time {
	return p.dateSources().decide(p)
}

// dateSources are the candidate publication days, one per kind of source
// (zero when a source gives none).
type dateSources struct {
	url, ld, meta, time time.Time
	texts               textDates
	script              time.Time // a JSON value in an inline script
}

func (p *page) dateSources() dateSources {
	ok := func(t time.Time) bool { return !t.IsZero() && plausible(t, p.now) }
	var ds dateSources
	for _, u := range []string{p.opt.URL, p.canonicalURL()} {
		if t := dateFromURL(stripArchive(u)); ok(t) && ds.url.IsZero() {
			ds.url = t
		}
	}
	zone := p.zone()
	for _, k := range publishedMetas {
		for _, v := range p.metas[k] {
			if t := parseDateIn(v, zone); ok(t) && ds.meta.IsZero() {
				ds.meta = t
			}
		}
	}
	if t := parseDateIn(p.ld.datePublished, zone); ok(t) {
		ds.ld = t
	} else if t := parseDateIn(p.ld.anyPublished, zone); ok(t) {
		ds.ld = t
	}
	if t := parseDateIn(p.scriptDate, zone); ok(t) {
		ds.script = t
	}
	ds.time, ds.texts = p.timeElementDate(ok, zone), p.textDate(ok)

	return ds
}

// Weights of the date sources in the vote. A URL date is nearly always
// right; meta tags and dates after a publication label are the next most
// reliable; dates the reader sees in the header (date-classed elements,
// just before or after the headline) and <time> elements follow. JSON-LD
// counts little on its own because it mostly repeats the meta tags (and is
// often in UTC while they are local), and the first date anywhere in the
// text only settles ties. The weights were chosen on htmldate-eval and
// checked on trafilatura-eval (and the other way round), where each gave
// the same figures.
const (
	wURL, wMeta, wLabel              = 4.0, 2.0, 2.0
	wTime, wClassed, wBefore, wAfter = 1.5, 1.5, 1.5, 1.5
	wLD, wAny                        = 0.5, 0.5
)

// decide picks the day from the sources: each source gives its weight to
// its day and the day with the most weight wins; on a tie, the day of the
// most reliable source. With no source: a date in a script's JSON, the
// JSON-LD creation date, any written date (even an update's), a date in
// the share image's path or the description, then in the file name.
func (ds dateSources) decide(p *page) time.Time {
	votes := []struct {
		t time.Time
		w float64
	}{
		{ds.url, wURL}, {ds.ld, wLD}, {ds.meta, wMeta}, {ds.time, wTime},
		{ds.texts.classed, wClassed}, {ds.texts.before, wBefore}, {ds.texts.after, wAfter},
		{ds.texts.any, wAny}, {ds.texts.label, wLabel},
	}
	total := map[time.Time]float64{}
	for _, v := range votes {
		if !v.t.IsZero() {
			total[v.t] += v.w
		}
	}
	var best time.Time
	for _, v := range votes { // in order of reliability: the first wins ties
		if !v.t.IsZero() && (best.IsZero() || total[v.t] > total[best]+1e-9) {
			best = v.t
		}
	}
	if !best.IsZero() {
		return best
	}
	if !ds.script.IsZero() {
		return ds.script
	}
	ok := func(t time.Time) bool { return !t.IsZero() && plausible(t, p.now) }
	if t := parseDateIn(p.ld.dateCreated, p.zone()); ok(t) {
		return t
	}
	if !ds.texts.loose.IsZero() {
		return ds.texts.loose
	}
	// Still nothing: a full date in the share image's path, or written in
	// the page's description.
	if t := dateFromURL(p.meta("og:image", "twitter:image")); ok(t) {
		return t
	}
	if t := firstTextDate(p.meta("description", "og:description"), ok, p.dayFirst(), false); ok(t) {
		return t
	}
	if t := dateFromURL(p.opt.Path); ok(t) {
		return t
	}
	return time.Time{}
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

func plausible(t time.Time, now time.Time) bool {
	return t.Year() >= 1995 && !t.After(now.Add(24*time.Hour))
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
// update.
func (p *page) timeElementDate(ok func(time.Time) bool, zone *time.Location) time.Time {
	var first time.Time
	for _, n := range p.times {
		v := attr(n, "datetime")
		if v == "" {
			v = attr(n, "content")
		}
		if v == "" {
			v = textOf(n)
		}
		t := parseDateIn(v, zone)
		if !ok(t) {
			continue
		}
		label := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop") + " " + attr(n, "id"))
		if n.Parent != nil {
			label += " " + strings.ToLower(attr(n.Parent, "class"))
		}
		if isUpdateLabel(label) {
			continue
		}
		if _, pub := attrOK(n, "pubdate"); pub || strings.Contains(label, "publish") || strings.Contains(label, "created") {
			return t
		}
		if first.IsZero() {
			first = t
		}
	}
	return first
}

func isUpdateLabel(s string) bool {
	return strings.Contains(s, "modif") || strings.Contains(s, "updat") || strings.Contains(s, "aktualisiert") || strings.Contains(s, "edited")
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
	classed time.Time // in a small element whose class or id speaks of dates
	before  time.Time // in the few text chunks just before the headline
	after   time.Time // in the text that follows the headline
	any     time.Time // anywhere
	label   time.Time // after a publication label ("Published on", "Erschienen am")
	loose   time.Time // any date at all, even an update's, when there is no other
}

// textDate looks for written dates: in small elements whose class or id
// speaks of dates, around the headline, and anywhere. Copyright lines and
// update labels are skipped.
func (p *page) textDate(ok func(time.Time) bool) textDates {
	var td textDates
	if p.body == nil {
		return td
	}
	dayFirst := p.dayFirst()
	var classed []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Footer, atom.Select, atom.Option:
			return
		}
		label := attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "itemprop")
		if len(label) > 2 && dateClassed(label) && !isUpdateLabel(strings.ToLower(label)) {
			t := textOf(n)
			if len(t) < 300 {
				classed = append(classed, t)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	for _, s := range classed {
		if t := firstTextDate(s, ok, dayFirst, true); !t.IsZero() {
			td.classed = t
			break
		}
	}
	var chunks []string
	total := 0
	startAt := -1
	var h1 *html.Node
	if len(p.h1s) > 0 {
		h1 = p.h1s[0]
	}
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		if total > 200000 {
			return
		}
		if n == h1 {
			startAt = len(chunks)
		}
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				chunks = append(chunks, s)
				total += len(s)
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Select, atom.Option, atom.Footer:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(p.body)
	if startAt >= 0 {
		for i := startAt - 1; i >= max(0, startAt-headChunks); i-- {
			if t := firstTextDate(chunks[i], ok, dayFirst, true); !t.IsZero() {
				td.before = t
				break
			}
		}
		for _, s := range chunks[startAt:min(startAt+40, len(chunks))] {
			if t := firstTextDate(s, ok, dayFirst, false); !t.IsZero() {
				td.after = t
				break
			}
		}
	}
	for _, s := range chunks {
		if t := firstTextDate(s, ok, dayFirst, false); !t.IsZero() {
			td.any = t
			break
		}
	}
	td.label = labelledDate(chunks, ok, dayFirst)
	if td.any.IsZero() {
		// Nothing else: a revision date or a dated copyright line is
		// closer to the truth than no date.
		for _, s := range chunks {
			if !hasYear(s) {
				continue
			}
			if len(s) > maxDateScan {
				s = s[:maxDateScan]
			}
			eachDate(s, dayFirst, func(f foundDate) bool {
				if ok(f.t) {
					td.loose = f.t
				}
				return true
			})
			if !td.loose.IsZero() {
				break
			}
		}
	}
	return td
}

// pubLabelRE matches, at the end of the text before a date, a label that
// says the date is the publication's ("Published on", "Erschienen am:",
// "Publié le", "Datum:"), allowing a weekday between label and date.
var pubLabelRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:published|first published|publication date|date published|posted|posted on|released|date|dated|veröffentlicht|erschienen|erstellt|publiziert|datum|publié|publiée|date de publication|publicado|publicada|fecha de publicación|fecha|pubblicato|pubblicata|data di pubblicazione|gepubliceerd|geplaatst|datum publicatie|opublikowano|data publikacji|publicerad|publiceret|publisert|julkaistu|опубликовано|дата публикации)(?:\s+(?:on|am|le|el|em|il|op|den|the|at))?\s*[:.]?\s*(?:\p{L}+\.?,?\s+)?$`)

// labelStems are parts of every label pubLabelRE knows, lower-cased: a
// cheap test before the dates of a line are read.
var labelStems = []string{"publi", "post", "date", "dated", "release", "veröff", "erschien", "erstellt", "datum",
	"fecha", "data", "geplaatst", "julkaistu", "опублик", "дата"}

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
func labelledDate(chunks []string, ok func(time.Time) bool, dayFirst bool) time.Time {
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
			before := ctx[max(0, f.start-48):f.start]
			if pubLabelRE.MatchString(before) && !isUpdateLabel(strings.ToLower(before)) {
				return f.t
			}
		}
	}
	return time.Time{}
}

// headChunks is how many text chunks before the headline count as its
// header (a kicker, a date line above it).
const headChunks = 6

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
	if short && len(s) < 200 {
		if n := normSpace(s); len(n) < 60 {
			if t := shortDate(n); ok(t) && !copyrightLine(n) {
				return t
			}
		}
	}
	if len(s) < 6 || !hasYear(s) {
		return time.Time{}
	}
	if len(s) > maxDateScan {
		s = s[:maxDateScan]
	}
	if copyrightLine(s) {
		return time.Time{}
	}
	var found time.Time
	eachDate(s, dayFirst, func(c foundDate) bool {
		before := strings.ToLower(s[max(0, c.start-24):c.start])
		if isUpdateLabel(before) || strings.Contains(before, "geändert") || strings.Contains(before, "mis à jour") {
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

// maxDateScan bounds the bytes of one text chunk searched for a date: a
// publication date is near the start of what holds it, and a page that is
// one 8 MB paragraph must not cost seconds.
const maxDateScan = 64 << 10

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
	}
	for _, l := range lists {
		for i, n := range l {
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
	cjkRE                = regexp.MustCompile(`((?:19|20)\d{2})\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]`)
	compactRE            = regexp.MustCompile(`^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])`)
	unixRE               = regexp.MustCompile(`^1\d{9}$`)
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

// zoneByCountry maps country-code domains and languages to the zone most
// of their publishers write in.
var zoneByCountry = map[string]string{
	"de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris", "it": "Europe/Rome",
	"es": "Europe/Madrid", "nl": "Europe/Amsterdam", "be": "Europe/Brussels", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
	"dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "pt": "Europe/Lisbon",
	"uk": "Europe/London", "ie": "Europe/Dublin", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "cn": "Asia/Shanghai",
	"tw": "Asia/Taipei", "in": "Asia/Kolkata", "au": "Australia/Sydney", "ru": "Europe/Moscow", "hu": "Europe/Budapest",
	"ko": "Asia/Seoul", "ja": "Asia/Tokyo",
	"co": "America/Bogota", "pe": "America/Lima", "bo": "America/La_Paz", "ar": "America/Argentina/Buenos_Aires",
	"uy": "America/Montevideo", "mx": "America/Mexico_City", "cl": "America/Santiago", "br": "America/Sao_Paulo",
	"ve": "America/Caracas", "ec": "America/Guayaquil", "py": "America/Asuncion", "us": "America/New_York",
	"ca": "America/Toronto", "gb": "Europe/London", "nz": "Pacific/Auckland", "sg": "Asia/Singapore",
	"hk": "Asia/Hong_Kong", "za": "Africa/Johannesburg", "ng": "Africa/Lagos", "tr": "Europe/Istanbul",
	"gr": "Europe/Athens", "ro": "Europe/Bucharest", "ua": "Europe/Kyiv", "lu": "Europe/Luxembourg",
}

var zoneCache sync.Map // zone name → *time.Location

// zone guesses the publisher's time zone from the host's country domain,
// then from the page's language when that language is spoken in one zone.
func (p *page) zone() *time.Location {
	host := hostOf(stripArchive(p.opt.URL))
	if host == "" {
		host = hostOf(p.canonicalURL())
	}
	keys := []string{}
	// The region of a declared language ("es-CO", "pt_BR") names the country.
	if l := strings.ToLower(p.htmlLang); len(l) == 5 && (l[2] == '-' || l[2] == '_') {
		keys = append(keys, l[3:])
	}
	if i := strings.LastIndexByte(host, '.'); i >= 0 {
		keys = append(keys, host[i+1:])
	}
	switch l := baseLang(p.htmlLang); l {
	case "de", "fr", "it", "nl", "pl", "cs", "da", "sv", "fi", "hu", "ko", "ja":
		keys = append(keys, l)
	}
	for _, k := range keys {
		if name, ok := zoneByCountry[k]; ok {
			if loc, ok := zoneCache.Load(name); ok {
				return loc.(*time.Location)
			}
			if loc, err := time.LoadLocation(name); err == nil {
				zoneCache.Store(name, loc)
				return loc
			}
		}
	}
	return nil
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
