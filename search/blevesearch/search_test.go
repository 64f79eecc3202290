package blevesearch_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/indexer/entities"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/searchtest"
)

// newTestSearcher indexes testdata/docs.json in memory. The gazetteer is
// left out so that the cases depend only on the test documents: each
// entity is known by its canonical name and the article's own mentions.
func newTestSearcher(t testing.TB) (*blevesearch.IndexSearcher, []*corpus.Document) {
	t.Helper()
	docs := searchtest.Docs(t)
	idx, err := indexer.NewMemIndexWith(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return blevesearch.NewIndexSearcher(idx), docs
}

func TestSearches(t *testing.T) {
	s, _ := newTestSearcher(t)
	for _, tc := range searchtest.Cases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			req := tc.SearchRequest(t)
			res, err := s.Search(context.Background(), req)
			if tc.Error != "" {
				if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), tc.Error) {
					t.Fatalf("Search error = %v, want ErrBadQuery saying %q", err, tc.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if res.Total != tc.Total {
				t.Errorf("Total = %d, want %d", res.Total, tc.Total)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			want := tc.CanonicalIDs(append([]string(nil), tc.IDs...))
			ids = tc.CanonicalIDs(ids)
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("hit ids (-want +got):\n%s", diff)
			}
			checkFacet(t, "organizations", tc.Organizations, res.Facets.Organizations)
			checkFacet(t, "places", tc.Places, res.Facets.Places)
			checkFacet(t, "people", tc.People, res.Facets.People)
			checkFacet(t, "sources", tc.Sources, res.Facets.Sources)
			if tc.Published != nil {
				if diff := cmp.Diff(*tc.Published, res.Facets.Published); diff != "" {
					t.Errorf("published histogram (-want +got):\n%s", diff)
				}
			}
			for id, want := range tc.Snippets {
				found := false
				for _, h := range res.Hits {
					if h.ID == id {
						found = true
						if diff := cmp.Diff(want, string(h.Snippet)); diff != "" {
							t.Errorf("snippet of %s (-want +got):\n%s", id, diff)
						}
					}
				}
				if !found {
					t.Errorf("no hit %s to check the snippet of", id)
				}
			}
		})
	}
}

func checkFacet(t *testing.T, name string, want *[]search.FacetValue, got []search.FacetValue) {
	t.Helper()
	if want == nil {
		return
	}
	if diff := cmp.Diff(*want, got); diff != "" {
		t.Errorf("%s facet (-want +got):\n%s", name, diff)
	}
}

func TestDocument(t *testing.T) {
	s, docs := newTestSearcher(t)
	ctx := context.Background()
	for _, want := range docs {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Fatalf("Document(%s): %v", want.ID, err)
		}
		if want.Entities == nil {
			want.Entities = []corpus.Entity{}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Document(%s) (-want +got):\n%s", want.ID, diff)
		}
	}
	if _, err := s.Document(ctx, "no-such-id"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Document(no-such-id) error = %v, want ErrNotFound", err)
	}
}

// TestResultJSON pins the JSON shape /api/search and `search --json` share:
// empty lists are [] rather than null.
func TestResultJSON(t *testing.T) {
	s, _ := newTestSearcher(t)
	res, err := s.Search(context.Background(), search.Request{Query: "nothing-matches-this"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"total":0,"page":1,"size":10,"hits":[],"facets":{"organizations":[],"places":[],"people":[],"sources":[],"published":[]}}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

// TestGazetteerAliases checks the path from the gazetteer into the aliases
// field: a query for an acronym finds a Korean article that never writes
// it. It needs the gazetteer to know the acronym.
func TestGazetteerAliases(t *testing.T) {
	docs := searchtest.Docs(t)
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	found := false
	for _, a := range entities.Aliases(corpus.Organization, "Ministry of Science and ICT") {
		found = found || a == "MSIT"
	}
	if !found {
		t.Fatal("the gazetteer does not list MSIT for the Ministry of Science and ICT")
	}
	res, err := blevesearch.NewIndexSearcher(idx).Search(context.Background(), search.Request{Query: "MSIT"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	if diff := cmp.Diff([]string{"en-msit-meeting", "ko-msit-openran"}, ids); diff != "" {
		t.Errorf("MSIT hits (-want +got):\n%s", diff)
	}
}

func TestFacetValues(t *testing.T) {
	s, _ := newTestSearcher(t)
	ctx := context.Background()
	tests := []struct {
		req    search.Request
		facet  string
		prefix string
		limit  int
		want   []search.FacetValue
	}{
		{search.Request{}, search.FacetOrganizations, "ministry", 10, []search.FacetValue{
			{Value: "Ministry of Science and ICT", Count: 2},
			{Value: "Ministry of Economy, Trade and Industry", Count: 1},
			{Value: "Ministry of Internal Affairs and Communications", Count: 1},
		}},
		{search.Request{}, search.FacetOrganizations, "science", 10, []search.FacetValue{{Value: "Ministry of Science and ICT", Count: 2}}},
		{search.Request{}, search.FacetOrganizations, "", 2, []search.FacetValue{{Value: "KDDI", Count: 4}, {Value: "SoftBank", Count: 4}}},
		// The facet's own filter is left out, the others apply.
		{search.Request{Orgs: []string{"KDDI"}, Places: []string{"South Korea"}}, search.FacetOrganizations, "", 10, []search.FacetValue{
			{Value: "KDDI", Count: 2},
			{Value: "Ministry of Science and ICT", Count: 2},
			{Value: "Samsung Electronics", Count: 2},
			{Value: "JPCERT/CC", Count: 1},
			{Value: "SoftBank", Count: 1},
		}},
		{search.Request{Query: "chip"}, search.FacetSources, "p", 10, []search.FacetValue{{Value: "Policy Wire", Count: 1}}},
		{search.Request{}, search.FacetPeople, "", 10, []search.FacetValue{}},
	}
	for _, tt := range tests {
		got, err := s.FacetValues(ctx, tt.req, tt.facet, tt.prefix, tt.limit)
		if err != nil {
			t.Fatalf("FacetValues(%s, %q): %v", tt.facet, tt.prefix, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FacetValues(%+v, %s, %q) (-want +got):\n%s", tt.req, tt.facet, tt.prefix, diff)
		}
	}
	if _, err := s.FacetValues(ctx, search.Request{}, "colors", "", 10); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("unknown facet: error = %v, want ErrBadQuery", err)
	}
}

// TestFacetCache checks that another page or order of a search answers with
// the same counts (from the cache), and that changing a result does not
// change what the next one gets.
func TestFacetCache(t *testing.T) {
	s, _ := newTestSearcher(t)
	ctx := context.Background()
	req := search.Request{Query: "open ran", Orgs: []string{"KDDI"}, Size: 1}
	first, err := s.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	first.Facets.Organizations[0].Count = 999
	first.Facets = search.Facets{}

	req.Page, req.Sort = 2, search.SortNewest
	second, err := s.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if second.Total != 2 || len(second.Hits) != 1 {
		t.Fatalf("page 2: total %d, %d hits; want 2 and 1", second.Total, len(second.Hits))
	}
	if second.Facets.Organizations[0].Count == 999 {
		t.Fatal("changing a result changed the cached facets")
	}
	fresh, err := blevesearch.NewIndexSearcher(mustIndex(t)).Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fresh.Facets, second.Facets); diff != "" {
		t.Errorf("cached facets differ from computed ones (-computed +cached):\n%s", diff)
	}
}

func mustIndex(t *testing.T) bleve.Index {
	t.Helper()
	idx, err := indexer.NewMemIndexWith(searchtest.Docs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// TestFiltersDoNotScore checks that ticking a facet keeps the relevance
// order of the remaining hits: filters select, they do not rank (an
// article listing many organizations must not drop for it).
func TestFiltersDoNotScore(t *testing.T) {
	s, docs := newTestSearcher(t)
	ctx := context.Background()
	for _, q := range []string{"open ran", "5G", "chip OR KDDI"} {
		all, err := s.Search(ctx, search.Request{Query: q, Size: search.MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, org := range []string{"KDDI", "SoftBank"} {
			var want []string
			var wantScores []float64
			for _, h := range all.Hits {
				for _, d := range docs {
					if d.ID == h.ID && slices.Contains(d.Names(corpus.Organization), org) {
						want = append(want, h.ID)
						wantScores = append(wantScores, h.Score)
					}
				}
			}
			got, err := s.Search(ctx, search.Request{Query: q, Orgs: []string{org}, Places: []string{"Japan"}, From: searchtest.Day(t, "2020-01-01"), Size: search.MaxSize})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var scores []float64
			for _, h := range got.Hits {
				ids = append(ids, h.ID)
				scores = append(scores, h.Score)
			}
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("%q with org %s: order (-unfiltered +filtered):\n%s", q, org, diff)
			}
			if diff := cmp.Diff(wantScores, scores, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("%q with org %s: scores (-unfiltered +filtered):\n%s", q, org, diff)
			}
		}
	}
}
