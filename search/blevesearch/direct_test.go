package blevesearch_test

import (
	"context"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/querymix"
	"github.com/policysearch/policysearch/search/searchtest"
)

// The direct executor (direct.go) must answer exactly as bleve's searchers
// do: the same total, the same facet counts and histogram, the same hits
// in the same order with the same scores. These tests run every query of a
// table through both on the same index and compare the answers, on the
// test documents, on the ranking documents (the real gazetteer's aliases)
// and on the Reuters-21578 stories when they are present.

// directCase is a query of the table; direct says whether the direct
// executor must take it (the rest check that what falls back to bleve
// still answers alike).
type directCase struct {
	query  string
	direct bool
}

// fixedDirectCases are queries worth running on every index: stop words
// (dropped, breaking the pairs), a word repeated, words in both orders,
// nothing found, and queries the direct executor leaves to bleve.
var fixedDirectCases = []directCase{
	{"the", false}, // only stop words: every document, newest first
	{"zzqxv", true},
	{"zzqxv qqzzx", true},
	{"the zzqxv", true},
	{`"zzqxv"`, false},
	{"-zzqxv", false},
	{"title:zzqxv", false},
	{"qa qb qc qd qe qf qg qh qi qj", true},     // ten words: the most it takes
	{"qa qb qc qd qe qf qg qh qi qj qk", false}, // eleven: bleve
}

// wordsOf picks the index's own words for the table: the most frequent
// terms of the body, a rare one, one the titles never use and one only the
// aliases have (when the index has such words).
func directCasesFor(t *testing.T, idx bleve.Index) []directCase {
	t.Helper()
	terms := func(field string) map[string]uint64 {
		d, err := idx.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		out := map[string]uint64{}
		for {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				return out
			}
			out[e.Term] = e.Count
		}
	}
	title, body, aliases := terms(indexer.FieldTitle), terms(indexer.FieldBody), terms(indexer.FieldAliases)
	plain := func(w string) bool {
		// A word that analyzes to itself: letters only, lower case.
		return w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == ""
	}
	byCount := func(m map[string]uint64, keep func(string) bool) []string {
		var out []string
		for w := range m {
			if plain(w) && keep(w) {
				out = append(out, w)
			}
		}
		slices.SortFunc(out, func(a, b string) int {
			if m[a] != m[b] {
				return int(m[b]) - int(m[a])
			}
			return strings.Compare(a, b)
		})
		return out
	}
	all := func(string) bool { return true }
	common := byCount(body, all)
	notInTitle := byCount(body, func(w string) bool { _, ok := title[w]; return !ok })
	onlyAliases := byCount(aliases, func(w string) bool {
		_, b := body[w]
		_, tt := title[w]
		return !b && !tt
	})
	inTitle := byCount(title, all)
	var cases []directCase
	add := func(ws ...string) {
		cases = append(cases, directCase{strings.Join(ws, " "), true})
	}
	for i := 0; i < 3 && i < len(common); i++ {
		add(common[i])
	}
	if len(common) > 0 {
		add(common[len(common)-1]) // rare
		add(common[len(common)/2])
	}
	if len(common) >= 3 {
		add(common[0], common[1])
		add(common[1], common[0])
		add(common[0], common[1], common[2])
		add(common[0], common[0])
		add(common[2], "the", common[1]) // a stop word between: no pair
		add(common[0], common[len(common)/2])
	}
	for i := 0; i < 3 && i < len(inTitle); i++ {
		add(inTitle[i]) // likely pruned: candidates enough for a page
	}
	if len(inTitle) >= 2 {
		add(inTitle[0], inTitle[1])
		add(inTitle[0], common[0])
	}
	if len(notInTitle) > 0 {
		add(notInTitle[0])
		add(notInTitle[0], common[0])
	}
	if len(onlyAliases) > 0 {
		add(onlyAliases[0])
		add(onlyAliases[0], common[0])
	} else {
		t.Logf("no word only in the aliases")
	}
	if len(common) > 0 {
		add(strings.ToUpper(common[0])) // analyzed to lower case
		add(common[0] + "s")
	}
	return append(cases, fixedDirectCases...)
}

// directVariants are the ways each query is asked: plain, with facet
// filters and a date range (applied in the collector), newest first (no
// scores), a deeper page and the largest page.
func directVariants(t *testing.T, s *blevesearch.IndexSearcher) []search.Request {
	t.Helper()
	all, err := s.Search(context.Background(), search.Request{})
	if err != nil {
		t.Fatal(err)
	}
	var out []search.Request
	out = append(out, search.Request{Size: 50}, search.Request{Size: 10}, search.Request{Size: 3}, search.Request{Size: 1})
	if len(all.Facets.Places) > 0 {
		out = append(out, search.Request{Size: 50, Places: []string{all.Facets.Places[0].Value}})
		out = append(out, search.Request{Size: 5, Places: []string{all.Facets.Places[0].Value}})
	}
	if len(all.Facets.Organizations) > 1 && len(all.Facets.Sources) > 0 {
		out = append(out, search.Request{Size: 50,
			Orgs:    []string{all.Facets.Organizations[0].Value, all.Facets.Organizations[1].Value},
			Sources: []string{all.Facets.Sources[0].Value}})
	}
	if n := len(all.Facets.Published); n > 0 {
		mid := all.Facets.Published[n/2]
		from, err1 := time.Parse(corpus.DateLayout, mid.From)
		to, err2 := time.Parse(corpus.DateLayout, mid.To)
		if err1 != nil || err2 != nil {
			t.Fatalf("histogram bar %+v: %v %v", mid, err1, err2)
		}
		out = append(out, search.Request{Size: 50, From: from, To: to.AddDate(1, 0, 0)})
	}
	out = append(out,
		search.Request{Size: 50, Sort: search.SortNewest},
		search.Request{Size: 10, Page: 3},
		search.Request{Size: 100},
	)
	return out
}

// compareDirect compares the answers and returns how many of the direct
// executor's left hits unscored.
func compareDirect(t *testing.T, idx bleve.Index) uint64 {
	t.Helper()
	ctx := context.Background()
	direct := blevesearch.NewIndexSearcher(idx)
	viaBleve := blevesearch.NewIndexSearcher(idx)
	blevesearch.SetBleveOnly(viaBleve, true)
	// What leaving hits unscored rests on, checked on this index.
	n, worst, bad, err := blevesearch.NormBound(direct)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("sqrt(freq) × norm above 1: %s", b)
	}
	t.Logf("%d postings read, largest sqrt(freq) × norm %v", n, worst)
	cases := directCasesFor(t, idx)
	variants := directVariants(t, direct)
	nHits, nDirect, nExact := 0, 0, 0
	answered := 0 // searches of direct queries, which the direct executor must answer
	for _, tc := range cases {
		if got := blevesearch.DirectEligible(direct, tc.query); got != tc.direct {
			t.Errorf("%q: direct = %v, want %v", tc.query, got, tc.direct)
		}
		if tc.direct {
			nDirect++
		}
		for _, v := range variants {
			req := v
			req.Query = tc.query
			// Every answer computed, none from a cache.
			blevesearch.DropCaches(viaBleve)
			blevesearch.DropCaches(direct)
			want, err := viaBleve.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q via bleve: %v", tc.query, err)
			}
			before := blevesearch.DirectAnswers(direct)
			got, err := direct.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q direct: %v", tc.query, err)
			}
			if n := blevesearch.DirectAnswers(direct) - before; tc.direct && n != 1 {
				t.Errorf("%q: the direct executor answered %d searches, want 1", tc.query, n)
			} else if !tc.direct && n != 0 {
				t.Errorf("%q: the direct executor answered, want bleve", tc.query)
			}
			if tc.direct {
				answered++
			}
			name := tc.query + " " + describe(req)
			if got.Total != want.Total {
				t.Errorf("%s: total %d, bleve %d", name, got.Total, want.Total)
			}
			if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
				t.Errorf("%s: facets (-bleve +direct):\n%s", name, diff)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Errorf("%s: %d hits, bleve %d", name, len(got.Hits), len(want.Hits))
				continue
			}
			for i := range want.Hits {
				g, w := got.Hits[i], want.Hits[i]
				if g.ID != w.ID {
					t.Errorf("%s: hit %d is %s (score %v), bleve %s (score %v)", name, i, g.ID, g.Score, w.ID, w.Score)
					break
				}
				if g.Score == w.Score {
					nExact++
				}
				if !closeScore(g.Score, w.Score) {
					t.Errorf("%s: hit %d (%s) scores %v, bleve %v", name, i, g.ID, g.Score, w.Score)
				}
				nHits++
			}
		}
	}
	if nDirect == 0 || nHits == 0 {
		t.Fatalf("nothing compared: %d direct queries, %d hits", nDirect, nHits)
	}
	if blevesearch.DirectAnswers(viaBleve) != 0 {
		t.Errorf("the direct executor answered with bleveOnly set")
	}
	segs, err := blevesearch.Segments(direct)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d segments, %d queries (%d direct) × %d variants: %d searches answered directly (%d by the bounds), %d hits compared, %d with exactly equal scores", segs, len(cases), nDirect, len(variants), answered, blevesearch.DirectPruned(direct), nHits, nExact)
	return blevesearch.DirectPruned(direct)
}

// closeScore: equal within 1e-9 relative (in fact the executor computes
// bleve's operations in bleve's order, so they are equal).
func closeScore(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func describe(r search.Request) string {
	var parts []string
	if len(r.Places) > 0 {
		parts = append(parts, "place:"+strings.Join(r.Places, ","))
	}
	if len(r.Orgs) > 0 {
		parts = append(parts, "org:"+strings.Join(r.Orgs, ","))
	}
	if len(r.Sources) > 0 {
		parts = append(parts, "source:"+strings.Join(r.Sources, ","))
	}
	if !r.From.IsZero() {
		parts = append(parts, r.From.Format(corpus.DateLayout)+".."+r.To.Format(corpus.DateLayout))
	}
	if r.Sort != "" {
		parts = append(parts, string(r.Sort))
	}
	if r.Page > 1 {
		parts = append(parts, "page "+string(rune('0'+r.Page)))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestDirectMatchesBleveTestDocs(t *testing.T) {
	idx, err := indexer.NewMemIndexWith(searchtest.Docs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	compareDirect(t, idx)
}

func TestDirectMatchesBleveRankingDocs(t *testing.T) {
	docs := searchtest.DocsFrom(t, searchtest.Dir+"/ranking/docs.json")
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	compareDirect(t, idx)
}

func TestDirectMatchesBleveSynthetic(t *testing.T) {
	idx, err := indexer.NewMemIndexWith(syntheticDocs(3000), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if compareDirect(t, idx) == 0 {
		t.Error("no search went by the bounds: that path went untested")
	}
}

var (
	reutersTestOnce sync.Once
	reutersTestIdx  bleve.Index
	reutersTestErr  error
)

// TestDirectMatchesBleveReuters compares on 21,578 real newswire stories
// (with the gazetteer's aliases); skipped when the collection is absent,
// as the Reuters benchmark is, and in -short runs (building the index
// takes some seconds).
func TestDirectMatchesBleveReuters(t *testing.T) {
	if _, err := os.Stat(reutersDir); err != nil {
		t.Skip("Reuters-21578 not present:", err)
	}
	if testing.Short() {
		t.Skip("-short: no Reuters index")
	}
	reutersTestOnce.Do(func() {
		began := time.Now()
		docs, err := reutersDocs()
		if err != nil {
			reutersTestErr = err
			return
		}
		reutersTestIdx, reutersTestErr = indexer.NewMemIndex(docs)
		t.Logf("indexed %d stories in %s", len(docs), time.Since(began).Round(time.Millisecond))
	})
	if reutersTestErr != nil {
		t.Fatal(reutersTestErr)
	}
	if compareDirect(t, reutersTestIdx) == 0 {
		t.Error("no search went by the bounds: that path went untested")
	}
	ctx := context.Background()
	// Queries of the archive mix's kinds on newswire text.
	direct := blevesearch.NewIndexSearcher(reutersTestIdx)
	viaBleve := blevesearch.NewIndexSearcher(reutersTestIdx)
	blevesearch.SetBleveOnly(viaBleve, true)
	for _, q := range []string{"oil", "said", "cocoa", "oil prices", "trade deficit japan", "bank of japan", "interest rates rise", "crude oil prices opec", "wheat corn", "stock exchange", "usa"} {
		for _, req := range []search.Request{{Query: q, Size: 50}, {Query: q, Places: []string{"usa"}, Size: 50}} {
			want, err := viaBleve.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := direct.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || !cmp.Equal(got.Facets, want.Facets) {
				t.Errorf("%q %v: total or facets differ: %d, bleve %d", q, req.Places, got.Total, want.Total)
			}
			for i := range want.Hits {
				if i >= len(got.Hits) || got.Hits[i].ID != want.Hits[i].ID || !closeScore(got.Hits[i].Score, want.Hits[i].Score) {
					t.Errorf("%q %v: hit %d differs", q, req.Places, i)
					break
				}
			}
		}
	}
}

// TestDirectMatchesBleveScale compares both paths on every request of the
// archive query mix (search/querymix) over the index in
// $POLICYSEARCH_SCALE_INDEX (e.g. the 94k-document archive cmd/policybench
// builds); skipped without it.
func TestDirectMatchesBleveScale(t *testing.T) {
	dir := os.Getenv("POLICYSEARCH_SCALE_INDEX")
	if dir == "" {
		t.Skip("POLICYSEARCH_SCALE_INDEX not set")
	}
	ctx := context.Background()
	idx, _, release, err := indexer.OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	direct := blevesearch.NewIndexSearcher(idx)
	viaBleve := blevesearch.NewIndexSearcher(idx)
	blevesearch.SetBleveOnly(viaBleve, true)
	defer direct.Close()
	defer viaBleve.Close()
	mix, err := querymix.Build(ctx, direct)
	if err != nil {
		t.Fatal(err)
	}
	nHits := 0
	for _, q := range mix {
		for _, size := range []int{10, 50} {
			req := q.Req
			req.Size = size
			blevesearch.DropCaches(direct)
			blevesearch.DropCaches(viaBleve)
			want, err := viaBleve.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := direct.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Errorf("%s: total %d, bleve %d", q.Name, got.Total, want.Total)
			}
			if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
				t.Errorf("%s: facets (-bleve +direct):\n%s", q.Name, diff)
			}
			for i := range want.Hits {
				if i >= len(got.Hits) || got.Hits[i].ID != want.Hits[i].ID || !closeScore(got.Hits[i].Score, want.Hits[i].Score) {
					t.Errorf("%s: hit %d differs", q.Name, i)
					break
				}
				nHits++
			}
		}
	}
	t.Logf("%d requests × 2 sizes: %d answered directly (%d by the bounds), %d hits compared", len(mix), blevesearch.DirectAnswers(direct), blevesearch.DirectPruned(direct), nHits)
}

// TestDirectMatchesBleveAfterUpdates compares on an index whose segments
// hold deleted documents, as an incremental build leaves them: a third of
// the articles deleted and a third indexed again with another text, in
// batches of their own, so the postings of the older segments still name
// documents that no longer count.
func TestDirectMatchesBleveAfterUpdates(t *testing.T) {
	docs := syntheticDocs(3000)
	idx, err := indexer.NewMemIndexWith(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for i, d := range docs {
		switch i % 3 {
		case 0:
			b.Delete(d.ID)
		case 1:
			// The same article under its id with another's text: the old
			// version's postings stay in their segment, deleted.
			other := *docs[(i+7)%len(docs)]
			other.ID = d.ID
			if err := indexer.IndexDocument(b, &other); err != nil {
				t.Fatal(err)
			}
		}
		if b.Size() >= 500 {
			if err := idx.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if n, err := idx.DocCount(); err != nil || n != 2000 {
		t.Fatalf("doc count %d (%v), want 2000", n, err)
	}
	compareDirect(t, idx)
}
