package blevesearch_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/searchtest"
)

// rankingCase is one entry of testdata/ranking/searches.json: the query's
// total and pairs of ids where the first must rank above the second.
type rankingCase struct {
	Name  string      `json:"name"`
	Query string      `json:"query"`
	Total uint64      `json:"total"`
	Above [][2]string `json:"above"`
}

// TestRanking checks relevance as data over documents written for it, with
// the real gazetteer's aliases (so "O-RAN Alliance" is also "Open RAN
// Alliance", as in a built index).
func TestRanking(t *testing.T) {
	dir := filepath.Join(searchtest.Dir, "ranking")
	docs := searchtest.DocsFrom(t, filepath.Join(dir, "docs.json"))
	var cases []rankingCase
	readJSON(t, filepath.Join(dir, "searches.json"), &cases)
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	s := blevesearch.NewIndexSearcher(idx)
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := s.Search(context.Background(), search.Request{Query: tc.Query})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tc.Total {
				t.Errorf("total %d, want %d", res.Total, tc.Total)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			for _, pair := range tc.Above {
				i, j := slices.Index(ids, pair[0]), slices.Index(ids, pair[1])
				if i < 0 || j < 0 || i > j {
					t.Errorf("%s should rank above %s; ranking %v", pair[0], pair[1], ids)
				}
			}
		})
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
