package blevesearch_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

// registryIndex is a small archive with a value of every facet (the shared
// suite in testdata/docs.json names no people).
func registryIndex(t *testing.T) bleve.Index {
	t.Helper()
	day := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	org := func(n string) corpus.Entity {
		return corpus.Entity{Kind: corpus.Organization, Name: n, Mentions: []string{n}}
	}
	place := func(n string) corpus.Entity { return corpus.Entity{Kind: corpus.Place, Name: n, Mentions: []string{n}} }
	person := func(n string) corpus.Entity {
		return corpus.Entity{Kind: corpus.Person, Name: n, Mentions: []string{n}}
	}
	idx, err := indexer.NewMemIndexWith([]*corpus.Document{
		{ID: "a", Title: "Spectrum auction rules published", Lang: "en", Source: "Harbor Ledger", Published: day,
			Paragraphs: []string{"The regulator and Nordwave Telecom agreed on auction rules, said Mira Lund in Oslo."},
			Entities:   []corpus.Entity{org("Nordwave Telecom"), place("Norway"), person("Mira Lund")}},
		{ID: "b", Title: "Nordwave Telecom bids for rural spectrum", Lang: "en", Source: "Harbor Ledger", Published: day.AddDate(0, 0, 3),
			Paragraphs: []string{"Nordwave Telecom will bid, Mira Lund told reporters in Bergen."},
			Entities:   []corpus.Entity{org("Nordwave Telecom"), place("Norway"), person("Mira Lund")}},
		{ID: "c", Title: "Fjord Cable delays its landing station", Lang: "en", Source: "Coastal Post", Published: day.AddDate(0, 1, 0),
			Paragraphs: []string{"Fjord Cable said the station in Tromsø opens later, according to Per Aas."},
			Entities:   []corpus.Entity{org("Fjord Cable"), place("Norway"), person("Per Aas")}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// TestRegistryFieldsIndexed: every facet of search.Registry names an index
// field the indexer fills: a search for everything counts values of each,
// its type-ahead lists them, and a value filters and resolves by name.
func TestRegistryFieldsIndexed(t *testing.T) {
	s := blevesearch.NewIndexSearcher(registryIndex(t))
	ctx := context.Background()
	res, err := s.Search(ctx, search.Request{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range search.Registry {
		vals := *f.Values(&res.Facets)
		if len(vals) == 0 {
			t.Errorf("facet %s (field %q): no values counted", f.Name, f.Field)
			continue
		}
		top := vals[0]
		fv, err := s.FacetValues(ctx, search.Request{}, f.Name, "", 5)
		if err != nil || len(fv) == 0 || fv[0] != top {
			t.Errorf("FacetValues(%s) = %v, %v; want %v first", f.Name, fv, err, top)
		}
		var req search.Request
		*f.Filter(&req) = []string{top.Value}
		got, err := s.Search(ctx, req)
		if err != nil || got.Total != uint64(top.Count) {
			t.Fatalf("filter %s=%q: %v hits (%v), want %d", f.Param, top.Value, got.Total, err, top.Count)
		}
		// Every hit carries the value it was filtered by, on the page
		// and in related lists.
		for _, h := range got.Hits {
			if !slices.Contains(f.HitValues(&h), top.Value) {
				t.Errorf("filter %s=%q: hit %s has %s %v", f.Param, top.Value, h.ID, f.Name, f.HitValues(&h))
			}
			rel, err := s.Related(ctx, h.ID, 5)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rel {
				if len(f.HitValues(&r)) == 0 {
					t.Errorf("related hit %s has no %s", r.ID, f.Name)
				}
			}
		}
		q, err := s.Search(ctx, search.Request{Query: f.QueryPrefix() + `"` + top.Value + `"`})
		if err != nil || q.Total != uint64(top.Count) {
			t.Errorf("query %s%q: %v hits (%v), want %d", f.QueryPrefix(), top.Value, q.Total, err, top.Count)
		}
		if exact, _, err := s.NearestNames(f.Name, strings.ToUpper(top.Value)); err != nil || exact != top.Value {
			t.Errorf("NearestNames(%s, %q) = %q, %v", f.Name, strings.ToUpper(top.Value), exact, err)
		}
	}
	if _, err := s.FacetValues(ctx, search.Request{}, "author", "", 5); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("FacetValues of an unknown facet: %v, want ErrBadQuery", err)
	}
}
