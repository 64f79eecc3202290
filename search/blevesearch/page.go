package blevesearch

import (
	"context"
	"fmt"
	"sort"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
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

// hitFacets finds a facet of search.Registry by the stored field a hit's
// values of it are read from.
var hitFacets = func() map[string]int {
	m := map[string]int{}
	for i, f := range search.Registry {
		m[f.Field] = i
	}
	return m
}()

// pageHits reads the stored fields of the page's hits and finds where the
// query matched in their bodies.
func (s *IndexSearcher) pageHits(ctx context.Context, o *ordinals, q *search.Query, refs []hitRef) ([]search.Hit, error) {
	hits := make([]search.Hit, len(refs))
	bodies := make([]string, len(refs))
	// The stored entities, read only to name organizations as the article
	// writes them (corpus.WrittenNames).
	entities := make([][]byte, len(refs))
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
		h := search.Hit{ID: id, Score: r.score}
		for _, f := range search.Registry {
			if !f.Single() {
				*f.HitList(&h) = []string{}
			}
		}
		if doc != nil {
			doc.VisitFields(func(f index.Field) {
				v := string(f.Value())
				switch f.Name() {
				case indexer.FieldTitle:
					h.Title = v
				case indexer.FieldURL:
					h.URL = v
				case indexer.FieldLang:
					h.Lang = v
				case indexer.FieldDay:
					h.Published = v
				case indexer.FieldBody:
					bodies[i] = v
				case indexer.FieldEntities:
					entities[i] = f.Value()
				default:
					if fi, ok := hitFacets[f.Name()]; ok {
						search.Registry[fi].AddHitValue(&h, v)
					}
				}
			})
		}
		if len(h.Organizations) > 0 {
			if h.Written, err = writtenNames(entities[i]); err != nil {
				return nil, fmt.Errorf("hit %s: %w", id, err)
			}
		}
		hits[i] = h
	}
	var spans [][]search.Span
	if units := s.highlightUnits(q); len(units) > 0 {
		var err error
		if spans, err = matchSpans(ctx, o, units, refs, bodies); err != nil {
			return nil, err
		}
	}
	var terms map[string]bool
	for i := range hits {
		var sp []search.Span
		if spans != nil {
			sp = spans[i]
		}
		if q.HasWords() && len(bodies[i]) > maxLocationBody {
			if terms == nil {
				terms = s.bodyTerms(q)
			}
			sp = s.scanSpans(bodies[i][:cutAtRune(bodies[i], scanWindow)], terms)
		}
		hits[i].Snippet = search.Snippet(bodies[i], sp)
	}
	return hits, nil
}

// A highlight unit is one word or phrase of the query as body terms by
// position (a phrase: several positions; a CJK word: its bigrams; nil: a
// dropped stop word, any term).
type highlightUnit [][]string

// highlightUnits are the query's positive words and phrases that search
// the body.
func (s *IndexSearcher) highlightUnits(q *search.Query) []highlightUnit {
	var out []highlightUnit
	for _, c := range q.Clauses {
		if c.Not {
			continue
		}
		for _, t := range c.Any {
			if t.Field != search.FieldAny && t.Field != search.FieldBody {
				continue
			}
			if u := s.positions(t.Text); len(u) > 0 {
				out = append(out, u)
			}
		}
	}
	return out
}

// matchSpans finds where each unit matches the bodies of the page's hits
// from the index's term vectors: one postings reader per term, advanced to
// each hit in document order, so only those documents' positions are
// decoded (a bleve search with locations decodes those of every document
// its searchers step on). Bodies over maxLocationBody are left out.
func matchSpans(ctx context.Context, o *ordinals, units []highlightUnit, refs []hitRef, bodies []string) ([][]search.Span, error) {
	order := make([]int, 0, len(refs))
	for i := range refs {
		if len(bodies[i]) <= maxLocationBody {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return refs[order[a]].doc < refs[order[b]].doc })
	// term → hit index → positions and spans of the term in that body
	type occ struct {
		pos        uint64
		start, end int
	}
	found := map[string]map[int][]occ{}
	for _, u := range units {
		for _, alts := range u {
			for _, term := range alts {
				if _, done := found[term]; done {
					continue
				}
				byHit := map[int][]occ{}
				found[term] = byHit
				tfr, err := o.reader.TermFieldReader(ctx, []byte(term), indexer.FieldBody, true, false, true)
				if err != nil {
					return nil, fmt.Errorf("match positions of %q: %w", term, err)
				}
				tfd := &index.TermFieldDoc{}
				var next *index.TermFieldDoc
				for _, i := range order {
					// A reader already at or past the hit is not asked to
					// advance: scorch's reader asked to go back (or stay)
					// starts over from the first posting.
					if next == nil || docNum(next.ID) < refs[i].doc {
						if next, err = tfr.Advance(refs[i].id, tfd); err != nil {
							tfr.Close()
							return nil, fmt.Errorf("match positions of %q: %w", term, err)
						}
						if next == nil {
							break
						}
					}
					if docNum(next.ID) != refs[i].doc {
						continue
					}
					for _, v := range next.Vectors {
						byHit[i] = append(byHit[i], occ{v.Pos, int(v.Start), int(v.End)})
					}
				}
				tfr.Close()
			}
		}
	}
	out := make([][]search.Span, len(refs))
	for _, i := range order {
		for _, u := range units {
			if len(u) == 1 {
				for _, term := range u[0] {
					for _, oc := range found[term][i] {
						out[i] = append(out[i], search.Span{Start: oc.start, End: oc.end})
					}
				}
				continue
			}
			// A phrase: where one of the first position's terms stands at
			// p and a term of every later position k at p+k.
			at := func(k int, pos uint64) (occ, bool) {
				for _, term := range u[k] {
					for _, oc := range found[term][i] {
						if oc.pos == pos {
							return oc, true
						}
					}
				}
				return occ{}, false
			}
			for _, term := range u[0] {
				for _, first := range found[term][i] {
					match := []search.Span{{Start: first.start, End: first.end}}
					for k := 1; k < len(u) && match != nil; k++ {
						if len(u[k]) == 0 {
							continue
						}
						oc, ok := at(k, first.pos+uint64(k))
						if !ok {
							match = nil
							break
						}
						match = append(match, search.Span{Start: oc.start, End: oc.end})
					}
					out[i] = append(out[i], match...)
				}
			}
		}
	}
	return out, nil
}

// bodyTerms is the set of index terms the query's words search for.
func (s *IndexSearcher) bodyTerms(q *search.Query) map[string]bool {
	terms := map[string]bool{}
	for _, c := range q.Clauses {
		if c.Not {
			continue
		}
		for _, t := range c.Any {
			if t.Field != search.FieldAny && t.Field != search.FieldBody {
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
func (s *IndexSearcher) scanSpans(text string, terms map[string]bool) []search.Span {
	var out []search.Span
	for _, tok := range s.analyzer.Analyze([]byte(text)) {
		if terms[string(tok.Term)] {
			out = append(out, search.Span{Start: tok.Start, End: tok.End})
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
