package blevesearch

import (
	"context"
	"sort"
	"sync"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/policysearch/policysearch/search"
)

// checkEvery is how many hits pass between checks of the context, so a
// search whose client went away stops within a fraction of a millisecond.
const checkEvery = 1024

// collectPlan says what one pass over the hits of a query keeps: the top k
// in an order, the total, and the facet counts. Facet filters and the date
// range are applied here, in memory, rather than in the bleve query: one
// pass then gives the hits (every filter), each filtered facet's counts
// (every filter but its own: multi-select) and the other facets' counts.
type collectPlan struct {
	filters [numTermFacets]ordSet // nil: no filter on that facet
	// days: an inclusive range of day ordinals+1; hasDays false: no range.
	hasDays      bool
	dayLo, dayHi uint32
	order        search.Sort // SortRelevance, SortNewest or SortOldest
	k            int         // hits to keep (page × size); 0 keeps none
	facets       bool        // count the facets
	// only, when >= 0, counts that one facet field and nothing else.
	only int
	// direct, when set, is the query as the direct executor answers it
	// (direct.go), instead of bleve's searchers.
	direct *directQuery
}

// collected is what a pass found.
type collected struct {
	total  uint64
	top    []hitRef // best first
	counts [numFacetFields][]uint32
	// touched lists the ordinals counted at least once, so picking the top
	// values and clearing the arrays cost what the hits touched, not the
	// number of values (tens of thousands of organizations); nil when a
	// field's counts were set whole (the archive's totals).
	touched [numFacetFields][]uint32
	pooled  [numFacetFields]bool
	// dense: the pass counts without noting the ordinals it touches (a
	// pass over many hits touches most values anyway): the top values are
	// then picked from, and the arrays cleared over, every value.
	dense bool
}

// countsPool recycles the count arrays of each facet field.
var countsPool [numFacetFields]sync.Pool

// release clears the count arrays and returns them to their pools.
func (c *collected) release() {
	for i, counts := range c.counts {
		if counts == nil || !c.pooled[i] {
			continue
		}
		if c.dense {
			clear(counts)
		}
		for _, ord := range c.touched[i] {
			counts[ord] = 0
		}
		countsPool[i].Put(&counts)
		c.counts[i] = nil
	}
}

// release1 gives field i's pooled array back before it is replaced.
func (c *collected) release1(i int) {
	if c.counts[i] == nil || !c.pooled[i] {
		return
	}
	if c.dense {
		clear(c.counts[i])
	}
	for _, ord := range c.touched[i] {
		c.counts[i][ord] = 0
	}
	counts := c.counts[i]
	countsPool[i].Put(&counts)
	c.pooled[i], c.touched[i] = false, nil
}

// candidates returns the ordinals worth looking at in field i's counts:
// those touched, or nil for all.
func (c *collected) candidates(i int) []uint32 {
	if !c.pooled[i] || c.dense {
		return nil
	}
	return c.touched[i]
}

type hitRef struct {
	doc   int
	id    index.IndexInternalID
	score float64
	key   int64 // the sort key for date orders
}

// newPlan turns req's filters into ordinal sets.
func (o *ordinals) newPlan(req search.Request) collectPlan {
	p := collectPlan{order: req.Sort, only: -1}
	for i, f := range search.Registry {
		if vs := *f.Filter(&req); len(vs) > 0 {
			p.filters[i] = newOrdSet(o.fields[i], vs)
		}
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		p.hasDays = true
		days := o.fields[ordDay].values // sorted: YYYY-MM-DD sorts by date
		lo, hi := 0, len(days)
		if !req.From.IsZero() {
			from := req.From.Format("2006-01-02")
			lo = sort.SearchStrings(days, from)
		}
		if !req.To.IsZero() {
			to := req.To.Format("2006-01-02")
			hi = sort.Search(len(days), func(i int) bool { return days[i] > to })
		}
		// Ordinals+1, so 0 (undated) is never inside.
		p.dayLo, p.dayHi = uint32(lo)+1, uint32(hi)
	}
	return p
}

// collect runs base over the snapshot and makes one pass over its hits.
// A base that is MatchAll walks the live documents without bleve.
func (o *ordinals) collect(ctx context.Context, s *IndexSearcher, base query.Query, p collectPlan) (*collected, error) {
	c := &collected{}
	if p.facets {
		for i, f := range o.fields {
			if p.only < 0 || p.only == i {
				if v, ok := countsPool[i].Get().(*[]uint32); ok && len(*v) == len(f.values) {
					c.counts[i] = *v
				} else {
					c.counts[i] = make([]uint32, len(f.values))
				}
				c.pooled[i] = true
			}
		}
	}
	// rowsAll: every facet field is counted, so a passing document can be
	// counted from its row (dense passes only).
	rowsAll := o.rows != nil
	for _, counts := range c.counts {
		rowsAll = rowsAll && counts != nil
	}
	// unfiltered: no facet filter, so every hit in the date range (if
	// any) passes; inRange: the direct executor left only hits in it.
	unfiltered, inRange := true, false
	for _, set := range p.filters {
		unfiltered = unfiltered && set == nil
	}
	top := newTopK(p.k, p.order)
	day := o.fields[ordDay].one
	var buf [1]uint32
	// passes reports whether hit d passes every filter and the date range.
	passes := func(d int) bool {
		if p.hasDays {
			if x := day[d]; x < p.dayLo || x > p.dayHi {
				return false
			}
		}
		for i, set := range p.filters {
			if set != nil && !o.fields[i].holds(d, set, &buf) {
				return false
			}
		}
		return true
	}
	// accept applies the filters to hit d and counts it; true when it
	// passes every filter (then it is a hit of the answer, as passes says).
	accept := func(d int) bool {
		if p.hasDays {
			if x := day[d]; x < p.dayLo || x > p.dayHi {
				return false
			}
		}
		fails, failed := 0, -1
		for i, set := range p.filters {
			if set == nil {
				continue
			}
			if !o.fields[i].holds(d, set, &buf) {
				fails++
				failed = i
				if fails > 1 {
					return false
				}
			}
		}
		if fails == 1 {
			// Counts toward its failed facet only: that facet is counted
			// with its own filter left out.
			if p.facets && c.counts[failed] != nil {
				counts := c.counts[failed]
				for _, ord := range o.fields[failed].docOrds(d, &buf) {
					if counts[ord] == 0 && !c.dense {
						c.touched[failed] = append(c.touched[failed], ord)
					}
					counts[ord]++
				}
			}
			return false
		}
		c.total++
		if c.dense && rowsAll {
			// Every field counted: the document's row of ordinals.
			for _, x := range o.rows[o.rowStart[d]:o.rowStart[d+1]] {
				c.counts[x>>rowFieldShift][x&rowOrdMask]++
			}
			return true
		}
		if p.facets {
			for i, counts := range c.counts {
				if counts == nil {
					continue
				}
				for _, ord := range o.fields[i].docOrds(d, &buf) {
					if counts[ord] == 0 && !c.dense {
						c.touched[i] = append(c.touched[i], ord)
					}
					counts[ord]++
				}
			}
		}
		return true
	}
	// offer gives an accepted hit its chance at the top k.
	offer := func(d int, id index.IndexInternalID, score float64) {
		h := hitRef{doc: d, score: score}
		switch p.order {
		case search.SortNewest:
			// Undated last: below every date.
			h.key = int64(day[d]) - 1
		case search.SortOldest:
			h.key = -int64(day[d])
			if day[d] == 0 {
				h.key = -1 << 40
			}
		}
		if top.wants(h) {
			if id == nil {
				id = internalID(d)
			}
			h.id = append(index.IndexInternalID(nil), id...)
			top.push(h)
		}
	}
	visit := func(d int, id index.IndexInternalID, score float64) {
		if accept(d) && p.k > 0 {
			offer(d, id, score)
		}
	}

	if _, all := base.(*query.MatchAllQuery); all {
		if err := o.browse(ctx, p, c, visit); err != nil {
			return nil, err
		}
		if c.top == nil {
			c.top = top.sorted()
		}
		return c, nil
	}

	if p.direct != nil {
		h := directHooks{
			passes: passes,
			accept: accept,
			offer:  func(d int, score float64) { offer(d, nil, score) },
			hits: func(n uint64) {
				c.dense = p.facets && denseCounting.dense(n, o.termValues)
			},
			inRange: func() { inRange = true },
			countAll: func(docs []uint32, offset int) bool {
				if !c.dense || !rowsAll || !unfiltered || p.hasDays && !inRange {
					return false
				}
				counts := c.counts
				for _, l := range docs {
					d := offset + int(l)
					if d >= o.maxDoc {
						continue
					}
					c.total++
					for _, x := range o.rows[o.rowStart[d]:o.rowStart[d+1]] {
						counts[x>>rowFieldShift][x&rowOrdMask]++
					}
				}
				return true
			},
		}
		done, pruned, err := o.directCollect(ctx, p.direct, p, h)
		if err != nil {
			return nil, err
		}
		if pruned {
			s.directPruned.Add(1)
		}
		if done {
			s.directAnswers.Add(1)
			c.top = top.sorted()
			return c, nil
		}
	}

	opts := bsearch.SearcherOptions{}
	if p.order != search.SortRelevance || p.k == 0 {
		// Neither the order nor the page needs a score.
		opts.Score = "none"
	}
	searcher, err := base.Searcher(ctx, o.reader, s.idx.Mapping(), opts)
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0),
		IndexReader:       o.reader,
	}
	n := 0
	for {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		n++
		dm, err := searcher.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		d := docNum(dm.IndexInternalID)
		if d < o.maxDoc {
			visit(d, dm.IndexInternalID, dm.Score)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	c.top = top.sorted()
	return c, nil
}

// browse visits the documents of a query without words (every document)
// by the cheapest way the filters allow: a date range walks the documents
// of its days; no filter at all needs no walk (the counts are the archive's
// totals and the page is the first documents in day order); one facet
// filter walks the documents of its ticked values (its own counts, which
// leave it out, are the totals); anything else walks every live document.
func (o *ordinals) browse(ctx context.Context, p collectPlan, c *collected, visit func(int, index.IndexInternalID, float64)) error {
	var filtered []int
	for i, set := range p.filters {
		if set != nil {
			filtered = append(filtered, i)
		}
	}
	totals := func(i int) {
		if c.counts[i] != nil {
			c.release1(i)
			c.counts[i] = o.fields[i].totals()
		}
	}
	days := o.fields[ordDay]
	n := 0
	each := func(docs []uint32) error {
		for _, d := range docs {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			visit(int(d), nil, 1)
		}
		return nil
	}
	switch {
	case p.hasDays:
		for ord := p.dayLo; ord <= p.dayHi && ord > 0; ord++ {
			if err := each(days.docsOf(ord - 1)); err != nil {
				return err
			}
		}
	case len(filtered) == 0:
		c.total = uint64(o.nLive)
		for i := range c.counts {
			totals(i)
		}
		c.top = []hitRef{}
		take := func(docs []uint32) bool {
			for _, d := range docs {
				if len(c.top) >= p.k {
					return false
				}
				c.top = append(c.top, hitRef{doc: int(d), id: internalID(int(d)), score: 1})
			}
			return len(c.top) < p.k
		}
		if p.k == 0 {
			return nil
		}
		nd := uint32(len(days.values))
		if p.order == search.SortOldest {
			for ord := uint32(0); ord < nd && take(days.docsOf(ord)); ord++ {
			}
		} else {
			for ord := nd; ord > 0 && take(days.docsOf(ord-1)); ord-- {
			}
		}
		take(o.undated)
	case len(filtered) == 1:
		f := filtered[0]
		seen := make([]uint64, (o.maxDoc+63)/64)
		for ord := range o.fields[f].values {
			if !p.filters[f].has(uint32(ord)) {
				continue
			}
			for _, d := range o.fields[f].docsOf(uint32(ord)) {
				if seen[d>>6]&(1<<(d&63)) != 0 {
					continue
				}
				seen[d>>6] |= 1 << (d & 63)
				if n++; n%checkEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				visit(int(d), nil, 1)
			}
		}
		totals(f)
	default:
		for w, bitsWord := range o.live {
			if w%(checkEvery/64) == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			for bitsWord != 0 {
				b := trailingZeros(bitsWord)
				bitsWord &= bitsWord - 1
				visit(w*64+b, nil, 1)
			}
		}
	}
	return nil
}

func internalID(d int) index.IndexInternalID {
	id := make(index.IndexInternalID, 8)
	for i := 7; i >= 0; i-- {
		id[i] = byte(d)
		d >>= 8
	}
	return id
}

func trailingZeros(w uint64) int {
	n := 0
	for w&1 == 0 {
		w >>= 1
		n++
	}
	return n
}

// topK keeps the k best hits in a heap whose root is the worst kept.
type topK struct {
	k     int
	order search.Sort
	h     []hitRef
}

func newTopK(k int, order search.Sort) *topK { return &topK{k: k, order: order} }

// better: a ranks above b. Ties go to the earlier document, so equal
// scores or days keep a stable order without reading any stored id.
func (t *topK) better(a, b hitRef) bool {
	if t.order == search.SortRelevance {
		if a.score != b.score {
			return a.score > b.score
		}
	} else if a.key != b.key {
		return a.key > b.key
	}
	return a.doc < b.doc
}

func (t *topK) wants(h hitRef) bool {
	return len(t.h) < t.k || t.better(h, t.h[0])
}

func (t *topK) push(h hitRef) {
	if len(t.h) < t.k {
		t.h = append(t.h, h)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !t.better(t.h[p], t.h[i]) {
				break
			}
			t.h[i], t.h[p] = t.h[p], t.h[i]
			i = p
		}
		return
	}
	t.h[0] = h
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(t.h) {
			break
		}
		m := l
		if r := l + 1; r < len(t.h) && t.better(t.h[l], t.h[r]) {
			m = r
		}
		if !t.better(t.h[i], t.h[m]) {
			break
		}
		t.h[i], t.h[m] = t.h[m], t.h[i]
		i = m
	}
}

func (t *topK) sorted() []hitRef {
	out := t.h
	sort.Slice(out, func(i, j int) bool { return t.better(out[i], out[j]) })
	return out
}
