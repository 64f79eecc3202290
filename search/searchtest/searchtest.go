// Package searchtest reads the search-as-data suite (search/testdata) that
// every backend runs: the test documents and the cases, each a request with
// the hits, totals and facet counts it must give. It is a test helper,
// imported only by tests, so that the backends read the suite one way.
package searchtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// Dir is the suite's folder, found from this file so that a test in any
// package can read it whatever its working directory.
var Dir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}()

// doc is a corpus.Document as the suite writes it (the corpus type keeps
// its date and paragraphs out of JSON).
type doc struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	URL        string          `json:"url"`
	Source     string          `json:"source"`
	Lang       string          `json:"lang"`
	Published  string          `json:"published"`
	Paragraphs []string        `json:"paragraphs"`
	Entities   []corpus.Entity `json:"entities"`
}

// Docs returns the suite's documents (docs.json).
func Docs(t testing.TB) []*corpus.Document {
	return DocsFrom(t, filepath.Join(Dir, "docs.json"))
}

// DocsFrom reads documents written as docs.json writes them.
func DocsFrom(t testing.TB, path string) []*corpus.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ds []doc
	if err := json.Unmarshal(b, &ds); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	docs := make([]*corpus.Document, len(ds))
	for i, d := range ds {
		docs[i] = &corpus.Document{ID: d.ID, File: d.ID + ".html", Title: d.Title, URL: d.URL, Source: d.Source, Lang: d.Lang, Paragraphs: d.Paragraphs, Entities: d.Entities}
		if d.Published != "" {
			docs[i].Published = Day(t, d.Published)
		}
	}
	return docs
}

// Day parses a YYYY-MM-DD day or fails the test.
func Day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(corpus.DateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Case is one entry of searches.json. Facets and snippets are checked only
// when the case gives them.
type Case struct {
	Name    string `json:"name"`
	Request struct {
		Query   string   `json:"query"`
		Orgs    []string `json:"orgs"`
		Places  []string `json:"places"`
		People  []string `json:"people"`
		Sources []string `json:"sources"`
		From    string   `json:"from"`
		To      string   `json:"to"`
		Sort    string   `json:"sort"`
		Page    int      `json:"page"`
		Size    int      `json:"size"`
	} `json:"request"`
	// Error, when set, is a part of the expected error message; the error
	// must wrap ErrBadQuery.
	Error string   `json:"error"`
	Total uint64   `json:"total"`
	IDs   []string `json:"ids"`
	// Ordered compares IDs in order (sorted requests); otherwise as a set.
	Ordered bool `json:"ordered"`
	// Ties are groups of ids that rank equal (same day): an ordered
	// comparison takes any member of a group for any other, since equal
	// hits keep the index's order, not an order by id.
	Ties          [][]string           `json:"ties"`
	Organizations *[]search.FacetValue `json:"organizations"`
	Places        *[]search.FacetValue `json:"places"`
	People        *[]search.FacetValue `json:"people"`
	Sources       *[]search.FacetValue `json:"sources"`
	Published     *[]search.DateBucket `json:"published"`
	Snippets      map[string]string    `json:"snippets"`
}

// Cases returns the suite's cases (searches.json).
func Cases(t testing.TB) []Case {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir, "searches.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []Case
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("searches.json: %v", err)
	}
	return cases
}

// SearchRequest is the case's request.
func (c Case) SearchRequest(t testing.TB) search.Request {
	r := c.Request
	req := search.Request{Query: r.Query, Orgs: r.Orgs, Places: r.Places, People: r.People, Sources: r.Sources, Sort: search.Sort(r.Sort), Page: r.Page, Size: r.Size}
	if r.From != "" {
		req.From = Day(t, r.From)
	}
	if r.To != "" {
		req.To = Day(t, r.To)
	}
	return req
}

// CanonicalIDs puts hit ids in the form two answers are compared in: sorted
// unless the case is ordered, and each id of a tie group replaced by the
// whole group, since no backend promises an order among equal hits. It
// changes ids in place and returns it.
func (c Case) CanonicalIDs(ids []string) []string {
	if !c.Ordered {
		sort.Strings(ids)
	}
	for _, group := range c.Ties {
		for i, id := range ids {
			if slices.Contains(group, id) {
				ids[i] = strings.Join(group, "|")
			}
		}
	}
	return ids
}
