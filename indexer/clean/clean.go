// Package clean turns the raw bytes of a news page into a corpus.Document:
// charset decoding, title, publication date, source, language, canonical URL
// and the main text without navigation, ads, banners or footers.
//
// The page is parsed once; metadata is gathered in one walk over the tree,
// then the main text is found by scoring blocks (text and link density,
// paragraph structure, semantic elements, boilerplate class names) rather
// than by rules for particular sites.
package clean

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/policysearch/policysearch/corpus"
)

// Options tells the cleaner what is known about a page besides its bytes.
type Options struct {
	// Path is the file name, used for messages and as a URL/date hint.
	Path string
	// ContentType is an HTTP Content-Type header, when known (charset hint).
	ContentType string
	// URL is the address the page was fetched from, when known: a fallback
	// for the canonical URL and a hint for the publication date.
	URL string
	// Now bounds publication dates (a date after Now is implausible); the
	// zero value means the current time.
	Now time.Time
}

// Errors Clean returns for pages it cannot read, checked with errors.Is.
var (
	// ErrEmpty means the input holds no bytes, or only white space.
	ErrEmpty = errors.New("empty page")
	// ErrNotHTML means the input is binary or has no HTML markup.
	ErrNotHTML = errors.New("not an HTML page")
	// ErrNoContent means the page parsed but holds no text at all.
	ErrNoContent = errors.New("no text in page")
	// ErrInternal means the cleaner failed on this page (a bug): the page is
	// skipped instead of bringing the caller down.
	ErrInternal = errors.New("internal error in cleaner")
)

// maxInput bounds the bytes parsed: pages larger than this are cut, which
// keeps time and memory bounded on pathological input.
const maxInput = 12 << 20

// Clean extracts the document from one page. ID, File and Hash are left for
// the caller to set. Its errors wrap one of the named errors above with the
// cause and the input (its size, and its URL when known); the caller, who
// knows the file, adds its name.
//
// Clean stops soon after ctx is done (its long loops look at ctx every few
// hundred steps) and then returns an error that wraps ctx.Err(): a build
// that gives up on a page after its timeout gets the core back.
func Clean(ctx context.Context, raw []byte, opt Options) (doc *corpus.Document, err error) {
	size := len(raw)
	fail := func(named, cause error) error {
		in := fmt.Sprintf("%d bytes", size)
		if opt.URL != "" {
			in += " from " + opt.URL
		}
		return fmt.Errorf("%w: %w (%s)", named, cause, in)
	}
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(abandoned); ok {
				doc = nil
				err = fmt.Errorf("clean abandoned (%d bytes): %w", size, a.err)
				return
			}
			// A panic is a bug in the cleaner; the stack is the only trace
			// of where it was, since the page is skipped and work goes on.
			doc = nil
			err = fail(ErrInternal, fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("clean (%d bytes): %w", size, err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fail(ErrEmpty, errors.New("no bytes but white space"))
	}
	if len(raw) > maxInput {
		raw = raw[:maxInput]
	}
	text := decode(raw, opt.ContentType)
	if why := notHTML(text); why != "" {
		return nil, fail(ErrNotHTML, errors.New(why))
	}
	p, err := readPage(ctx, text, opt)
	if err != nil {
		return nil, fail(ErrInternal, err)
	}
	doc = &corpus.Document{URL: p.canonicalURL()}
	doc.Title = p.title()
	doc.Published = p.published()
	// Asked before mainText prunes the navigation that holds the links.
	label := len(strings.Fields(doc.Title)) <= 3 && p.isLinkText(doc.Title)
	doc.Paragraphs = p.mainText(doc.Title)
	if len(doc.Paragraphs) == 0 {
		// A page whose text is rendered by script, or that holds only a
		// player: its description is the text there is.
		if d := normSpace(p.meta("og:description", "description", "twitter:description")); d != "" && titleKey(d) != titleKey(doc.Title) {
			doc.Paragraphs = []string{d}
		}
	}
	if t := p.refineTitle(doc.Title, label); t != doc.Title {
		doc.Title = t
		for i := 0; i < len(doc.Paragraphs) && i < 4; i++ {
			if titleKey(doc.Paragraphs[i]) == titleKey(t) {
				doc.Paragraphs = append(doc.Paragraphs[:i:i], doc.Paragraphs[i+1:]...)
				break
			}
		}
	}
	doc.Source = p.source(doc.Title)
	doc.Lang = p.language(doc.Paragraphs, doc.Title)
	if doc.Title == "" && len(doc.Paragraphs) == 0 {
		return nil, fail(ErrNoContent, errors.New("no title and no text outside scripts and page furniture"))
	}
	return doc, nil
}

// stopper lets the long loops of the cleaner give up when the context is
// done. A check costs a counter increment; the context itself is asked
// every stopEvery checks, since ctx.Err takes a lock.
type stopper struct {
	ctx   context.Context
	steps int
}

// stopEvery is how many checks pass between two looks at the context: a
// few hundred nodes or text chunks, microseconds of work.
const stopEvery = 256

// abandoned is the panic value that unwinds the cleaner's recursive walks
// when the context is done; Clean recovers it and returns err.
type abandoned struct{ err error }

// check unwinds the cleaning (a panic Clean recovers) when the context is
// done. A nil stopper never stops, for helpers used outside Clean.
func (s *stopper) check() {
	if s == nil {
		return
	}
	s.steps++
	if s.steps%stopEvery != 1 {
		return
	}
	if err := s.ctx.Err(); err != nil {
		panic(abandoned{err})
	}
}

// readPage parses decoded text into a page with its metadata gathered.
func readPage(ctx context.Context, text string, opt Options) (*page, error) {
	gq, err := parse(text)
	if err != nil {
		return nil, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	stop := &stopper{ctx: ctx}
	stop.check()
	p := newPage(gq, opt, now, stop)
	if strings.Contains(p.titleTag, "<") && bogusTitle(p.titleTag) {
		// An unclosed <title> swallows the page as text; close it at the
		// first tag after it and read the page again.
		if fixed, ok := closeTitle(text); ok {
			if d, err := parse(fixed); err == nil {
				p = newPage(d, opt, now, stop)
			}
		}
	}
	return p, nil
}

var titleOpenRE = regexp.MustCompile(`(?i)<title[^>]*>`)

// closeTitle inserts </title> before the first '<' that follows <title>.
func closeTitle(text string) (string, bool) {
	loc := titleOpenRE.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	i := strings.IndexByte(text[loc[1]:], '<')
	if i < 0 {
		return "", false
	}
	at := loc[1] + i
	return text[:at] + "</title>" + text[at:], true
}

// notHTML says why s is not an HTML page (binary data: a NUL or many
// control bytes in the first kilobytes; or no '<' at all), or "" when it
// may be one.
func notHTML(s string) string {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	ctl := 0
	for i := 0; i < len(head); i++ {
		c := head[i]
		if c == 0 {
			return "binary data: a NUL character"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl > len(head)/20 {
		return fmt.Sprintf("binary data: %d control characters in the first %d bytes", ctl, len(head))
	}
	if !strings.Contains(s, "<") {
		return "no markup: not one '<'"
	}
	return ""
}

// parse builds the goquery document. The HTML parser refuses pages nested
// deeper than 512 elements; such pages are flattened and parsed again.
func parse(text string) (*goquery.Document, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err == nil {
		return doc, nil
	}
	doc, err2 := goquery.NewDocumentFromReader(bytes.NewReader(flatten(text, 256)))
	if err2 != nil {
		return nil, fmt.Errorf("parse html: %w (after flattening: %v)", err, err2)
	}
	return doc, nil
}

// flatten rewrites a page so that no element nests deeper than max: start
// tags past that depth (and their end tags) are dropped, their text kept.
func flatten(text string, max int) []byte {
	z := html.NewTokenizer(bytes.NewReader([]byte(text)))
	var out bytes.Buffer
	out.Grow(len(text))
	depth := 0
	dropped := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				out.Write(z.Raw())
				continue
			}
			if depth >= max {
				dropped++
				continue
			}
			depth++
			out.Write(z.Raw())
		case html.EndTagToken:
			if dropped > 0 {
				dropped--
				continue
			}
			if depth > 0 {
				depth--
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true, "param": true,
}
