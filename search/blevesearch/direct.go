package blevesearch

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// The direct executor answers the queries people type most — plain words,
// each searching every field — without bleve's searchers: it reads the
// postings of each word in the title, the body and the aliases, merges them
// by document, intersects the words by leapfrogging from the rarest, scores
// each hit itself and hands it to the collector's visit. bleve's searchers
// build a DocumentMatch per posting and per level of the query tree (three
// term searchers, a disjunction, a conjunction, a boolean) and keep them in
// pools and heaps; here a hit is a document number and a float.
//
// The score is bleve's, to the bit, for the query buildQuery would have
// built (the tests compare both on every hit):
//
//   - a term in a field scores sqrt(freq) × norm × idf × queryWeight, where
//     idf = 1 + ln(docs / (docs with the term + 1)), queryWeight = boost ×
//     idf × queryNorm, and queryNorm = 1 / sqrt(the sum of every term's
//     (boost × idf)², over the whole query);
//   - a word (a disjunction of its three fields) scores the sum of the
//     fields it matched times matched/3;
//   - the words together (a conjunction) score their sum; the pairs of
//     adjacent words (an optional disjunction) add theirs, times the share
//     of pairs matched, where a hit has any.
//
// bleve sums children in the order of their posting counts (fewest first,
// ties in query order: its searcher lists are sorted by count), and so does
// this code, since floating-point sums depend on their order.

// maxDirectWords bounds the words a direct query may have: bleve sorts a
// query's children with a sort that is stable only up to 12 elements, and
// over 10 children its disjunction keeps them in a heap, which would change
// the order of a score's sum. Longer queries go through bleve.
const maxDirectWords = 10

// directQuery is a query the direct executor can answer: every clause one
// plain word searching every field (not negated, no field:, no prefix, no
// quotes) that analyzes to one term (stop words analyze to none and are
// dropped, as buildQuery drops them).
type directQuery struct {
	words []string // the terms of the words, in query order
	pairs []string // phrases-field terms of adjacent words (wordPairs)
}

// direct returns q as a direct query, or nil when bleve must answer it.
func (s *IndexSearcher) direct(q *search.Query) *directQuery {
	if s.bleveOnly {
		return nil
	}
	d := &directQuery{}
	for _, c := range q.Clauses {
		if c.Not || len(c.Any) != 1 {
			return nil
		}
		t := c.Any[0]
		if t.Field != search.FieldAny || t.Phrase || t.Prefix {
			return nil
		}
		switch toks := s.analyzer.Analyze([]byte(t.Text)); len(toks) {
		case 0:
		case 1:
			d.words = append(d.words, string(toks[0].Term))
		default:
			return nil // a hyphenated word or a CJK word: a phrase
		}
	}
	if len(d.words) == 0 || len(d.words) > maxDirectWords {
		return nil
	}
	d.pairs = s.pairTerms(q)
	return d
}

// noDoc is a cursor's document past the end of its postings.
const noDoc = math.MaxInt

// postings is a cursor over one term's postings in one field.
type postings struct {
	tfr    index.TermFieldReader
	tfd    index.TermFieldDoc
	doc    int // the current document, noDoc at the end
	count  uint64
	boost  float64
	idf    float64
	weight float64 // bleve's queryWeight: boost × idf × queryNorm
	id     [8]byte // Advance's argument
}

func (p *postings) next() error {
	tfd, err := p.tfr.Next(p.tfd.Reset())
	if err != nil {
		return err
	}
	p.doc = noDoc
	if tfd != nil {
		p.doc = docNum(tfd.ID)
	}
	return nil
}

// advance moves to the first document at or after target; a cursor
// already there does not move (a scorch reader asked to go back would
// start over).
func (p *postings) advance(target int) error {
	if p.doc >= target {
		return nil
	}
	binary.BigEndian.PutUint64(p.id[:], uint64(target))
	tfd, err := p.tfr.Advance(p.id[:], p.tfd.Reset())
	if err != nil {
		return err
	}
	p.doc = noDoc
	if tfd != nil {
		p.doc = docNum(tfd.ID)
	}
	return nil
}

// squaredWeight is the term's share of the query norm (bleve's Weight).
func (p *postings) squaredWeight() float64 {
	w := p.boost * p.idf
	return w * w
}

func (p *postings) setNorm(queryNorm float64) {
	p.weight = p.boost * p.idf * queryNorm
}

// score is the current document's score for the term.
func (p *postings) score() float64 {
	s := float64(math.Sqrt(float64(p.tfd.Freq)) * p.tfd.Norm * p.idf)
	if p.weight != 1 {
		s = float64(s * p.weight)
	}
	return s
}

// union is the postings of a disjunction of terms (one word in its three
// fields, or the pairs), in bleve's order for summing.
type union struct {
	terms []*postings
	doc   int
	count uint64
}

// settle sets the union's document: the least of its terms'.
func (u *union) settle() {
	u.doc = noDoc
	for _, p := range u.terms {
		u.doc = min(u.doc, p.doc)
	}
}

// nextDoc moves past the current document.
func (u *union) nextDoc() error {
	for _, p := range u.terms {
		if p.doc == u.doc {
			if err := p.next(); err != nil {
				return err
			}
		}
	}
	u.settle()
	return nil
}

func (u *union) advance(target int) error {
	if u.doc >= target {
		return nil
	}
	for _, p := range u.terms {
		if err := p.advance(target); err != nil {
			return err
		}
	}
	u.settle()
	return nil
}

// squaredWeight is the disjunction's Weight: its terms' in its order.
func (u *union) squaredWeight() float64 {
	sum := 0.0
	for _, p := range u.terms {
		sum += p.squaredWeight()
	}
	return sum
}

func (u *union) setNorm(queryNorm float64) {
	for _, p := range u.terms {
		p.setNorm(queryNorm)
	}
}

// score is the disjunction's score of document d, which the union must
// be on or past: the sum of its terms on d times the share of them that
// are; 0 when none is.
func (u *union) score(d int) float64 {
	sum, n := 0.0, 0
	for _, p := range u.terms {
		if p.doc == d {
			sum += p.score()
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum * (float64(n) / float64(len(u.terms))))
}

func (u *union) close() {
	for _, p := range u.terms {
		if p.tfr != nil {
			p.tfr.Close()
		}
	}
}

// directFields are the fields a plain word searches, with their boosts, in
// textQuery's order.
var directFields = [...]struct {
	name  string
	boost float64
}{
	{indexer.FieldTitle, boostTitle},
	{indexer.FieldBody, boostBody},
	{indexer.FieldAliases, boostAliases},
}

// openUnion opens the postings of terms (term i in field i), ordered as
// bleve orders a disjunction's children, each on its first document.
func (o *ordinals) openUnion(ctx context.Context, terms, fields []string, boosts []float64, docTotal uint64, score bool) (*union, error) {
	u := &union{}
	for i := range terms {
		tfr, err := o.reader.TermFieldReader(ctx, []byte(terms[i]), fields[i], score, score, false)
		if err != nil {
			u.close()
			return nil, fmt.Errorf("postings of %s %q: %w", fields[i], terms[i], err)
		}
		p := &postings{tfr: tfr, count: tfr.Count(), boost: boosts[i]}
		p.idf = 1 + math.Log(float64(docTotal)/float64(p.count+1))
		u.terms = append(u.terms, p)
		u.count += p.count
	}
	sortByCount(u.terms, func(p *postings) uint64 { return p.count })
	for _, p := range u.terms {
		if err := p.next(); err != nil {
			u.close()
			return nil, err
		}
	}
	u.settle()
	return u, nil
}

// sortByCount orders xs by count, ties kept in order (as bleve's sort of
// at most 12 searchers does).
func sortByCount[T any](xs []T, count func(T) uint64) {
	slices.SortStableFunc(xs, func(a, b T) int {
		ca, cb := count(a), count(b)
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
}

// directCollect answers d over the snapshot, calling visit for each hit
// with its score (0 when the plan needs no score, as bleve gives then).
func (o *ordinals) directCollect(ctx context.Context, d *directQuery, p collectPlan, visit func(int, index.IndexInternalID, float64)) error {
	score := p.order == search.SortRelevance && p.k > 0
	docTotal, err := o.reader.DocCount()
	if err != nil {
		return err
	}
	var words []*union
	defer func() {
		for _, w := range words {
			w.close()
		}
	}()
	fields := make([]string, len(directFields))
	boosts := make([]float64, len(directFields))
	for i, f := range directFields {
		fields[i], boosts[i] = f.name, f.boost
	}
	for _, word := range d.words {
		terms := []string{word, word, word}
		u, err := o.openUnion(ctx, terms, fields, boosts, docTotal, score)
		if err != nil {
			return err
		}
		words = append(words, u)
	}
	// The conjunction's order: fewest postings first. Also the best order
	// to intersect in.
	sortByCount(words, func(u *union) uint64 { return u.count })

	var pairs *union
	if score && len(d.pairs) > 0 {
		pf, pb := make([]string, len(d.pairs)), make([]float64, len(d.pairs))
		for i := range d.pairs {
			pf[i], pb[i] = indexer.FieldPhrases, boostPair
		}
		if pairs, err = o.openUnion(ctx, d.pairs, pf, pb, docTotal, true); err != nil {
			return err
		}
		defer pairs.close()
	}
	if score {
		setQueryNorm(words, pairs)
	}

	n := 0
	if len(words) == 1 {
		w := words[0]
		for w.doc != noDoc {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if w.doc < o.maxDoc {
				sc := 0.0
				if score {
					sc = w.score(w.doc)
				}
				visit(w.doc, nil, sc)
			}
			if err := w.nextDoc(); err != nil {
				return err
			}
		}
		return nil
	}
	target := words[0].doc
	for target != noDoc {
		if n++; n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// Leapfrog: every word to target; one that passes it sets a new
		// target and the round starts again.
		agreed := true
		for _, w := range words {
			if err := w.advance(target); err != nil {
				return err
			}
			if w.doc != target {
				target, agreed = w.doc, false
				break
			}
		}
		if !agreed {
			continue
		}
		if target < o.maxDoc {
			sc := 0.0
			if score {
				if sc, err = conjunctionScore(words, pairs, target); err != nil {
					return err
				}
			}
			visit(target, nil, sc)
		}
		if err := words[0].nextDoc(); err != nil {
			return err
		}
		target = words[0].doc
	}
	return nil
}

// setQueryNorm gives every term the query's norm, from the weights summed
// as bleve sums them: the words alone are a disjunction (one word) or a
// conjunction; with pairs, a boolean query of the conjunction and the
// pairs' disjunction.
func setQueryNorm(words []*union, pairs *union) {
	var sum float64
	if len(words) == 1 && pairs == nil {
		sum = words[0].squaredWeight()
	} else {
		conj := 0.0
		for _, w := range words {
			conj += w.squaredWeight()
		}
		sum = conj
		if pairs != nil {
			sum = 0.0 + conj + pairs.squaredWeight()
		}
	}
	norm := 1.0 / math.Sqrt(sum)
	for _, w := range words {
		w.setNorm(norm)
	}
	if pairs != nil {
		pairs.setNorm(norm)
	}
}

// conjunctionScore is the score of document d, on which every word is:
// the words' sum, plus the pairs' score where any pair is on d.
func conjunctionScore(words []*union, pairs *union, d int) (float64, error) {
	must := 0.0
	for _, w := range words {
		must += w.score(d)
	}
	if pairs == nil {
		return must, nil
	}
	if err := pairs.advance(d); err != nil {
		return 0, err
	}
	if pairs.doc != d {
		return must, nil
	}
	return 0.0 + must + pairs.score(d), nil
}
