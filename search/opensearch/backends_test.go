package opensearch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/searchtest"
)

// The search-as-data suite of the search package (../testdata), run
// against both backends: the same total, the same hits (in order where the
// case sorts by date, as a set where relevance orders them, since the two
// engines score differently), the same facet counts and histogram, and
// the values the case itself expects.

// comparable is what both backends must agree on for one search.
type comparable struct {
	Total  uint64
	IDs    []string
	Facets search.Facets
}

// summarize keeps what both backends must agree on. Hit ids are sorted
// unless the case is ordered; in an ordered case the ids of a tie group
// (equal dates) stand for each other, since neither backend promises an
// order among equal hits.
func summarize(res *search.Result, tc searchtest.Case) comparable {
	c := comparable{Total: res.Total, Facets: res.Facets, IDs: []string{}}
	for _, h := range res.Hits {
		c.IDs = append(c.IDs, h.ID)
	}
	c.IDs = tc.CanonicalIDs(c.IDs)
	return c
}

// checkCase runs one case on s and compares with want (the bleve answer)
// and with the case's own expectations.
func checkCase(t *testing.T, s search.Searcher, tc searchtest.Case, want *comparable) *comparable {
	t.Helper()
	res, err := s.Search(context.Background(), tc.SearchRequest(t))
	if tc.Error != "" {
		if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), tc.Error) {
			t.Errorf("error = %v, want ErrBadQuery saying %q", err, tc.Error)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	got := summarize(res, tc)
	if got.Total != tc.Total {
		t.Errorf("Total = %d, want %d (the case's)", got.Total, tc.Total)
	}
	wantIDs := tc.CanonicalIDs(append([]string{}, tc.IDs...))
	if diff := cmp.Diff(wantIDs, got.IDs); diff != "" {
		t.Errorf("hit ids, against the case (-want +got):\n%s", diff)
	}
	for _, f := range []struct {
		name string
		want *[]search.FacetValue
		got  []search.FacetValue
	}{{"organizations", tc.Organizations, got.Facets.Organizations}, {"places", tc.Places, got.Facets.Places}, {"people", tc.People, got.Facets.People}, {"sources", tc.Sources, got.Facets.Sources}} {
		if f.want != nil {
			if diff := cmp.Diff(*f.want, f.got); diff != "" {
				t.Errorf("%s facet, against the case (-want +got):\n%s", f.name, diff)
			}
		}
	}
	if tc.Published != nil {
		if diff := cmp.Diff(*tc.Published, got.Facets.Published); diff != "" {
			t.Errorf("histogram, against the case (-want +got):\n%s", diff)
		}
	}
	if want != nil {
		if diff := cmp.Diff(*want, got); diff != "" {
			t.Errorf("against the bleve backend (-bleve +opensearch):\n%s", diff)
		}
	}
	return &got
}

// bleveAnswers runs every case on the embedded backend.
func bleveAnswers(t *testing.T, docs []*corpus.Document, cases []searchtest.Case) map[string]*comparable {
	t.Helper()
	idx, err := indexer.NewMemIndexWith(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	bs := blevesearch.NewIndexSearcher(idx)
	out := map[string]*comparable{}
	for _, tc := range cases {
		if tc.Error != "" {
			continue
		}
		res, err := bs.Search(context.Background(), tc.SearchRequest(t))
		if err != nil {
			t.Fatalf("bleve: %s: %v", tc.Name, err)
		}
		c := summarize(res, tc)
		out[tc.Name] = &c
	}
	return out
}

func TestSearchesBothBackends(t *testing.T) {
	nodes := startCluster(t, 1)
	c := clientFor(t, nodes...)
	ctx := context.Background()
	docs := searchtest.Docs(t)
	cases := searchtest.Cases(t)
	want := bleveAnswers(t, docs, cases)
	if _, err := IndexDocuments(ctx, c, "searches", IndexSettings{Shards: 2}, docs, nil); err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(c, "searches")
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) { checkCase(t, s, tc, want[tc.Name]) })
	}

	t.Run("web API on both backends", func(t *testing.T) {
		idx, err := indexer.NewMemIndexWith(docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		webAgrees(t, blevesearch.NewIndexSearcher(idx), s)
	})

	t.Run("facet type-ahead agrees with bleve", func(t *testing.T) {
		idx, err := indexer.NewMemIndexWith(docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		bs := blevesearch.NewIndexSearcher(idx)
		for _, tc := range []struct {
			req           search.Request
			facet, prefix string
		}{
			{search.Request{}, search.FacetOrganizations, "min"},
			{search.Request{}, search.FacetOrganizations, "SOFT"},
			{search.Request{Query: "open ran", Orgs: []string{"KDDI"}}, search.FacetOrganizations, ""},
			{search.Request{}, search.FacetPlaces, "kor"},
			{search.Request{}, search.FacetSources, "전"},
			{search.Request{Places: []string{"Japan"}}, search.FacetSources, "tokyo"},
		} {
			want, err := bs.FacetValues(ctx, tc.req, tc.facet, tc.prefix, 10)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.FacetValues(ctx, tc.req, tc.facet, tc.prefix, 10)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("FacetValues(%+v, %s, %q) (-bleve +opensearch):\n%s", tc.req, tc.facet, tc.prefix, diff)
			}
		}
		if _, err := s.FacetValues(ctx, search.Request{}, "colors", "", 10); !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("unknown facet: %v, want ErrBadQuery", err)
		}
	})

	t.Run("related", func(t *testing.T) {
		hits, err := s.Related(ctx, "en-kddi-trials", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatal("no related documents")
		}
		for _, h := range hits {
			if h.ID == "en-kddi-trials" || h.Title == "" {
				t.Errorf("related hit %+v", h)
			}
		}
		if _, err := s.Related(ctx, "no-such-id", 5); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("Related(no-such-id) = %v, want ErrNotFound", err)
		}
	})

	t.Run("documents", func(t *testing.T) {
		for _, d := range docs {
			got, err := s.Document(ctx, d.ID)
			if err != nil {
				t.Fatalf("Document(%s): %v", d.ID, err)
			}
			want := *d
			if want.Entities == nil {
				want.Entities = []corpus.Entity{}
			}
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("Document(%s) (-want +got):\n%s", d.ID, diff)
			}
		}
		if _, err := s.Document(ctx, "no-such-id"); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("Document(no-such-id) = %v, want ErrNotFound", err)
		}
	})

	t.Run("snippets are escaped and marked", func(t *testing.T) {
		res, err := s.Search(ctx, search.Request{Query: `"Open RAN"`})
		if err != nil {
			t.Fatal(err)
		}
		marked := 0
		for _, h := range res.Hits {
			sn := string(h.Snippet)
			if strings.Contains(sn, "<mark>") {
				marked++
			}
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(sn)
			if strings.ContainsAny(rest, "<>") {
				t.Errorf("snippet of %s has markup besides <mark>: %q", h.ID, sn)
			}
		}
		if marked == 0 {
			t.Errorf("no snippet marks a match: %+v", res.Hits)
		}
	})

	t.Run("no index is ErrNoIndex", func(t *testing.T) {
		_, err := NewSearcher(c, "no-such-alias").Search(ctx, search.Request{Query: "x"})
		if !errors.Is(err, search.ErrNoIndex) {
			t.Errorf("error = %v, want ErrNoIndex", err)
		}
	})

	t.Run("deep pages with search_after", func(t *testing.T) {
		// Lower the window so that the suite's dozen documents page past
		// it: every page must equal the one from/size gives.
		all, err := s.Search(ctx, search.Request{Sort: search.SortNewest, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		saved := maxWindow
		maxWindow = 3
		defer func() { maxWindow = saved }()
		for page := 1; page <= len(all.Hits)/2+2; page++ {
			res, err := s.Search(ctx, search.Request{Sort: search.SortNewest, Size: 2, Page: page})
			if err != nil {
				t.Fatalf("page %d: %v", page, err)
			}
			var got, want []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			for i := (page - 1) * 2; i < min(page*2, len(all.Hits)); i++ {
				want = append(want, all.Hits[i].ID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("page %d (-from/size +search_after):\n%s", page, diff)
			}
			if res.Total != all.Total {
				t.Errorf("page %d: total %d, want %d", page, res.Total, all.Total)
			}
		}
	})

	t.Run("a failed build leaves the alias", func(t *testing.T) {
		before, err := c.aliasIndices(ctx, "searches")
		if err != nil || len(before) != 1 {
			t.Fatalf("alias before: %v %v", before, err)
		}
		_, err = c.writeIndex(ctx, "searches", IndexSettings{Shards: 1}, func(string) error { return errors.New("disk full (simulated)") })
		if err == nil {
			t.Fatal("writeIndex with a failing fill succeeded")
		}
		after, _ := c.aliasIndices(ctx, "searches")
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("alias moved (-before +after):\n%s", diff)
		}
		var left map[string]any
		if err := c.do(ctx, "GET", "/searches-*/_settings", nil, &left); err != nil {
			t.Fatal(err)
		}
		if len(left) != 1 {
			t.Errorf("indices after a failed build: %v, want only %v", keys(left), before)
		}
		if res, err := s.Search(ctx, search.Request{}); err != nil || res.Total != uint64(len(docs)) {
			t.Errorf("search after a failed build: %v, %v", res, err)
		}
	})

	t.Run("broken pages are skipped with their reason", func(t *testing.T) {
		dir := t.TempDir()
		files := map[string]string{
			"good.html":   "<html><head><title>Harbour cranes</title></head><body><p>Port operators must secure every harbour crane network.</p></body></html>",
			"empty.html":  "",
			"binary.html": "\x00\x01\x02\x03PK\x03\x04" + strings.Repeat("\x00", 64),
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sum, err := Build(ctx, c, BuildConfig{CorpusDir: dir, Alias: "broken"})
		if err != nil {
			t.Fatalf("build over broken pages: %v", err)
		}
		if sum.Indexed != 1 || len(sum.Skipped) != 2 {
			t.Fatalf("indexed %d, skipped %v; want 1 indexed and empty.html and binary.html skipped", sum.Indexed, sum.Skipped)
		}
		for _, sk := range sum.Skipped {
			if sk.Reason == "" {
				t.Errorf("%s skipped without a reason", sk.File)
			}
		}
	})
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestUnavailable: a cluster that does not answer is ErrUnavailable (503),
// never an internal error. Needs no node: nothing listens on the port.
func TestUnavailable(t *testing.T) {
	port := freePorts(t, 1)[0]
	c, err := NewClient("http://127.0.0.1:" + itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(c, "")
	ctx := context.Background()
	if _, err := s.Search(ctx, search.Request{Query: "open ran"}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search error = %v, want ErrUnavailable", err)
	}
	if _, err := s.Document(ctx, "x"); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Document error = %v, want ErrUnavailable", err)
	}
	if _, err := Build(ctx, c, BuildConfig{CorpusDir: t.TempDir()}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Build error = %v, want ErrUnavailable", err)
	}
}
