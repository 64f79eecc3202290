package blevesearch

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/policysearch/policysearch/indexer"
)

// normBound reads every posting of the text and pair fields of s's index
// and returns how many it read, the largest sqrt(freq) × norm and the
// postings above 1 (with pruneRule's slack): what pruneRule's ceiling
// rests on (freq never exceeds the field's length the norm is computed
// from) checked on the index's own postings.
func normBound(s *IndexSearcher) (n int, worst float64, bad []string, err error) {
	ctx := context.Background()
	o, err := s.ordinals(ctx)
	if err != nil {
		return 0, 0, nil, err
	}
	fields := []string{indexer.FieldPhrases}
	for _, f := range directFields {
		fields = append(fields, f.name)
	}
	for _, field := range fields {
		entries, err := s.dictEntries(field, "", 0)
		if err != nil {
			return 0, 0, nil, err
		}
		for _, e := range entries {
			tfr, err := o.reader.TermFieldReader(ctx, []byte(e.term), field, true, true, false)
			if err != nil {
				return 0, 0, nil, err
			}
			for {
				tfd, err := tfr.Next(nil)
				if err != nil {
					tfr.Close()
					return 0, 0, nil, err
				}
				if tfd == nil {
					break
				}
				n++
				v := math.Sqrt(float64(tfd.Freq)) * tfd.Norm
				worst = max(worst, v)
				if v > 1+directPrune.Slack {
					bad = append(bad, fmt.Sprintf("%s %q: freq %d, norm %v: %v", field, e.term, tfd.Freq, tfd.Norm, v))
				}
			}
			tfr.Close()
		}
	}
	return n, worst, bad, nil
}

func TestPruneRuleTry(t *testing.T) {
	r := pruneRule{MaxCandidateShare: 0.5, Slack: 1e-6}
	for _, tc := range []struct {
		candidates, hits uint64
		want             bool
	}{
		{0, 0, false},       // nothing to score
		{0, 10, true},       // no candidate: found out at once
		{5, 10, true},       // half: still worth it
		{6, 10, false},      // more than half
		{3900, 75000, true}, // a common word, in few titles
		{10, 10, false},     // every hit a candidate
	} {
		if got := r.try(tc.candidates, tc.hits); got != tc.want {
			t.Errorf("try(%d, %d) = %v, want %v", tc.candidates, tc.hits, got, tc.want)
		}
	}
}

func TestPruneRuleCeiling(t *testing.T) {
	r := pruneRule{MaxCandidateShare: 0.5, Slack: 0, MaxAliasesPerTitle: 1}
	// Terms in directFields' order: title, body, aliases; counts decide
	// whether the aliases are candidates.
	word := func(title, body, aliases float64, titleCount, aliasesCount uint64) *disjunction {
		return &disjunction{terms: []*term{
			{field: 0, idf: title, weight: 1, count: titleCount},
			{field: 1, idf: body, weight: 2, count: 1000},
			{field: 2, idf: aliases, weight: 0.5, count: aliasesCount},
		}}
	}
	for _, tc := range []struct {
		name  string
		words []*disjunction
		want  float64
	}{
		// Common aliases: body and aliases, coordination 2/3; the title
		// never counts.
		{"common aliases", []*disjunction{word(100, 3, 4, 10, 50)}, (3*2 + 4*0.5) * 2 / 3.0},
		// Rare aliases are candidates: the body alone, 1/3.
		{"rare aliases", []*disjunction{word(100, 3, 40, 10, 5)}, (3 * 2) / 3.0},
		{"as many aliases as titles", []*disjunction{word(100, 3, 40, 10, 10)}, (3 * 2) / 3.0},
		{"two words", []*disjunction{word(1, 3, 4, 10, 50), word(1, 1, 9, 10, 2)}, (3*2+4*0.5)*2/3.0 + (1*2)/3.0},
	} {
		if got := r.ceiling(tc.words); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	pair := &term{field: -1}
	if !r.candidate(pair, &disjunction{terms: []*term{pair}}) {
		t.Error("a pair is not a candidate")
	}
}

func TestFloatHeapKeepsTheKLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 200; n++ {
		k := 1 + r.IntN(n)
		h := &floatHeap{}
		var all []float64
		for i := 0; i < n; i++ {
			x := float64(r.IntN(n/2 + 1))
			all = append(all, x)
			h.keep(x, k)
		}
		slices.Sort(all)
		kept := slices.Clone(*h)
		slices.Sort(kept)
		if want := all[n-k:]; !slices.Equal(kept, want) {
			t.Fatalf("n=%d k=%d: kept %v, want %v", n, k, kept, want)
		}
		if h.min() != all[n-k] {
			t.Fatalf("n=%d k=%d: min %v, want %v", n, k, h.min(), all[n-k])
		}
	}
}

func TestDenseRule(t *testing.T) {
	r := denseRule{MinHitsPerValue: 1.0 / 16}
	for _, tc := range []struct {
		hits   uint64
		values int
		want   bool
	}{
		{0, 0, false},         // no facet values at all
		{10, 108000, false},   // a rare word
		{6749, 108000, false}, // just under 1/16
		{6750, 108000, true},  // 1/16 of the values
		{65000, 108000, true}, // a common word
		{3, 40, true},         // a small index: most queries
		{1, 40, false},
	} {
		if got := r.dense(tc.hits, tc.values); got != tc.want {
			t.Errorf("dense(%d, %d) = %v, want %v", tc.hits, tc.values, got, tc.want)
		}
	}
}
