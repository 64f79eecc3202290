package search

import (
	"context"
	"fmt"
	"html/template"
	"strings"
)

// paragraphBreak joins a document's paragraphs in its stored body
// (corpus.Document.Body).
const paragraphBreak = "\n\n"

// Highlight returns the paragraphs of document id as HTML, the text escaped
// and the matches of query wrapped in <mark>, for reading an article found
// by a search. The query is read leniently (ParseQueryTyping), since a link
// may carry a query typed halfway. It returns nil, with no error, when the
// query has no words or does not match the document; ErrNotFound when there
// is no such document.
func (s *IndexSearcher) Highlight(ctx context.Context, id, q string) ([]template.HTML, error) {
	pq, err := ParseQueryTyping(q)
	if err != nil || !pq.HasWords() {
		return nil, nil
	}
	o, err := s.ordinals(ctx)
	if err != nil {
		return nil, err
	}
	iid, err := o.reader.InternalID(id)
	if err != nil {
		return nil, fmt.Errorf("highlight %q in %s: %w", q, id, err)
	}
	if len(iid) == 0 {
		return nil, fmt.Errorf("highlight %q in %s: %w", q, id, ErrNotFound)
	}
	doc, err := s.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	body := doc.Body()
	// The same bounded matching as a result's snippet: positions from the
	// index for an ordinary body; a huge one is analyzed instead (the page
	// shows all of it anyway, so its cost follows its own size only).
	var spans []span
	if len(body) > maxLocationBody {
		spans = s.scanSpans(body, s.bodyTerms(pq))
	} else if units := s.highlightUnits(pq); len(units) > 0 {
		found, err := matchSpans(ctx, o, units, []hitRef{{doc: docNum(iid), id: iid}}, []string{body})
		if err != nil {
			return nil, fmt.Errorf("highlight %q in %s: %w", q, id, err)
		}
		spans = found[0]
	}
	if len(spans) == 0 {
		return nil, nil
	}
	return markParagraphs(body, mergeSpans(body, spans)), nil
}

// markParagraphs splits body into its paragraphs, escaping each and
// wrapping the spans (sorted, merged) in <mark>. A span never crosses a
// paragraph break: matches are words.
func markParagraphs(body string, spans []span) []template.HTML {
	var out []template.HTML
	start := 0
	for start <= len(body) {
		end := strings.Index(body[start:], paragraphBreak)
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		var b strings.Builder
		pos := start
		for _, m := range spans {
			if m.End <= start || m.Start >= end {
				continue
			}
			ms, me := max(m.Start, start), min(m.End, end)
			b.WriteString(template.HTMLEscapeString(body[pos:ms]))
			b.WriteString("<mark>")
			b.WriteString(template.HTMLEscapeString(body[ms:me]))
			b.WriteString("</mark>")
			pos = me
		}
		b.WriteString(template.HTMLEscapeString(body[pos:end]))
		out = append(out, template.HTML(b.String()))
		start = end + len(paragraphBreak)
	}
	return out
}

// Highlight is IndexSearcher.Highlight on the current generation.
func (l *Live) Highlight(ctx context.Context, id, q string) ([]template.HTML, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.Highlight(ctx, id, q)
}
