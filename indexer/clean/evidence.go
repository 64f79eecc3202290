package clean

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// The publication day is decided from evidence in three steps:
//
//  1. candidates (date.go): each kind of source proposes at most one day
//     with the element it read it from: the URL, the publication meta
//     tags, JSON-LD, <time> elements, date-classed elements, the text
//     around the headline, a date after a publication label;
//  2. evidence (list): a candidate that comes from the same element as a
//     more reliable one (a <time> inside a date-classed byline, which is
//     also the first date after the headline and the first date anywhere)
//     is marked as the same piece of evidence and weighs
//     dateRules.SameElement of its weight;
//  3. decision (decide: counted, byDay, pickDay, whyPicked): each piece
//     gives its weight to its day and the day with the most weight wins;
//     ties go to the most reliable source. With no evidence at all,
//     lastResort asks the fallbacks in order.
//
// Every weight and bound is a field of dateRules, so that a rule can be
// read, changed and measured alone.

// dateRuleSet is the weights and bounds of the date decision.
type dateRuleSet struct {
	// URL is the weight of a full date in the page's URL (its canonical
	// link, og:url, or the fetch URL when known): nearly always right.
	URL float64
	// Meta is the weight of a publication meta tag (article:published_time,
	// parsely-pub-date, DC, citation, microdata and RDFa datePublished).
	Meta float64
	// Label is the weight of a date written after a publication label
	// ("Published on", "Erschienen am", "Publié le").
	Label float64
	// Time is the weight of a <time> element (one marked as the publication
	// first).
	Time float64
	// Classed is the weight of a date in a small element whose class or
	// id speaks of dates (date, byline, meta, posted).
	Classed float64
	// BeforeHeadline and AfterHeadline weigh the first date in the few
	// text chunks above the <h1> and the first date after it.
	BeforeHeadline, AfterHeadline float64
	// JSONLD weighs JSON-LD datePublished: often right, but it mostly
	// repeats the meta tags, so alone it counts little.
	JSONLD float64
	// AnyText is the first written date anywhere: it settles ties.
	AnyText float64

	// MetaMinYear is the first year a date the page states in its metadata
	// (meta tags, JSON-LD, a script's JSON) is believed: archives of old
	// newswires carry article:published_time of 1987.
	MetaMinYear int
	// TextMinYear is the first year a date read from the URL or the text is
	// believed: before the web, a written date is what the article speaks
	// of, not when it was published.
	TextMinYear int
	// HeadChunks is how many text chunks above the headline count as its
	// header (a kicker, a date line); AfterChunks how many below it.
	HeadChunks, AfterChunks int
	// ClassedMaxBytes bounds the text of a date-classed element: a longer
	// one is a container, not a date line.
	ClassedMaxBytes int
	// MaxTextBytes bounds the text collected for written dates, and
	// MaxScanBytes the bytes of one chunk searched: a publication date is
	// near the start of what holds it, and an 8 MB paragraph must not cost
	// seconds.
	MaxTextBytes, MaxScanBytes int
	// SameElement is the share of its weight a candidate adds when it was
	// read from the same element as a more reliable one: the element is
	// one piece of evidence, made a little stronger by each further role
	// (a <time> that is also the date line after the headline).
	SameElement float64
	// SkipHeadlineText leaves the headline's own text out of the written
	// dates: a date in the headline is what the article is about.
	SkipHeadlineText bool
	// SkipTextWhenDecided skips reading written dates when
	// SkipTextAgreeing of the URL, the meta tags and JSON-LD are present
	// and agree on a day (see decidedWithoutText): reading the text is the
	// costly part of the decision.
	SkipTextWhenDecided bool
	SkipTextAgreeing    int

	// SpacedText reads a date-classed element or a <time> as its text
	// nodes joined by spaces: "<span>27.01.2022</span><span>12:44</span>"
	// is "27.01.2022 12:44", not the unreadable "27.01.202212:44".
	SpacedText bool
	// PlainSpaces reads no-break, narrow and thin spaces inside a written
	// date as spaces ("11. November&nbsp;2021").
	PlainSpaces bool
	// LabelMaxLead is how many words may stand before a publication label
	// in its line with no separator between ("By Ann Lee, published on" has
	// a comma; "Python 3.0 was released on" is a sentence about something
	// else). Negative: no bound.
	LabelMaxLead int
	// ShortAfterHeadline also reads day.month.two-digit-year ("31.10.23")
	// in the short lines after the headline, as in date-classed elements.
	ShortAfterHeadline bool
	// QuoteIsOther treats dates inside a <blockquote> (an embedded post, a
	// quoted message) as another thing's.
	QuoteIsOther bool
	// PublishClassIsOwn keeps an element whose class names the publication
	// ("ArticleHeaderComment_publishDate") even when another word of the
	// class names other things' furniture.
	PublishClassIsOwn bool
	// HeadlineIsOwn keeps a container classed like other things'
	// furniture when it holds the headline: comments and related stories
	// never hold the page's <h1>.
	HeadlineIsOwn bool
	// OtherAsLastResort, when the page gives no date at all, takes the
	// first date of the furniture of other things (a forum thread's first
	// post sits in a comment-classed container).
	OtherAsLastResort bool
}

// dateRules are the rules in use. The weights were chosen on the
// development parts of htmldate-eval and trafilatura-eval (docs/extraction.md).
var dateRules = dateRuleSet{
	URL: 4, Meta: 2, Label: 2,
	Time: 1.5, Classed: 1.5, BeforeHeadline: 1.5, AfterHeadline: 1.5,
	JSONLD: 0.5, AnyText: 0.5,
	SameElement: 1,
	MetaMinYear: 1900, TextMinYear: 1995,
	HeadChunks: 6, AfterChunks: 40,
	ClassedMaxBytes: 300,
	MaxTextBytes:    200000, MaxScanBytes: 64 << 10,
	SkipTextWhenDecided: true, SkipTextAgreeing: 3,
	SkipHeadlineText: true,
	// Issue 14, second pass (each chosen on the development parts).
	SpacedText: true, PlainSpaces: true, LabelMaxLead: 2, ShortAfterHeadline: true,
	QuoteIsOther: true, PublishClassIsOwn: true, HeadlineIsOwn: true,
	OtherAsLastResort: true,
}

// plausible is the bound of dates read from the URL and the text: not
// before dateRules.TextMinYear, not more than a day after now.
func plausible(t time.Time, now time.Time) bool {
	return t.Year() >= dateRules.TextMinYear && !t.After(now.Add(24*time.Hour))
}

// plausibleMeta is the bound of dates the page states in its metadata.
func plausibleMeta(t time.Time, now time.Time) bool {
	return t.Year() >= dateRules.MetaMinYear && !t.After(now.Add(24*time.Hour))
}

// evidence is one piece of evidence for a day, as the decision saw it.
type evidence struct {
	found
	weight float64
	// sameAs names the more reliable evidence from the same element, when
	// this one was not counted.
	sameAs string
}

// list is the evidence in the order ties are broken in, each element
// counted once: of two candidates read from the same element (or one
// inside the other), the one with the lower weight is marked sameAs.
func (ds dateSources) list() []evidence {
	all := []evidence{
		{found: ds.url, weight: dateRules.URL},
		{found: ds.ld, weight: dateRules.JSONLD},
		{found: ds.meta, weight: dateRules.Meta},
		{found: ds.time, weight: dateRules.Time},
		{found: ds.texts.classed, weight: dateRules.Classed},
		{found: ds.texts.before, weight: dateRules.BeforeHeadline},
		{found: ds.texts.after, weight: dateRules.AfterHeadline},
		{found: ds.texts.any, weight: dateRules.AnyText},
		{found: ds.texts.label, weight: dateRules.Label},
	}
	out := all[:0]
	for _, e := range all {
		if !e.t.IsZero() && e.weight > 0 {
			out = append(out, e)
		}
	}
	for i := range out {
		for j := range out {
			a, b := &out[i], &out[j]
			if i == j || a.n == nil || b.n == nil || a.sameAs != "" || b.sameAs != "" {
				continue
			}
			if !contains(a.n, b.n) && !contains(b.n, a.n) {
				continue
			}
			if b.weight < a.weight || b.weight == a.weight && j > i {
				b.sameAs = a.source
			}
		}
	}
	return out
}

// decidedWithoutText reports whether the machine-readable evidence (URL,
// meta tags, JSON-LD) already fixes the day: a URL date confirmed by a meta
// tag or JSON-LD, or a meta tag confirmed by JSON-LD, with nothing that
// disagrees among them.
func (ds dateSources) decidedWithoutText() bool {
	var days []time.Time
	for _, f := range []found{ds.url, ds.meta, ds.ld} {
		if !f.t.IsZero() {
			days = append(days, f.t)
		}
	}
	if len(days) < dateRules.SkipTextAgreeing {
		return false
	}
	for _, d := range days[1:] {
		if !d.Equal(days[0]) {
			return false
		}
	}
	return true
}

// decision is the day chosen and why.
type decision struct {
	day      time.Time
	evidence []evidence
	why      string
}

// decide picks the day in named steps, each readable and testable alone:
//
//   - gather (dateSources.list): the evidence, one piece per element;
//   - weigh (counted): what each piece adds to its day;
//   - group (byDay): the weight each day gathers;
//   - pick (pickDay): the day with the most weight, ties to the most
//     reliable piece;
//   - explain (whyPicked): the winner's weight against its rivals'.
//
// With no evidence, lastResort asks the fallbacks in order.
func (ds dateSources) decide(p *page) decision {
	ev := ds.list()
	total := byDay(ev)
	best := pickDay(ev, total)
	if best.IsZero() {
		return ds.lastResort(p)
	}
	return decision{day: best, evidence: ev, why: whyPicked(best, total)}
}

// counted is the weight a piece of evidence adds to its day: all of it,
// or dateRules.SameElement of it when a more reliable piece was read from
// the same element.
func counted(e evidence) float64 {
	if e.sameAs == "" {
		return e.weight
	}
	return e.weight * dateRules.SameElement
}

// byDay is the weight each day gathers from the evidence.
func byDay(ev []evidence) map[time.Time]float64 {
	total := map[time.Time]float64{}
	for _, e := range ev {
		total[e.t] += counted(e)
	}
	return total
}

// pickDay is the day with the most weight; on a tie, the day of the first
// piece (the evidence is in order of reliability). Only a piece counted
// in full can name the winner. Zero without evidence.
func pickDay(ev []evidence, total map[time.Time]float64) time.Time {
	var best time.Time
	for _, e := range ev {
		if e.sameAs == "" && (best.IsZero() || total[e.t] > total[best]+1e-9) {
			best = e.t
		}
	}
	return best
}

// whyPicked says why best won: its weight against each rival day's.
func whyPicked(best time.Time, total map[time.Time]float64) string {
	why := fmt.Sprintf("the most weight: %.1f", total[best])
	var rivals []string
	for d, w := range total {
		if !d.Equal(best) {
			rivals = append(rivals, fmt.Sprintf("%s %.1f", d.Format("2006-01-02"), w))
		}
	}
	sort.Strings(rivals)
	if len(rivals) > 0 {
		why += " against " + strings.Join(rivals, ", ")
	}
	return why
}

// lastResort is the day when no source gave evidence: a date in a
// script's JSON, the JSON-LD creation date, any written date (even an
// update's), a date in the share image's path or the description, then in
// the file name.
func (ds dateSources) lastResort(p *page) decision {
	fallback := func(f found, why string) decision {
		return decision{day: f.t, evidence: []evidence{{found: f}}, why: "no evidence; " + why}
	}
	if !ds.script.t.IsZero() {
		return fallback(ds.script, "a publication date in a script's JSON")
	}
	okMeta := func(t time.Time) bool { return !t.IsZero() && plausibleMeta(t, p.now) }
	ok := func(t time.Time) bool { return !t.IsZero() && plausible(t, p.now) }
	if t := parseDateIn(p.ld.dateCreated, p.zone()); okMeta(t) {
		return fallback(found{t: t, source: "json-ld dateCreated", text: p.ld.dateCreated}, "the JSON-LD creation date")
	}
	if !ds.texts.loose.t.IsZero() {
		return fallback(ds.texts.loose, "any written date, even a revision's")
	}
	if dateRules.OtherAsLastResort {
		if f := p.otherThingsDate(ok); !f.t.IsZero() {
			return fallback(f, "the first date of other things (a thread's first post)")
		}
	}
	if t := dateFromURL(p.meta("og:image", "twitter:image")); ok(t) {
		return fallback(found{t: t, source: "og:image path"}, "a date in the share image's path")
	}
	if d := p.meta("description", "og:description"); d != "" {
		if t := firstTextDate(d, ok, p.dayFirst(), false); ok(t) {
			return fallback(found{t: t, source: "description", text: d}, "a date written in the description")
		}
	}
	if t := dateFromURL(p.opt.Path); ok(t) {
		return fallback(found{t: t, source: "file name", text: p.opt.Path}, "a date in the file name")
	}
	return decision{why: "no date found"}
}

// DateCandidate is one piece of evidence for the publication day, for
// people who ask why a page got its date (policysearch extract --explain).
type DateCandidate struct {
	Day    string  `json:"day"`
	Source string  `json:"source"`
	Weight float64 `json:"weight"`
	// SameAs names the more reliable evidence read from the same element;
	// such a candidate is not counted again.
	SameAs string `json:"same_as,omitempty"`
	// Element is the element it was read from (tag, id and classes).
	Element string `json:"element,omitempty"`
	Text    string `json:"text,omitempty"`
}

// DateExplanation says how the publication day of a page was decided.
type DateExplanation struct {
	Day        string          `json:"day"`
	Why        string          `json:"why"`
	Candidates []DateCandidate `json:"candidates"`
}

func (d decision) explain() DateExplanation {
	out := DateExplanation{Why: d.why}
	if !d.day.IsZero() {
		out.Day = d.day.Format("2006-01-02")
	}
	for _, e := range d.evidence {
		c := DateCandidate{Day: e.t.Format("2006-01-02"), Source: e.source, Weight: e.weight, SameAs: e.sameAs,
			Element: describe(e.n), Text: clip(normSpace(e.text), 120)}
		out.Candidates = append(out.Candidates, c)
	}
	return out
}

// describe names an element as a CSS selector would: tag#id.class.
func describe(n *html.Node) string {
	if n == nil || n.Type != html.ElementNode {
		return ""
	}
	s := n.Data
	if id := attr(n, "id"); id != "" {
		s += "#" + id
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		s += "." + c
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// ExplainDate says how Clean decides the publication day of a page: every
// candidate with its source, element, weight and whether it was counted,
// and why the winner won. It reads the page as Clean does.
func ExplainDate(ctx context.Context, raw []byte, opt Options) (ex DateExplanation, err error) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(abandoned); ok {
				err = fmt.Errorf("explain date: %w", a.err)
				return
			}
			err = fmt.Errorf("%w: explain date: panic: %v", ErrInternal, r)
		}
	}()
	if len(raw) > maxInput {
		raw = raw[:maxInput]
	}
	text := decode(raw, opt.ContentType)
	if why := notHTML(text); why != "" {
		return ex, fmt.Errorf("%w: %s", ErrNotHTML, why)
	}
	p, err := readPage(ctx, text, opt)
	if err != nil {
		return ex, fmt.Errorf("%w: %w", ErrInternal, err)
	}
	// The date is decided before the main text is pruned, as in Clean.
	return p.dateEvidence().decide(p).explain(), nil
}
