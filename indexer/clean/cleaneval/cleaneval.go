// Package cleaneval measures the HTML cleaner against third-party pages
// with ground truth (the sets in ../shared/corpora): main-text precision,
// recall and F1 on word shingles, title and date accuracy, and speed.
// cmd/policyeval prints its report; the scoring lives here so that it can
// be tested and reused.
package cleaneval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
)

// Page is one evaluation page with whatever ground truth its set gives.
// URL is the address it was fetched from: the split by site reads its host,
// and the URL-hint mode passes it to the cleaner.
type Page struct {
	Set, Name, URL string
	Raw            []byte
	Body           string   // expected main text ("" when the set has none)
	Title          string   // expected title
	Date           string   // expected publication day, YYYY-MM-DD
	With, Without  []string // snippets that must / must not be in the text
}

// Load reads one named set from the corpora folder.
func Load(dir, set string) ([]Page, error) {
	switch set {
	case "aeb":
		return loadAEB(filepath.Join(dir, set))
	case "l3s-gn1":
		return loadL3S(filepath.Join(dir, set))
	case "trafilatura-eval":
		return loadTrafilatura(filepath.Join(dir, set))
	case "htmldate-eval":
		return loadHTMLDate(filepath.Join(dir, set))
	}
	return nil, fmt.Errorf("load %s: unknown set", set)
}

// Sets are the sets Load knows, in report order.
var Sets = []string{"aeb", "l3s-gn1", "trafilatura-eval", "htmldate-eval"}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

func loadAEB(dir string) ([]Page, error) {
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &gt); err != nil {
		return nil, err
	}
	var pages []Page
	for id, g := range gt {
		raw, err := corpus.ReadFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{Set: "aeb", Name: id, URL: g.URL, Raw: raw, Body: g.ArticleBody})
	}
	sortPages(pages)
	return pages, nil
}

func loadL3S(dir string) ([]Page, error) {
	mapping, err := os.ReadFile(filepath.Join(dir, "url-mapping.txt"))
	if err != nil {
		return nil, err
	}
	urls := map[string]string{}
	for _, line := range strings.Split(string(mapping), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok {
			continue
		}
		k = strings.TrimSuffix(strings.TrimPrefix(k, "<urn:uuid:"), ">")
		urls[k] = v
	}
	entries, err := os.ReadDir(filepath.Join(dir, "original"))
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, e := range entries {
		id := strings.TrimSuffix(e.Name(), ".html.gz")
		raw, err := corpus.ReadFile(filepath.Join(dir, "original", e.Name()))
		if err != nil {
			return nil, err
		}
		ann, err := corpus.ReadFile(filepath.Join(dir, "annotated", e.Name()))
		if err != nil {
			return nil, err
		}
		body, title, err := l3sTruth(ann)
		if err != nil {
			return nil, fmt.Errorf("read annotation %s: %w", e.Name(), err)
		}
		pages = append(pages, Page{Set: "l3s-gn1", Name: id, URL: urls[id], Raw: raw, Body: body, Title: title})
	}
	sortPages(pages)
	return pages, nil
}

// l3sTruth collects the text of the spans labelled full text (x-nc-sel2)
// and headline (x-nc-sel1) in an annotated L3S page.
func l3sTruth(ann []byte) (body, title string, err error) {
	root, err := html.Parse(strings.NewReader(string(ann)))
	if err != nil {
		return "", "", err
	}
	var bodyB, titleB strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "span" {
			for _, a := range n.Attr {
				if a.Key != "class" {
					continue
				}
				switch a.Val {
				case "x-nc-sel2":
					bodyB.WriteString(nodeText(n) + " ")
					return
				case "x-nc-sel1":
					titleB.WriteString(nodeText(n) + " ")
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return bodyB.String(), strings.Join(strings.Fields(titleB.String()), " "), nil
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func loadTrafilatura(dir string) ([]Page, error) {
	var gt map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
		Title   string   `json:"title"`
		Date    string   `json:"date"`
	}
	if err := readJSON(filepath.Join(dir, "evaldata.json"), &gt); err != nil {
		return nil, err
	}
	var pages []Page
	for u, g := range gt {
		raw, err := corpus.ReadFile(filepath.Join(dir, "html", g.File+".gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{Set: "trafilatura-eval", Name: g.File, URL: u, Raw: raw,
			Title: g.Title, Date: g.Date, With: g.With, Without: g.Without})
	}
	sortPages(pages)
	return pages, nil
}

func loadHTMLDate(dir string) ([]Page, error) {
	var gt map[string]struct {
		File string `json:"file"`
		Date string `json:"date"`
	}
	if err := readJSON(filepath.Join(dir, "eval_default.json"), &gt); err != nil {
		return nil, err
	}
	var pages []Page
	for u, g := range gt {
		raw, err := corpus.ReadFile(filepath.Join(dir, "html", "default", g.File+".gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{Set: "htmldate-eval", Name: g.File, URL: u, Raw: raw, Date: g.Date})
	}
	sortPages(pages)
	return pages, nil
}

func sortPages(p []Page) {
	sort.Slice(p, func(i, j int) bool { return p[i].Name+p[i].URL < p[j].Name+p[j].URL })
}

// Outcome is one extractor's result on one page with its scores.
type Outcome struct {
	Page      *Page
	Doc       *corpus.Document // our cleaner's document (nil for peers and on errors)
	Got       Extracted
	Err       error
	Took      time.Duration
	P, R      float64 // body precision and recall (shingles), when the set has a body
	HasBody   bool
	TitleOK   bool
	HasTitle  bool
	DateOK    bool
	HasDate   bool
	DateFound bool
	// Snippet counts (trafilatura-eval): with found, with missed, without found, without absent.
	WithHit, WithMiss, WithoutHit, WithoutMiss int
}

// Extracted is what an extractor gives for one page: ours or a peer's.
type Extracted struct {
	Title string
	Date  string // YYYY-MM-DD, "" when none
	Text  string // main text, paragraphs separated by newlines
	Err   error
}

// Mode says what the cleaner is told about a page besides its bytes.
type Mode int

const (
	// Production is what a corpus build knows: the file (its name) only.
	Production Mode = iota
	// URLHint also passes the address the page was fetched from, which a
	// crawler would know and a folder of saved pages does not.
	URLHint
)

func (m Mode) String() string {
	if m == URLHint {
		return "url-hint"
	}
	return "production"
}

// Options returns the cleaner options of a page in mode m.
func (m Mode) Options(pg *Page) clean.Options {
	opt := clean.Options{Path: pg.Name}
	if m == URLHint {
		opt.URL = pg.URL
	}
	return opt
}

// Report sums the outcomes of one set, or of one part of it.
type Report struct {
	Set, Part                    string
	Pages, Errors                int
	BodyPages                    int
	P, R, F1                     float64
	TitlePages, TitleOK          int
	DatePages, DateOK, DateFound int
	SnipP, SnipR, SnipF1         float64
	HasSnippets                  bool
	Took                         time.Duration
	Slowest                      time.Duration
	SlowestPage                  string
	Outcomes                     []Outcome
}

// TitleAcc is the share of titles exactly right.
func (r *Report) TitleAcc() float64 { return ratio(r.TitleOK, r.TitlePages) }

// DateAcc is the share of expected dates found exactly (day).
func (r *Report) DateAcc() float64 { return ratio(r.DateOK, r.DatePages) }

// DateCoverage is the share of dated pages for which a date was given.
func (r *Report) DateCoverage() float64 { return ratio(r.DateFound, r.DatePages) }

// Body is the body figure of the set: F1 of the shingles, or of the
// snippets for trafilatura-eval; ok is false when the set has neither.
func (r *Report) Body() (p, rc, f float64, ok bool) {
	if r.HasSnippets {
		return r.SnipP, r.SnipR, r.SnipF1, true
	}
	return r.P, r.R, r.F1, r.BodyPages > 0
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Run cleans every page once with our cleaner in the given mode, on one
// goroutine (so that the time is what one process spends per page), and
// scores it.
func Run(ctx context.Context, set string, pages []Page, mode Mode) (*Report, error) {
	outs := make([]Outcome, 0, len(pages))
	for i := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pg := &pages[i]
		start := time.Now()
		doc, err := clean.Clean(ctx, pg.Raw, mode.Options(pg))
		took := time.Since(start)
		if errors.Is(err, clean.ErrInternal) {
			return nil, fmt.Errorf("%s %s: %w", set, pg.Name, err)
		}
		o := Score(pg, FromDocument(doc, err))
		o.Doc, o.Took = doc, took
		outs = append(outs, o)
	}
	return Summarize(set, "all", outs), nil
}

// FromDocument is what our cleaner extracted, in the form Score reads.
func FromDocument(doc *corpus.Document, err error) Extracted {
	if err != nil || doc == nil {
		return Extracted{Err: err}
	}
	return Extracted{Title: doc.Title, Date: doc.PublishedDay(), Text: strings.Join(doc.Paragraphs, "\n")}
}

// Score compares one extraction with the page's ground truth.
func Score(pg *Page, got Extracted) Outcome {
	o := Outcome{Page: pg, Got: got, Err: got.Err}
	if got.Err != nil {
		got = Extracted{}
	}
	if pg.Body != "" {
		o.HasBody = true
		o.P, o.R = ShinglePR(pg.Body, got.Text)
	}
	if pg.Title != "" {
		o.HasTitle = true
		o.TitleOK = NormTitle(got.Title) == NormTitle(pg.Title)
	}
	if d := normDate(pg.Date); d != "" {
		o.HasDate = true
		o.DateFound = got.Date != ""
		o.DateOK = got.Date == d
	}
	if len(pg.With)+len(pg.Without) > 0 {
		norm := strings.Join(strings.Fields(got.Text), " ")
		for _, s := range pg.With {
			if strings.Contains(norm, strings.Join(strings.Fields(s), " ")) {
				o.WithHit++
			} else {
				o.WithMiss++
			}
		}
		for _, s := range pg.Without {
			if strings.Contains(norm, strings.Join(strings.Fields(s), " ")) {
				o.WithoutHit++
			} else {
				o.WithoutMiss++
			}
		}
	}
	return o
}

// Summarize sums scored outcomes into the figures of a set or part.
func Summarize(set, part string, outs []Outcome) *Report {
	r := &Report{Set: set, Part: part, Pages: len(outs), Outcomes: outs}
	var sumP, sumR float64
	var tp, fn, fp int
	for _, o := range outs {
		r.Took += o.Took
		if o.Took > r.Slowest {
			r.Slowest, r.SlowestPage = o.Took, o.Page.Name
		}
		if o.Err != nil {
			r.Errors++
		}
		if o.HasBody {
			sumP += o.P
			sumR += o.R
			r.BodyPages++
		}
		if o.HasTitle {
			r.TitlePages++
			if o.TitleOK {
				r.TitleOK++
			}
		}
		if o.HasDate {
			r.DatePages++
			if o.DateFound {
				r.DateFound++
			}
			if o.DateOK {
				r.DateOK++
			}
		}
		if len(o.Page.With)+len(o.Page.Without) > 0 {
			r.HasSnippets = true
			tp += o.WithHit
			fn += o.WithMiss
			fp += o.WithoutHit
		}
	}
	if r.BodyPages > 0 {
		r.P, r.R = sumP/float64(r.BodyPages), sumR/float64(r.BodyPages)
		r.F1 = f1(r.P, r.R)
	}
	if r.HasSnippets {
		r.SnipP = ratio(tp, tp+fp)
		r.SnipR = ratio(tp, tp+fn)
		r.SnipF1 = f1(r.SnipP, r.SnipR)
	}
	return r
}

// Split divides a report's outcomes into the development and test parts
// (see PartOf).
func (r *Report) Split() (dev, test *Report) {
	var d, t []Outcome
	for _, o := range r.Outcomes {
		if o.Page.Part() == Dev {
			d = append(d, o)
		} else {
			t = append(t, o)
		}
	}
	return Summarize(r.Set, Dev, d), Summarize(r.Set, Test, t)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// normDate accepts the set's day labels, including the two malformed ones
// of trafilatura-eval ("2022-01.26", "2022-11-1"), as YYYY-MM-DD.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '.' })
	if len(parts) != 3 {
		return ""
	}
	t, err := time.Parse("2006-1-2", strings.Join(parts, "-"))
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// NormTitle is how titles are compared: white space collapsed, ends trimmed.
func NormTitle(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Tokens splits text into lower-cased word tokens, as the regular
// expression \w+ does with Unicode: runs of letters, digits and underscores.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
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

// shingleN is the shingle length of the aeb benchmark.
const shingleN = 4

func shingles(s string) map[string]int {
	toks := Tokens(s)
	m := map[string]int{}
	if len(toks) < shingleN {
		if len(toks) > 0 {
			m[strings.Join(toks, " ")]++
		}
		return m
	}
	for i := 0; i+shingleN <= len(toks); i++ {
		m[strings.Join(toks[i:i+shingleN], " ")]++
	}
	return m
}

// ShinglePR compares the extracted text with the expected one as multisets
// of 4-token shingles: precision is the share of extracted shingles that are
// expected, recall the share of expected shingles extracted. An empty
// extraction has precision 0 (nothing right was said).
func ShinglePR(want, got string) (p, r float64) {
	ws, gs := shingles(want), shingles(got)
	var tp, fp, fn int
	for k, g := range gs {
		w := ws[k]
		tp += min(g, w)
		fp += max(0, g-w)
	}
	for k, w := range ws {
		fn += max(0, w-gs[k])
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	} else {
		r = 1
	}
	if tp+fp == 0 && tp+fn == 0 {
		p = 1
	}
	return p, r
}
