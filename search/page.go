package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/indexer"
)

// Bounds on what highlighting reads, so a search's cost never grows with
// the size of one document: match positions come from the index only for
// the page's hits and only for bodies up to maxLocationBody; a longer body
// is highlighted by analyzing its first scanWindow bytes instead (one page
// filled with a common word would otherwise hand every search for it a
// million positions).
const (
	maxLocationBody = 256 << 10
	scanWindow      = 64 << 10
)

// pageHits reads the stored fields of the page's hits and finds where the
// query matched in their bodies.
func (s *IndexSearcher) pageHits(ctx context.Context, o *ordinals, q *Query, refs []hitRef) ([]Hit, error) {
	hits := make([]Hit, len(refs))
	bodies := make([]string, len(refs))
	var small []string // ids whose positions the index gives
	for i, r := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id, err := o.reader.ExternalID(r.id)
		if err != nil {
			return nil, fmt.Errorf("hit id: %w", err)
		}
		doc, err := o.reader.Document(id)
		if err != nil {
			return nil, fmt.Errorf("hit %s: %w", id, err)
		}
		h := Hit{ID: id, Score: r.score, Organizations: []string{}, Places: []string{}, People: []string{}}
		if doc != nil {
			doc.VisitFields(func(f index.Field) {
				v := string(f.Value())
				switch f.Name() {
				case indexer.FieldTitle:
					h.Title = v
				case indexer.FieldURL:
					h.URL = v
				case indexer.FieldSource:
					h.Source = v
				case indexer.FieldLang:
					h.Lang = v
				case indexer.FieldDay:
					h.Published = v
				case indexer.FieldOrg:
					h.Organizations = append(h.Organizations, v)
				case indexer.FieldPlace:
					h.Places = append(h.Places, v)
				case indexer.FieldPerson:
					h.People = append(h.People, v)
				case indexer.FieldBody:
					bodies[i] = v
				}
			})
		}
		hits[i] = h
		if len(bodies[i]) <= maxLocationBody {
			small = append(small, id)
		}
	}
	var spans map[string][]span
	if hl := s.highlightQuery(q); hl != nil && len(small) > 0 {
		var err error
		if spans, err = s.matchSpans(ctx, hl, small); err != nil {
			return nil, err
		}
	}
	var terms map[string]bool
	for i := range hits {
		sp := spans[hits[i].ID]
		if q.HasWords() && len(bodies[i]) > maxLocationBody {
			if terms == nil {
				terms = s.bodyTerms(q)
			}
			sp = s.scanSpans(bodies[i][:cutAtRune(bodies[i], scanWindow)], terms)
		}
		hits[i].Snippet = snippet(bodies[i], sp)
	}
	return hits, nil
}

// matchSpans asks the index where hl matches the body of the documents
// ids, with locations: only those documents' positions are read.
func (s *IndexSearcher) matchSpans(ctx context.Context, hl query.Query, ids []string) (map[string][]span, error) {
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), hl)
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	r.IncludeLocations = true
	r.Score = "none"
	res, err := s.idx.SearchInContext(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("match positions: %w", err)
	}
	out := make(map[string][]span, len(res.Hits))
	for _, h := range res.Hits {
		var sp []span
		for _, locs := range h.Locations[indexer.FieldBody] {
			for _, l := range locs {
				sp = append(sp, span{Start: int(l.Start), End: int(l.End)})
			}
		}
		out[h.ID] = sp
	}
	return out, nil
}

// bodyTerms is the set of index terms the query's words search for.
func (s *IndexSearcher) bodyTerms(q *Query) map[string]bool {
	terms := map[string]bool{}
	for _, c := range q.Clauses {
		if c.Not {
			continue
		}
		for _, t := range c.Any {
			if t.Field != FieldAny && t.Field != FieldBody {
				continue
			}
			for _, tok := range s.analyzer.Analyze([]byte(t.Text)) {
				terms[string(tok.Term)] = true
			}
		}
	}
	return terms
}

// scanSpans finds the query's terms in text by analyzing it.
func (s *IndexSearcher) scanSpans(text string, terms map[string]bool) []span {
	var out []span
	for _, tok := range s.analyzer.Analyze([]byte(text)) {
		if terms[string(tok.Term)] {
			out = append(out, span{Start: tok.Start, End: tok.End})
		}
	}
	return out
}

// cutAtRune returns the largest n' <= n at which s can be cut without
// splitting a character.
func cutAtRune(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return n
}
