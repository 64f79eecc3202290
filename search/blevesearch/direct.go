package blevesearch

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// The direct executor answers the queries people type most — plain words,
// each searching every field — without bleve's searchers, which build a
// DocumentMatch per posting and per level of the query tree (three term
// searchers per word, a disjunction, a conjunction, a boolean) and decode
// every posting's frequency and norm. Here, segment by segment:
//
//   - the hits are a bitmap: each word's postings bitmaps in its three
//     fields or'ed, the words and'ed (and a date range's documents, on a
//     one-segment snapshot); no posting is decoded for that;
//   - each hit goes to the collector's accept (filters, facet counts); only
//     the hits that pass are scored, reading their postings' frequencies
//     and norms by advancing one cursor per term to them;
//   - for relevance with a page of k hits, the hits with a title or pair
//     match (the candidates) are scored first; when the k-th best of them
//     beats what any other hit can score (pruneRule), the others are only
//     counted, and a candidate whose own ceiling is below the k-th best so
//     far is not scored either.
//
// Every other query (negation, field:value, OR, phrases, prefixes, more
// than maxDirectWords words) goes through bleve, as do snapshots whose
// segments do not give their postings as bitmaps.
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

// term is one term of a direct query in one field, over every segment of
// the snapshot, with what its score needs.
type term struct {
	field  int                    // index in directFields; -1 for a pair
	lists  []segment.PostingsList // per segment
	count  uint64                 // postings over the snapshot (bleve's Count)
	boost  float64
	idf    float64
	weight float64 // bleve's queryWeight: boost × idf × queryNorm

	// The documents of the term in segment idsSeg (nil: none), once read.
	ids    *roaring.Bitmap
	idsSeg int

	// The cursor over the current segment's postings with frequencies and
	// norms, moved only to the hits that are scored.
	it   segment.PostingsIterator
	doc  int64 // local number of the current posting; -1 before the first
	freq uint64
	norm float64
}

// noDoc is a cursor's document past the end of its postings.
const noDoc = math.MaxInt64

// squaredWeight is the term's share of the query norm (bleve's Weight).
func (t *term) squaredWeight() float64 {
	w := t.boost * t.idf
	return w * w
}

func (t *term) setNorm(queryNorm float64) {
	t.weight = t.boost * t.idf * queryNorm
}

// at moves the cursor to local document l or the first after it (never
// back) and reports whether the term is in l.
func (t *term) at(l int64, norms *normCache) (bool, error) {
	if t.doc < l {
		p, err := t.it.Advance(uint64(l))
		if err != nil {
			return false, err
		}
		t.doc = noDoc
		if p != nil {
			t.doc = int64(p.Number())
			t.freq = p.Frequency()
			t.norm = norms.of(p)
		}
	}
	return t.doc == l, nil
}

// score is the current posting's score for the term.
func (t *term) score() float64 {
	s := float64(math.Sqrt(float64(t.freq)) * t.norm * t.idf)
	if t.weight != 1 {
		s = float64(s * t.weight)
	}
	return s
}

// normCache remembers the norms of the field lengths seen last: a zap
// posting's norm is a square root and a division of its encoded length,
// the same for every posting of that length.
type normCache [256]struct {
	bits uint64
	norm float64
	set  bool
}

type normBits interface{ NormUint64() uint64 }

func (c *normCache) of(p segment.Posting) float64 {
	nb, ok := p.(normBits)
	if !ok {
		return p.Norm()
	}
	bits := nb.NormUint64()
	e := &c[bits&255]
	if !e.set || e.bits != bits {
		e.bits, e.norm, e.set = bits, p.Norm(), true
	}
	return e.norm
}

// disjunction is one word in its three fields, or the pairs: terms of
// which a document needs any, in bleve's order for summing.
type disjunction struct {
	terms []*term
	count uint64
}

// squaredWeight is the disjunction's Weight: its terms' in its order.
func (u *disjunction) squaredWeight() float64 {
	sum := 0.0
	for _, t := range u.terms {
		sum += t.squaredWeight()
	}
	return sum
}

func (u *disjunction) setNorm(queryNorm float64) {
	for _, t := range u.terms {
		t.setNorm(queryNorm)
	}
}

// score is the disjunction's score of local document l: the sum of its
// terms in l times the share of them that are; 0 when none is.
func (u *disjunction) score(l int64, norms *normCache) (float64, error) {
	sum, n := 0.0, 0
	for _, t := range u.terms {
		in, err := t.at(l, norms)
		if err != nil {
			return 0, err
		}
		if in {
			sum += t.score()
			n++
		}
	}
	if n == 0 {
		return 0, nil
	}
	return float64(sum * (float64(n) / float64(len(u.terms)))), nil
}

// startSegment opens the terms' cursors on segment i.
func (u *disjunction) startSegment(i int) {
	for _, t := range u.terms {
		t.it = t.lists[i].Iterator(true, true, false, t.it)
		t.doc = -1
	}
}

// docs returns the documents of segment i with any of the terms, or false
// when the segment's postings do not give their bitmaps.
func (u *disjunction) docs(i int) (*roaring.Bitmap, bool) {
	return unionDocs(u.terms, i)
}

// unionDocs returns the documents of segment i with any of terms (a new
// bitmap), or false when the segment's postings do not give their bitmaps.
func unionDocs(terms []*term, i int) (*roaring.Bitmap, bool) {
	var bms []*roaring.Bitmap
	for _, t := range terms {
		bm, ok := t.docs(i)
		if !ok {
			return nil, false
		}
		if bm != nil {
			bms = append(bms, bm)
		}
	}
	return roaring.FastOr(bms...), true
}

// docs returns the documents of the term in segment i (nil for none; the
// bitmap may be the postings' own: not to be changed), or false when the
// segment's postings do not give their bitmap.
func (t *term) docs(i int) (*roaring.Bitmap, bool) {
	if t.idsSeg == i {
		return t.ids, true
	}
	it, ok := t.lists[i].Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, false
	}
	var bm *roaring.Bitmap
	if d, one := it.DocNum1Hit(); one {
		bm = roaring.BitmapOf(uint32(d))
	} else {
		bm = it.ActualBitmap()
	}
	t.ids, t.idsSeg = bm, i
	return bm, true
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

// directPlan is a direct query opened on a snapshot.
type directPlan struct {
	segs    []*scorch.SegmentSnapshot
	offsets []int // each segment's first document number
	words   []*disjunction
	pairs   *disjunction // nil without pairs or without scores
	score   bool
	norms   normCache
}

// openDisjunction opens the postings of terms[i] in fields[i] in every
// segment and orders them as bleve orders a disjunction's children.
func (dp *directPlan) openDisjunction(terms, fields []string, boosts []float64, docTotal uint64) (*disjunction, error) {
	u := &disjunction{}
	for i := range terms {
		t := &term{field: -1, idsSeg: -1, boost: boosts[i], lists: make([]segment.PostingsList, len(dp.segs))}
		for j, f := range directFields {
			if f.name == fields[i] {
				t.field = j
			}
		}
		for j, ss := range dp.segs {
			dict, err := ss.Segment().Dictionary(fields[i])
			if err != nil {
				return nil, fmt.Errorf("dictionary of %s: %w", fields[i], err)
			}
			pl, err := dict.PostingsList([]byte(terms[i]), ss.Deleted(), nil)
			if err != nil {
				return nil, fmt.Errorf("postings of %s %q: %w", fields[i], terms[i], err)
			}
			t.lists[j] = pl
			t.count += pl.Count()
		}
		t.idf = 1 + math.Log(float64(docTotal)/float64(t.count+1))
		u.terms = append(u.terms, t)
		u.count += t.count
	}
	sortByCount(u.terms, func(t *term) uint64 { return t.count })
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

// openDirect opens d on the snapshot; false when the snapshot is not one
// the executor reads (then bleve answers).
func (o *ordinals) openDirect(d *directQuery, score bool) (*directPlan, bool, error) {
	snap, ok := o.reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, nil
	}
	dp := &directPlan{segs: snap.Segments(), score: score}
	// scorch numbers the documents of the snapshot segment after segment,
	// counting deleted ones.
	n := 0
	for _, ss := range dp.segs {
		dp.offsets = append(dp.offsets, n)
		n += int(ss.Segment().Count())
	}
	docTotal, err := o.reader.DocCount()
	if err != nil {
		return nil, false, err
	}
	fields := make([]string, len(directFields))
	boosts := make([]float64, len(directFields))
	for i, f := range directFields {
		fields[i], boosts[i] = f.name, f.boost
	}
	for _, word := range d.words {
		u, err := dp.openDisjunction([]string{word, word, word}, fields, boosts, docTotal)
		if err != nil {
			return nil, false, err
		}
		dp.words = append(dp.words, u)
	}
	// The conjunction's order: fewest postings first.
	sortByCount(dp.words, func(u *disjunction) uint64 { return u.count })
	if score && len(d.pairs) > 0 {
		pf, pb := make([]string, len(d.pairs)), make([]float64, len(d.pairs))
		for i := range d.pairs {
			pf[i], pb[i] = indexer.FieldPhrases, boostPair
		}
		if dp.pairs, err = dp.openDisjunction(d.pairs, pf, pb, docTotal); err != nil {
			return nil, false, err
		}
	}
	if score {
		dp.setQueryNorm()
	}
	return dp, true, nil
}

// setQueryNorm gives every term the query's norm, from the weights summed
// as bleve sums them: the words alone are a disjunction (one word) or a
// conjunction; with pairs, a boolean query of the conjunction and the
// pairs' disjunction.
func (dp *directPlan) setQueryNorm() {
	var sum float64
	if len(dp.words) == 1 && dp.pairs == nil {
		sum = dp.words[0].squaredWeight()
	} else {
		conj := 0.0
		for _, w := range dp.words {
			conj += w.squaredWeight()
		}
		sum = conj
		if dp.pairs != nil {
			sum = 0.0 + conj + dp.pairs.squaredWeight()
		}
	}
	norm := 1.0 / math.Sqrt(sum)
	for _, w := range dp.words {
		w.setNorm(norm)
	}
	if dp.pairs != nil {
		dp.pairs.setNorm(norm)
	}
}

// boundsAt bounds the query's score of local document l of segment i,
// which every word has, reading only the cheap postings: the words'
// titles and the pairs exactly (short lists), their bodies and aliases
// where their bitmaps have the document (so the coordination is exact),
// at 0 for the lower bound and at their ceiling (see pruneRule) for the
// upper. The bounds are widened by pruneRule's slack against rounding.
func (dp *directPlan) boundsAt(i int, l int64) (lo, hi float64, err error) {
	for _, w := range dp.words {
		partLo, partHi, n := 0.0, 0.0, 0
		for _, t := range w.terms {
			if t.field < 0 || directFields[t.field].name != indexer.FieldTitle {
				if bm, _ := t.docs(i); bm != nil && bm.Contains(uint32(l)) {
					partHi += t.idf * t.weight
					n++
				}
				continue
			}
			in, err := t.at(l, &dp.norms)
			if err != nil {
				return 0, 0, err
			}
			if in {
				s := t.score()
				partLo += s
				partHi += s
				n++
			}
		}
		coord := float64(n) / float64(len(w.terms))
		lo += partLo * coord
		hi += partHi * coord
	}
	if dp.pairs != nil {
		should, err := dp.pairs.score(l, &dp.norms)
		if err != nil {
			return 0, 0, err
		}
		lo += should
		hi += should
	}
	return lo * (1 - directPrune.Slack), hi * (1 + directPrune.Slack), nil
}

// scoreAt is the query's score of local document l, which every word has:
// one word's disjunction, or the words' sum plus the pairs' score where
// any pair is in l.
func (dp *directPlan) scoreAt(l int64) (float64, error) {
	if len(dp.words) == 1 && dp.pairs == nil {
		return dp.words[0].score(l, &dp.norms)
	}
	must := 0.0
	for _, w := range dp.words {
		s, err := w.score(l, &dp.norms)
		if err != nil {
			return 0, err
		}
		must += s
	}
	if dp.pairs == nil {
		return must, nil
	}
	should, err := dp.pairs.score(l, &dp.norms)
	if err != nil || should == 0 {
		return must, err
	}
	return 0.0 + must + should, nil
}

// pruneRule says when the direct executor may leave hits unscored. A
// hit's score has a ceiling where the query's words are only in its body
// or common aliases (no title, no rare alias, no pair of the query): a term scores sqrt(freq) ×
// norm × idf × queryWeight, and sqrt(freq) × norm is at most 1 since norm
// = 1/sqrt(the field's length in terms) and freq is at most that length
// (TestNormBound checks it on every posting of the test indexes). So the
// hits with a title or a pair (the candidates: for common words a few
// thousand of tens of thousands) are scored first; when at least k of them
// pass the filters and the k-th best scores above the ceiling, no other
// hit can reach the top k, and the others are only counted: their postings
// are never decoded.
type pruneRule struct {
	// MaxCandidateShare: the candidates are bounded apart from the other
	// hits only when they are at most this share of the hits; otherwise
	// every hit is bounded (see directCollect).
	MaxCandidateShare float64
	// Slack raises the ceiling by this share, far above the rounding of
	// the norms (stored as float32: 6e-8) and of the float64 sums.
	Slack float64
	// MaxAliasesPerTitle: a word's aliases postings make candidates when
	// they are at most this many times its title postings (candidate).
	MaxAliasesPerTitle float64
}

var directPrune = pruneRule{MaxCandidateShare: 0.5, Slack: 1e-6, MaxAliasesPerTitle: 1}

// try reports whether to bound the candidates apart from the other hits.
func (r pruneRule) try(candidates, hits uint64) bool {
	return hits > 0 && float64(candidates) <= r.MaxCandidateShare*float64(hits)
}

// candidate reports whether a word's term in a field makes its documents
// candidates: the title always; the aliases when they have no more
// postings than the title (a rare alias term weighs much — a high idf —
// and would raise the ceiling of every other hit, while a common one
// weighs little and would make most hits candidates).
func (r pruneRule) candidate(t *term, w *disjunction) bool {
	if t.field < 0 {
		return true // a pair
	}
	switch directFields[t.field].name {
	case indexer.FieldTitle:
		return true
	case indexer.FieldAliases:
		for _, u := range w.terms {
			if u.field >= 0 && directFields[u.field].name == indexer.FieldTitle {
				return float64(t.count) <= r.MaxAliasesPerTitle*float64(u.count)
			}
		}
	}
	return false
}

// ceiling is the most a hit without candidates' terms can score: each
// word at most in its body and in the aliases that are not candidates,
// with the coordination of the fields it may have.
func (r pruneRule) ceiling(words []*disjunction) float64 {
	sum := 0.0
	for _, w := range words {
		top, n := 0.0, 0
		for _, t := range w.terms {
			if !r.candidate(t, w) {
				top += t.idf * t.weight
				n++
			}
		}
		sum += top * float64(n) / float64(len(w.terms))
	}
	return sum * (1 + r.Slack)
}

// directHooks are the collector's side of a direct pass.
type directHooks struct {
	passes func(doc int) bool // the filters' verdict, nothing counted
	accept func(doc int) bool // the verdict, the hit counted
	offer  func(doc int, score float64)
	hits   func(n uint64) // told the number of hits before the first
	// countAll, when it can (it says so for nil docs too), counts the
	// documents docs (segment numbers after offset) as accept would and
	// reports true: when no facet filter applies, no date range (or every
	// hit is in it) and the facets are counted densely from rows.
	countAll func(docs []uint32, offset int) bool
	// inRange tells that every hit to come is within the date range.
	inRange func()
}

// denseRule says when a pass counts the facets densely (collected.dense):
// noting each value the first time it is counted costs a check per count
// and a list that grows with the values touched, while picking the top
// values from every value and clearing every count cost a pass over all of
// them (~110,000 values at 94k articles, some tens of microseconds).
type denseRule struct {
	// MinHitsPerValue: dense from this many hits per facet value (all
	// terms facets together); a hit counts about ten values, so at 1/16
	// the touched lists would hold over half the values.
	MinHitsPerValue float64
}

var denseCounting = denseRule{MinHitsPerValue: 1.0 / 16}

func (r denseRule) dense(hits uint64, values int) bool {
	return values > 0 && float64(hits) >= r.MinHitsPerValue*float64(values)
}

// scoredDoc is a candidate scored ahead.
type scoredDoc struct {
	doc   int
	score float64
}

// directCollect answers d over the snapshot: per segment, the documents
// of every word (the union of its fields' postings bitmaps, intersected
// over the words) go to accept, which applies the filters and counts the
// facets; those that pass are scored (postings decoded only for them, and
// only for the candidates when pruneRule allows) and offered to the top k.
// passes is accept's verdict without the counting. It returns false when
// the snapshot's segments are not ones it reads, having visited nothing,
// and whether it left hits unscored.
func (o *ordinals) directCollect(ctx context.Context, d *directQuery, p collectPlan, h directHooks) (handled, pruned bool, err error) {
	passes, accept, offer := h.passes, h.accept, h.offer
	score := p.order == search.SortRelevance && p.k > 0
	dp, ok, err := o.openDirect(d, score)
	if err != nil || !ok {
		return false, false, err
	}
	var hits []*roaring.Bitmap
	var nHits uint64
	for i := range dp.segs {
		var bms []*roaring.Bitmap
		for _, w := range dp.words {
			bm, ok := w.docs(i)
			if !ok {
				return false, false, nil
			}
			bms = append(bms, bm)
		}
		hits = append(hits, roaring.FastAnd(bms...))
		nHits += hits[i].GetCardinality()
	}
	// A date range leaves the hits outside it uncounted: on a snapshot of
	// one segment (a generation's) with more hits than the range has
	// documents, they are left out before any visit (cutting costs about
	// what visiting the range's documents would).
	if p.hasDays && len(dp.segs) == 1 && dp.offsets[0] == 0 {
		days := o.fields[ordDay]
		var inRange uint64
		for ord := p.dayLo; ord <= p.dayHi && ord > 0; ord++ {
			inRange += uint64(len(days.docsOf(ord - 1)))
		}
		if nHits > inRange {
			dense := make([]uint64, (o.maxDoc+63)/64)
			for ord := p.dayLo; ord <= p.dayHi && ord > 0; ord++ {
				for _, d := range days.docsOf(ord - 1) {
					dense[d>>6] |= 1 << (d & 63)
				}
			}
			hits[0].And(roaring.FromDense(dense, false))
			nHits = hits[0].GetCardinality()
			h.inRange()
		}
	}
	h.hits(nHits)
	var buf [256]uint32
	// each calls fn on the documents of bms, segment by segment (start is
	// called first on each).
	each := func(bms []*roaring.Bitmap, start func(i int), fn func(i int, l uint32, doc int) error) error {
		for i, bm := range bms {
			start(i)
			it := bm.ManyIterator()
			for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
				if err := ctx.Err(); err != nil {
					return err
				}
				for _, l := range buf[:n] {
					if doc := dp.offsets[i] + int(l); doc < o.maxDoc {
						if err := fn(i, l, doc); err != nil {
							return err
						}
					}
				}
			}
		}
		return nil
	}
	startCursors := func(i int) {
		if !score {
			return
		}
		for _, w := range dp.words {
			w.startSegment(i)
		}
		if dp.pairs != nil {
			dp.pairs.startSegment(i)
		}
	}

	// The candidates first, when that may spare scoring the rest.
	var ahead []scoredDoc
	if score {
		var cands []*roaring.Bitmap
		var nCands uint64
		for i := range dp.segs {
			var terms []*term
			for _, w := range dp.words {
				for _, t := range w.terms {
					if directPrune.candidate(t, w) {
						terms = append(terms, t)
					}
				}
			}
			if dp.pairs != nil {
				terms = append(terms, dp.pairs.terms...)
			}
			bm, ok := unionDocs(terms, i)
			if !ok {
				return false, false, nil
			}
			bm.And(hits[i])
			cands = append(cands, bm)
			nCands += bm.GetCardinality()
		}
		// When the candidates are too many of the hits to leave the rest
		// aside, every hit is a candidate: the bounds below still spare
		// scoring most of them, and no hit is left to a ceiling.
		every := !directPrune.try(nCands, nHits)
		if every {
			cands = hits
		}
		{
			// First the candidates' bounds, from the short postings and
			// the bitmaps only; floor is the k-th best lower bound, so the
			// top k are among the candidates whose ceiling reaches it:
			// only those are scored, and the body's postings are decoded
			// for them alone.
			type bounded struct {
				seg, l, doc int
				hi          float64
			}
			var cand []bounded
			lows := &floatHeap{}
			err := each(cands, startCursors, func(i int, l uint32, doc int) error {
				if !passes(doc) {
					return nil
				}
				lo, hi, err := dp.boundsAt(i, int64(l))
				cand = append(cand, bounded{i, int(l), doc, hi})
				lows.keep(lo, p.k)
				return err
			})
			if err != nil {
				return true, false, err
			}
			if lows.Len() == p.k {
				floor, best, seg := lows.min(), &floatHeap{}, -1
				for _, c := range cand {
					if c.hi < floor {
						continue
					}
					if c.seg != seg {
						seg = c.seg
						startCursors(seg)
					}
					sc, err := dp.scoreAt(int64(c.l))
					if err != nil {
						return true, false, err
					}
					ahead = append(ahead, scoredDoc{c.doc, sc})
					best.keep(sc, p.k)
				}
				pruned = every || best.Len() == p.k && best.min() > directPrune.ceiling(dp.words)
			}
		}
	}

	if (pruned || !score) && h.countAll != nil && h.countAll(nil, 0) {
		// No filter and no date range left: every hit counts in every facet,
		// in batches, and the hits offered are the scored candidates
		// (all of which pass), or every hit when nothing is scored.
		for i, bm := range hits {
			it := bm.ManyIterator()
			for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
				if err := ctx.Err(); err != nil {
					return true, pruned, err
				}
				h.countAll(buf[:n], dp.offsets[i])
				if !score && p.k > 0 {
					for _, l := range buf[:n] {
						if doc := dp.offsets[i] + int(l); doc < o.maxDoc {
							offer(doc, 0)
						}
					}
				}
			}
		}
		if score {
			for _, a := range ahead {
				offer(a.doc, a.score)
			}
		}
		return true, pruned, nil
	}
	next := 0 // the first of ahead not yet passed
	start := startCursors
	if pruned {
		start = func(int) {}
	}
	err = each(hits, start, func(_ int, l uint32, doc int) error {
		if !accept(doc) || p.k == 0 {
			return nil
		}
		if !score {
			offer(doc, 0)
			return nil
		}
		if pruned {
			for next < len(ahead) && ahead[next].doc < doc {
				next++
			}
			if next < len(ahead) && ahead[next].doc == doc {
				offer(doc, ahead[next].score)
			}
			return nil
		}
		sc, err := dp.scoreAt(int64(l))
		if err != nil {
			return err
		}
		offer(doc, sc)
		return nil
	})
	return true, pruned, err
}

// floatHeap is a min-heap of the k largest scores seen.
type floatHeap []float64

func (h *floatHeap) Len() int     { return len(*h) }
func (h *floatHeap) min() float64 { return (*h)[0] }

// keep adds x when fewer than k are kept or x beats the least of them.
func (h *floatHeap) keep(x float64, k int) {
	s := *h
	if len(s) < k {
		s = append(s, x)
		for i := len(s) - 1; i > 0; {
			p := (i - 1) / 2
			if s[p] <= s[i] {
				break
			}
			s[i], s[p] = s[p], s[i]
			i = p
		}
		*h = s
		return
	}
	if x <= s[0] {
		return
	}
	s[0] = x
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(s) {
			break
		}
		m := l
		if r := l + 1; r < len(s) && s[r] < s[l] {
			m = r
		}
		if s[i] <= s[m] {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}
