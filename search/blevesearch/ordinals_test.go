package blevesearch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/searchtest"
)

func TestFacetListKeepsTicked(t *testing.T) {
	f := &ordField{byName: map[string]uint32{}}
	var counts []uint32
	for i := 0; i < search.FacetSize+5; i++ {
		v := fmt.Sprintf("v%02d", i)
		f.byName[v] = uint32(len(f.values))
		f.values = append(f.values, v)
		counts = append(counts, uint32(100-i))
	}
	o := &ordinals{}
	o.fields[0] = f
	got := o.facetList(0, counts, nil, []string{"v01", "v33", "gone"}, search.FacetSize)
	if len(got) != search.FacetSize+2 {
		t.Fatalf("%d values, want the top %d plus 2 ticked ones", len(got), search.FacetSize)
	}
	want := []search.FacetValue{{Value: "v33", Count: 67}, {Value: "gone", Count: 0}}
	if diff := cmp.Diff(want, got[search.FacetSize:]); diff != "" {
		t.Errorf("ticked values after the top ones (-want +got):\n%s", diff)
	}
}

func TestTopOrds(t *testing.T) {
	counts := []uint32{5, 0, 9, 5, 1, 9, 3}
	got := topOrds(counts, 4)
	// Most frequent first; equal counts by ordinal (value order).
	if diff := cmp.Diff([]uint32{2, 5, 0, 3}, got); diff != "" {
		t.Errorf("topOrds (-want +got):\n%s", diff)
	}
	if got := topOrds(counts, 10); len(got) != 6 {
		t.Errorf("topOrds with room for all: %v, want the 6 non-zero", got)
	}
	if got := topOrdsOf(counts, 2, []uint32{6, 0, 3}); !cmp.Equal(got, []uint32{0, 3}) {
		t.Errorf("topOrdsOf candidates: %v, want [0 3]", got)
	}
}

// TestOrdinalRows checks that each document's row holds exactly its
// ordinals of every field, tagged with the field.
func TestOrdinalRows(t *testing.T) {
	idx, err := indexer.NewMemIndexWith(searchtest.Docs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	s := NewIndexSearcher(idx)
	defer s.Close()
	o, err := s.ordinals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if o.rows == nil {
		t.Fatal("no rows")
	}
	var buf [1]uint32
	for d := 0; d < o.maxDoc; d++ {
		var want []uint32
		for i, f := range o.fields {
			for _, ord := range f.docOrds(d, &buf) {
				want = append(want, uint32(i)<<rowFieldShift|ord)
			}
		}
		got := o.rows[o.rowStart[d]:o.rowStart[d+1]]
		if !slices.Equal(got, want) {
			t.Errorf("doc %d: row %v, want %v", d, got, want)
		}
	}
}

// TestTopOrdsAgainstSort compares topOrdsOf with sorting every value (by
// count, ties by ordinal), on random counts with many ties, over all
// values and over candidate lists in any order.
func TestTopOrdsAgainstSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 300; round++ {
		n := 1 + r.IntN(300)
		counts := make([]uint32, n)
		for i := range counts {
			if r.IntN(3) > 0 {
				counts[i] = uint32(r.IntN(1 + n/10))
			}
		}
		var cands []uint32
		if round%2 == 1 {
			for _, i := range r.Perm(n)[:r.IntN(n+1)] {
				cands = append(cands, uint32(i))
			}
		}
		var all []uint32
		if cands == nil {
			for i := range counts {
				all = append(all, uint32(i))
			}
		} else {
			all = slices.Clone(cands)
		}
		all = slices.DeleteFunc(all, func(o uint32) bool { return counts[o] == 0 })
		slices.SortFunc(all, func(a, b uint32) int {
			if counts[a] != counts[b] {
				return int(counts[b]) - int(counts[a])
			}
			return int(a) - int(b)
		})
		k := 1 + r.IntN(40)
		want := all[:min(k, len(all))]
		if got := topOrdsOf(counts, k, cands); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("round %d (n=%d k=%d candidates %v): %v, want %v", round, n, k, cands != nil, got, want)
		}
	}
}
