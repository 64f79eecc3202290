package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// TestTypingIsLenient: typing=1 (sent by the page's script while a query is
// typed) reads a half-written query without errors; without it, the same
// query is a 400 that explains the syntax.
func TestTypingIsLenient(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, q := range []string{"%22Open+RA", "chips+-", "chips+OR", "org%3A"} {
		for _, path := range []string{"/", "/api/search"} {
			if w := get(t, srv, path+"?typing=1&q="+q); w.Code != http.StatusOK {
				t.Errorf("%s?typing=1&q=%s: status %d: %.200s", path, q, w.Code, w.Body)
			}
			if w := get(t, srv, path+"?q="+q); w.Code != http.StatusBadRequest {
				t.Errorf("%s?q=%s: status %d, want 400", path, q, w.Code)
			}
		}
	}
	// Links on a page found while typing read strictly: they never carry typing.
	if body := get(t, srv, "/?typing=1&q=kdd").Body.String(); strings.Contains(body, "typing=") {
		t.Error("a link on the page carries typing=")
	}
}

// TestDidYouMean: nothing found offers the corrected query, under the same
// filters, only when it finds something.
func TestDidYouMean(t *testing.T) {
	srv := newTestServer(t, Options{})
	body := get(t, srv, "/?q=softbnak&place=Japan").Body.String()
	if !strings.Contains(body, `Did you mean <a href="/?place=Japan&amp;q=SoftBank">SoftBank</a>?`) {
		t.Errorf("no did you mean SoftBank under place=Japan in:\n%.3000s", body[strings.Index(body, `<div class="empty">`):])
	}
	if body := get(t, srv, "/?q=xqzvwk").Body.String(); strings.Contains(body, "Did you mean") {
		t.Error("a word with nothing near offers a correction")
	}
}

// TestPresetCounts: the presets count under the search and anchor to the
// newest article (2024-01-22) when today (2024-03-01) is over a month past.
func TestPresetCounts(t *testing.T) {
	srv := newTestServer(t, Options{})
	body := get(t, srv, "/?q=chips").Body.String()
	for _, want := range []string{
		`<a href="/?from=2023-01-22&amp;q=chips&amp;to=2024-01-22">Past year <span class="fv-count">`,
		`Counted back from the newest article, 22 Jan 2024.`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestUnnamedSourceIsTickable: a page that names no site is listed under
// its host (or "Unknown source"), a value the page shows and can filter by.
func TestUnnamedSourceIsTickable(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "a", Title: "Harbour cranes", URL: "https://www.ports.example/a", Paragraphs: []string{"Harbour cranes get cyber rules."}},
		{ID: "b", Title: "Fibre grants", Paragraphs: []string{"Fibre grants reach islands."}},
		{ID: "c", Title: "Named", Source: "Port Weekly", Paragraphs: []string{"Cranes again."}},
	}
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(search.NewIndexSearcher(idx), Options{Hosts: testHosts, Now: func() time.Time { return testNow }})
	body := get(t, srv, "/").Body.String()
	for _, want := range []string{`name="source" value="ports.example"`, `name="source" value="Unknown source"`, `name="source" value="Port Weekly"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks a tickable %s", want)
		}
	}
	if strings.Contains(body, `name="source" value=""`) {
		t.Error("a blank source is listed")
	}
	for source, want := range map[string]string{"ports.example": "a", "Unknown%20source": "b"} {
		res := decode[search.Response](t, get(t, srv, "/api/search?source="+source))
		if len(res.Hits) != 1 || res.Hits[0].ID != want {
			t.Errorf("source=%s: hits %v, want %s", source, hitIDs(res.Hits), want)
		}
	}
}
