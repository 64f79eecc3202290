package blevesearch

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// ordinals holds, for one snapshot of a generation, every facet field's
// values as small integers per document (as Lucene's ordinals): counting the
// facets of a search is then one array increment per hit and value, with no
// doc values decompressed and no string built, and a facet filter is a
// lookup in memory. About 4 bytes per document and value: ~6 MB at 94k
// articles.
//
// Document numbers are scorch's internal ids (segment base plus local
// number), which are only stable within one snapshot; so the snapshot the
// ordinals were read from is kept and every search of the searcher runs on
// it.
type ordinals struct {
	reader  index.IndexReader
	maxDoc  int
	live    []uint64 // bitset of the documents not deleted
	nLive   int
	undated []uint32 // live documents without a day, in document order
	fields  [numFacetFields]*ordField
	// rows holds each document's ordinals of every field, tagged with the
	// field (field<<rowFieldShift | ordinal), rows[rowStart[d]:rowStart[d+1]]:
	// a hit counted in every facet is one pass over one short slice. nil
	// when a field has too many values to tag.
	rows     []uint32
	rowStart []uint32
	// termValues is the number of values of the terms facets together.
	termValues int
}

// Tags of ordinals.rows.
const (
	rowFieldShift = 28
	rowOrdMask    = 1<<rowFieldShift - 1
)

// The facet fields, in the order of ordinals.fields: the terms facets of
// search.Registry in its order, then the publication day.
const (
	// numTermFacets is len(search.Registry), as a constant so that the
	// per-facet arrays stay arrays; init checks it.
	numTermFacets  = 4
	ordDay         = numTermFacets
	numFacetFields = numTermFacets + 1
)

var ordFieldNames = func() [numFacetFields]string {
	if len(search.Registry) != numTermFacets {
		panic(fmt.Sprintf("blevesearch: numTermFacets is %d but search.Registry has %d facets", numTermFacets, len(search.Registry)))
	}
	var names [numFacetFields]string
	for i, f := range search.Registry {
		names[i] = f.Field
	}
	names[ordDay] = indexer.FieldDay
	return names
}()

// singleValued reports whether the ordinal field i has at most one value a
// document (the day, and facets like the source).
func singleValued(i int) bool { return i == ordDay || search.Registry[i].Single() }

// facetIndex finds a terms facet's ordinal field by its API name.
func facetIndex(name string) (int, bool) {
	for i, f := range search.Registry {
		if f.Name == name {
			return i, true
		}
	}
	return 0, false
}

// ordField is one keyword field: its values in dictionary (byte) order and
// each document's ordinals, stored as compressed rows (start[d]..start[d+1]
// index ords). Single-valued fields (source, day) use one: ordinal+1 per
// document, 0 for none.
type ordField struct {
	values []string
	byName map[string]uint32
	start  []uint32
	ords   []uint32
	one    []uint32
	// The other way round, for browsing without words: each value's
	// documents in document order (vdocs[vstart[o]:vstart[o+1]]), so the
	// count of a value over the whole archive is vstart[o+1]-vstart[o].
	vstart []uint32
	vdocs  []uint32
}

// docsOf returns the documents with value ord, in document order.
func (f *ordField) docsOf(ord uint32) []uint32 { return f.vdocs[f.vstart[ord]:f.vstart[ord+1]] }

// totals returns every value's count over the whole archive.
func (f *ordField) totals() []uint32 {
	out := make([]uint32, len(f.values))
	for o := range out {
		out[o] = f.vstart[o+1] - f.vstart[o]
	}
	return out
}

func docNum(id index.IndexInternalID) int {
	return int(binary.BigEndian.Uint64(id))
}

// loadOrdinals reads the live documents and the facet fields' postings of
// reader, which it keeps.
func loadOrdinals(ctx context.Context, reader index.IndexReader) (*ordinals, error) {
	o := &ordinals{reader: reader}
	all, err := reader.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	var ids []int
	for {
		id, err := all.Next()
		if err != nil {
			all.Close()
			return nil, fmt.Errorf("read documents: %w", err)
		}
		if id == nil {
			break
		}
		ids = append(ids, docNum(id))
	}
	all.Close()
	for _, d := range ids {
		o.maxDoc = max(o.maxDoc, d+1)
	}
	o.live = make([]uint64, (o.maxDoc+63)/64)
	for _, d := range ids {
		o.live[d>>6] |= 1 << (uint(d) & 63)
	}
	o.nLive = len(ids)
	for i, name := range ordFieldNames {
		f, err := loadField(ctx, reader, name, o.maxDoc, singleValued(i))
		if err != nil {
			return nil, err
		}
		o.fields[i] = f
	}
	for _, d := range ids {
		if o.fields[ordDay].one[d] == 0 {
			o.undated = append(o.undated, uint32(d))
		}
	}
	o.buildRows()
	return o, nil
}

// buildRows fills o.rows from the fields.
func (o *ordinals) buildRows() {
	n := 0
	for i, f := range o.fields {
		if len(f.values) > rowOrdMask {
			return
		}
		if i < numTermFacets {
			o.termValues += len(f.values)
		}
		if f.one != nil {
			n += o.maxDoc
		} else {
			n += len(f.ords)
		}
	}
	o.rowStart = make([]uint32, o.maxDoc+1)
	o.rows = make([]uint32, 0, n)
	var buf [1]uint32
	for d := 0; d < o.maxDoc; d++ {
		o.rowStart[d] = uint32(len(o.rows))
		for i, f := range o.fields {
			for _, ord := range f.docOrds(d, &buf) {
				o.rows = append(o.rows, uint32(i)<<rowFieldShift|ord)
			}
		}
	}
	o.rowStart[o.maxDoc] = uint32(len(o.rows))
}

func loadField(ctx context.Context, reader index.IndexReader, field string, maxDoc int, single bool) (*ordField, error) {
	f := &ordField{byName: map[string]uint32{}}
	dict, err := reader.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("read values of %s: %w", field, err)
	}
	err = eachTerm(dict, func(e *index.DictEntry) bool {
		if e.Term == "" && single && field == indexer.FieldDay {
			// An undated document indexes an empty day: no date.
			return true
		}
		f.byName[e.Term] = uint32(len(f.values))
		f.values = append(f.values, e.Term)
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("read values of %s: %w", field, err)
	}
	// Postings, value by value: the documents of each ordinal.
	perValue := make([][]uint32, len(f.values))
	counts := make([]uint32, maxDoc+1)
	tfd := &index.TermFieldDoc{}
	for ord, v := range f.values {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tfr, err := reader.TermFieldReader(ctx, []byte(v), field, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("read postings of %s %q: %w", field, v, err)
		}
		for {
			next, err := tfr.Next(tfd)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("read postings of %s %q: %w", field, v, err)
			}
			if next == nil {
				break
			}
			d := docNum(next.ID)
			if d >= maxDoc {
				continue
			}
			perValue[ord] = append(perValue[ord], uint32(d))
			counts[d]++
		}
		tfr.Close()
	}
	f.vstart = make([]uint32, len(perValue)+1)
	for ord, docs := range perValue {
		f.vstart[ord+1] = f.vstart[ord] + uint32(len(docs))
	}
	f.vdocs = make([]uint32, 0, f.vstart[len(perValue)])
	for _, docs := range perValue {
		f.vdocs = append(f.vdocs, docs...)
	}
	if single {
		f.one = make([]uint32, maxDoc)
		for ord, docs := range perValue {
			for _, d := range docs {
				f.one[d] = uint32(ord) + 1
			}
		}
		return f, nil
	}
	f.start = make([]uint32, maxDoc+1)
	var n uint32
	for d := 0; d < maxDoc; d++ {
		f.start[d] = n
		n += counts[d]
	}
	f.start[maxDoc] = n
	f.ords = make([]uint32, n)
	fill := make([]uint32, maxDoc)
	copy(fill, f.start[:maxDoc])
	// Values in dictionary order, so each row comes out sorted.
	for ord, docs := range perValue {
		for _, d := range docs {
			f.ords[fill[d]] = uint32(ord)
			fill[d]++
		}
	}
	return f, nil
}

// docOrds returns the ordinals of document d in f (a slice of f's storage or
// of buf).
func (f *ordField) docOrds(d int, buf *[1]uint32) []uint32 {
	if f.one != nil {
		o := f.one[d]
		if o == 0 {
			return nil
		}
		buf[0] = o - 1
		return buf[:]
	}
	return f.ords[f.start[d]:f.start[d+1]]
}

// holds reports whether document d has a value of f in set.
func (f *ordField) holds(d int, set ordSet, buf *[1]uint32) bool {
	for _, ord := range f.docOrds(d, buf) {
		if set.has(ord) {
			return true
		}
	}
	return false
}

// ordSet is a set of ordinals of one field: the values a filter ticked.
type ordSet []uint64

func newOrdSet(f *ordField, values []string) ordSet {
	s := make(ordSet, (len(f.values)+63)/64)
	for _, v := range values {
		if o, ok := f.byName[v]; ok {
			s[o>>6] |= 1 << (o & 63)
		}
	}
	return s
}

func (s ordSet) has(o uint32) bool { return s[o>>6]&(1<<(o&63)) != 0 }

// topOrds returns the k ordinals with the highest counts (ties by value, so
// by ordinal), most frequent first, without sorting all of them: a bounded
// heap.
func topOrds(counts []uint32, k int) []uint32 { return topOrdsOf(counts, k, nil) }

// topOrdsOf is topOrds looking only at the ordinals in candidates (nil:
// all of them).
func topOrdsOf(counts []uint32, k int, candidates []uint32) []uint32 {
	if k <= 0 {
		return nil
	}
	h := make([]uint32, 0, k)
	// less: a is ranked below b.
	less := func(a, b uint32) bool {
		if counts[a] != counts[b] {
			return counts[a] < counts[b]
		}
		return a > b
	}
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(h[r], h[l]) {
				m = r
			}
			if !less(h[m], h[i]) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	// least is the count a value needs to be looked at: 1 (zero counts
	// are never listed), then the heap root's once the heap is full, so
	// most values are passed over with one comparison.
	least := uint32(1)
	offer := func(ord uint32) {
		if len(h) < k {
			h = append(h, ord)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !less(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
		} else if less(h[0], ord) {
			h[0] = ord
			down(0)
		}
		if len(h) == k {
			least = max(counts[h[0]], 1)
		}
	}
	if candidates == nil {
		for ord, c := range counts {
			if c >= least {
				offer(uint32(ord))
			}
		}
	} else {
		for _, ord := range candidates {
			if counts[ord] >= least {
				offer(ord)
			}
		}
	}
	sort.Slice(h, func(i, j int) bool { return less(h[j], h[i]) })
	return h
}
