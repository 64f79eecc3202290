package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testNow is the clock of every test server, so that date presets and
// golden pages do not change from day to day.
var testNow = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// testDoc is how web/testdata/docs.json writes a document: corpus.Document
// leaves Published and Paragraphs out of its JSON.
type testDoc struct {
	corpus.Document
	Published  string   `json:"published"`
	Paragraphs []string `json:"paragraphs"`
}

func loadTestDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "docs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []testDoc
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("testdata/docs.json: %v", err)
	}
	var docs []*corpus.Document
	for _, r := range raw {
		d := r.Document
		d.Paragraphs = r.Paragraphs
		if r.Published != "" {
			if d.Published, err = time.Parse(corpus.DateLayout, r.Published); err != nil {
				t.Fatalf("testdata/docs.json: %s: %v", d.ID, err)
			}
		}
		docs = append(docs, &d)
	}
	return docs
}

var (
	memOnce     sync.Once
	memSearcher search.Searcher
	memErr      error
)

// testSearcher is a real in-memory index of testdata/docs.json, built once
// and shared: it is only read.
func testSearcher(t testing.TB) search.Searcher {
	t.Helper()
	memOnce.Do(func() {
		idx, err := indexer.NewMemIndex(loadTestDocs(t))
		if err != nil {
			memErr = err
			return
		}
		memSearcher = blevesearch.NewIndexSearcher(idx)
	})
	if memErr != nil {
		t.Fatal(memErr)
	}
	return memSearcher
}

// testHosts are the host names of test requests: httptest.NewRequest's
// example.com and httptest.NewServer's 127.0.0.1.
var testHosts = []string{"example.com", "127.0.0.1"}

// serverOver serves docs from an in-memory index of their own, closed when
// the test ends, as newTestServer serves the shared test documents.
func serverOver(tb testing.TB, docs []*corpus.Document) *Server {
	tb.Helper()
	idx, err := indexer.NewMemIndex(docs)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	return New(blevesearch.NewIndexSearcher(idx), Options{Hosts: testHosts, Now: func() time.Time { return testNow }})
}

func newTestServer(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Hosts == nil {
		opts.Hosts = testHosts
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	return New(testSearcher(t), opts)
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func decode[T any](t testing.TB, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
	return v
}

func keys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestAPISearchShape holds the JSON contract of DESIGN.md field by field.
func TestAPISearchShape(t *testing.T) {
	srv := newTestServer(t, Options{})
	w := get(t, srv, `/api/search?q=%22Open+RAN%22`)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	top := decode[map[string]json.RawMessage](t, w)
	if diff := cmp.Diff([]string{"facets", "hits", "page", "size", "took_ms", "total"}, keys(top)); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
	var hits []map[string]json.RawMessage
	json.Unmarshal(top["hits"], &hits)
	if len(hits) == 0 {
		t.Fatal("no hits for \"Open RAN\"")
	}
	if diff := cmp.Diff([]string{"id", "organizations", "people", "places", "published", "score", "snippet", "source", "title", "url"}, keys(hits[0])); diff != "" {
		t.Errorf("hit keys (-want +got):\n%s", diff)
	}
	var facets map[string]json.RawMessage
	json.Unmarshal(top["facets"], &facets)
	if diff := cmp.Diff([]string{"organizations", "people", "places", "published", "sources"}, keys(facets)); diff != "" {
		t.Errorf("facet keys (-want +got):\n%s", diff)
	}
	var buckets []map[string]json.RawMessage
	json.Unmarshal(facets["published"], &buckets)
	if len(buckets) == 0 {
		t.Fatal("no published buckets")
	}
	if diff := cmp.Diff([]string{"count", "from", "label", "to"}, keys(buckets[0])); diff != "" {
		t.Errorf("bucket keys (-want +got):\n%s", diff)
	}
	var orgs []map[string]json.RawMessage
	json.Unmarshal(facets["organizations"], &orgs)
	if len(orgs) == 0 {
		t.Fatal("no organization facet values")
	}
	if diff := cmp.Diff([]string{"count", "value"}, keys(orgs[0])); diff != "" {
		t.Errorf("facet value keys (-want +got):\n%s", diff)
	}
}

func hitIDs(hits []search.Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func countOf(vals []search.FacetValue, v string) int {
	for _, fv := range vals {
		if fv.Value == v {
			return fv.Count
		}
	}
	return 0
}

func TestAPISearchFilters(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct {
		name, url string
		want      []string
	}{
		{"org", "/api/search?org=KDDI", []string{"cyber-drill", "mic-5g", "openran-trial", "openran-visit"}},
		{"two orgs are OR-ed", "/api/search?org=KDDI&org=Toyota", []string{"cyber-drill", "mic-5g", "openran-trial", "openran-visit", "toyota-chips"}},
		{"facets are AND-ed", "/api/search?org=KDDI&place=South+Korea", []string{"openran-visit"}},
		{"dates are inclusive days", "/api/search?from=2023-05-31&to=2023-07-01", []string{"mic-5g", "openran-visit", "xss-chips"}},
		{"a month is its first to its last day, as on the command line", "/api/search?from=2023-05&to=2023-06", []string{"openran-visit", "standards-forum", "xss-chips"}},
		{"source", "/api/search?source=Wire+%26+Co&q=chips", []string{"ai-chips-2022", "xss-chips"}},
		{"person", "/api/search?person=Kenji+Sato", []string{"cyber-drill"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.url)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			res := decode[search.Response](t, w)
			if diff := cmp.Diff(tt.want, hitIDs(res.Hits)); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
	// Multi-select: with KDDI ticked, Toyota still shows its own count.
	res := decode[search.Response](t, get(t, srv, "/api/search?org=KDDI"))
	if n := countOf(res.Facets.Organizations, "Toyota"); n != 1 {
		t.Errorf("Toyota count with org=KDDI ticked = %d, want 1 (multi-select)", n)
	}
	if n := countOf(res.Facets.Places, "South Korea"); n != 1 {
		t.Errorf("South Korea count under org=KDDI = %d, want 1", n)
	}
}

func TestAPIPaging(t *testing.T) {
	srv := newTestServer(t, Options{})
	p1 := decode[search.Response](t, get(t, srv, "/api/search?sort=oldest&size=5"))
	p2 := decode[search.Response](t, get(t, srv, "/api/search?sort=oldest&size=5&page=2"))
	if p1.Total != 13 || len(p1.Hits) != 5 || len(p2.Hits) != 5 || p2.Page != 2 || p2.Size != 5 {
		t.Fatalf("paging: total %d, %d+%d hits, page %d size %d", p1.Total, len(p1.Hits), len(p2.Hits), p2.Page, p2.Size)
	}
	if p1.Hits[0].ID != "ai-chips-2022" {
		t.Errorf("oldest first = %s, want ai-chips-2022", p1.Hits[0].ID)
	}
	for _, h := range p2.Hits {
		for _, g := range p1.Hits {
			if h.ID == g.ID {
				t.Errorf("%s on both pages", h.ID)
			}
		}
	}
}

// TestBadParameters: every malformed input is a 400 that says what is wrong,
// as JSON on the API and as a page on HTML routes, never a 500.
func TestBadParameters(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct {
		query, wantMsg string
	}{
		{"from=2023-13-01", `from "2023-13-01" is not a date`},
		{"to=yesterday", `to "yesterday" is not a date`},
		{"from=2023-06-01&to=2023-05-01", "from (2023-06-01) is after to (2023-05-01)"},
		{"sort=best", `sort "best" is not one of relevance, newest, oldest`},
		{"page=0", `page "0" is not a positive whole number`},
		{"page=two", `page "two" is not a positive whole number`},
		{"page=1001", "page 1001 is past the last page"},
		{"size=101", "size 101 is more than the maximum of 100"},
		{"size=-1", `size "-1" is not a positive whole number`},
		{"q=%22open+ran", "unbalanced quote"},
		{"q=colour:red", `unknown field "colour"`},
		{"q=" + strings.Repeat("a", 1001), "the limit is 1000"},
		{"q=kddi&q=toyota", "q is given 2 times"},
		{"page=1&page=2", "page is given 2 times"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 30)], func(t *testing.T) {
			for _, path := range []string{"/api/search", "/export.json", "/api/facets/organizations"} {
				w := get(t, srv, path+"?"+tt.query)
				if w.Code != http.StatusBadRequest {
					t.Fatalf("%s: status %d, want 400: %s", path, w.Code, w.Body)
				}
				e := decode[map[string]string](t, w)
				if !strings.Contains(e["error"], tt.wantMsg) {
					t.Errorf("%s: error %q does not say %q", path, e["error"], tt.wantMsg)
				}
			}
			for _, path := range []string{"/", "/export.csv", "/feed.atom"} {
				w := get(t, srv, path+"?"+tt.query)
				if w.Code != http.StatusBadRequest {
					t.Fatalf("%s: status %d, want 400", path, w.Code)
				}
				if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("%s: Content-Type %q, want a page", path, ct)
				}
				body := w.Body.String()
				if !strings.Contains(body, "We could not read that search") || !strings.Contains(body, htmlEscape(tt.wantMsg)) {
					t.Errorf("%s: page does not explain %q:\n%s", path, tt.wantMsg, body)
				}
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&#39;").Replace(s)
}

func TestNotFound(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct {
		path, wantType, wantText string
	}{
		{"/api/documents/no-such-id", "application/json", `no document with id \"no-such-id\"`},
		{"/documents/no-such-id", "text/html", "no document with id &#34;no-such-id&#34;"},
		{"/api/nothing-here", "application/json", `"error"`},
		{"/nothing-here", "text/html", "Not found"},
		{"/static/nope.css", "text/html", "Not found"},
		{"/api/facets/colours", "application/json", `unknown facet \"colours\"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, srv, tt.path)
			want := http.StatusNotFound
			if strings.HasPrefix(tt.path, "/api/facets/") {
				want = http.StatusBadRequest // an unknown facet name is a bad parameter
			}
			if w.Code != want {
				t.Fatalf("status %d, want %d: %s", w.Code, want, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("Content-Type %q, want %s", ct, tt.wantType)
			}
			if !strings.Contains(w.Body.String(), tt.wantText) {
				t.Errorf("body does not contain %q:\n%s", tt.wantText, w.Body)
			}
		})
	}
}

func TestAPIDocument(t *testing.T) {
	srv := newTestServer(t, Options{})
	w := get(t, srv, "/api/documents/openran-visit")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	d := decode[corpus.DocumentJSON](t, w)
	if d.Title != "MSIT meets SoftBank and KDDI on Open RAN security" || d.Published != "2023-05-31" || d.Lang != "en" || d.Source != "Ministry Press Room" {
		t.Errorf("document = %+v", d)
	}
	if !slices.Contains(d.Organizations, "KDDI") || !strings.Contains(d.Body, "JPCERT/CC joined") {
		t.Errorf("organizations %v, body %q", d.Organizations, d.Body)
	}
}

// noIndex is a backend with no index built yet, as blevesearch.Live is before
// the first build: every call fails with ErrNoIndex.
type noIndex struct{}

func (noIndex) Search(context.Context, search.Request) (*search.Result, error) {
	return nil, fmt.Errorf("search: %w", search.ErrNoIndex)
}
func (noIndex) Document(context.Context, string) (*corpus.Document, error) {
	return nil, fmt.Errorf("document: %w", search.ErrNoIndex)
}

func TestHealthAndNoIndex(t *testing.T) {
	if w := get(t, newTestServer(t, Options{}), "/healthz"); w.Code != http.StatusOK {
		t.Errorf("healthz with an index: %d %s", w.Code, w.Body)
	}
	live := true
	hooked := newTestServer(t, Options{Status: func() IndexStatus { return IndexStatus{Live: live, Docs: 13, Generation: "g1"} }})
	if w := get(t, hooked, "/healthz"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"docs":13`) {
		t.Errorf("healthz with a status hook: %d %s", w.Code, w.Body)
	}
	live = false
	if w := get(t, hooked, "/healthz"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("healthz with the hook saying no index: %d", w.Code)
	}

	srv := New(noIndex{}, Options{Hosts: testHosts})
	for _, path := range []string{"/healthz", "/api/search?q=x", "/api/documents/x", "/", "/documents/x", "/export.csv", "/feed.atom"} {
		w := get(t, srv, path)
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s with no index: status %d, want 503", path, w.Code)
		}
		if w.Header().Get("Retry-After") == "" {
			t.Errorf("%s: no Retry-After", path)
		}
		if !strings.Contains(w.Body.String(), "not ready yet") {
			t.Errorf("%s: body does not say the index is not ready: %s", path, w.Body)
		}
	}
}

// cancelled is a backend whose searches end because the client went away.
type cancelled struct{ noIndex }

func (cancelled) Search(context.Context, search.Request) (*search.Result, error) {
	return nil, fmt.Errorf("search: %w", context.Canceled)
}

// TestCancelledIsNotAnError: a client that goes away (the page's script
// aborts a search at every keystroke) gets a 503 if anything, and the log
// gets no error line.
func TestCancelledIsNotAnError(t *testing.T) {
	var logs strings.Builder
	srv := New(cancelled{}, Options{Hosts: testHosts, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest(http.MethodGet, "/api/search?q=x", nil).WithContext(ctx)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", w.Code)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a cancelled request was logged as an error:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "level=INFO msg=http") {
		t.Errorf("the access log line is missing:\n%s", logs.String())
	}
}

// panicky is a backend with a bug.
type panicky struct{}

func (panicky) Search(context.Context, search.Request) (*search.Result, error) { panic("boom") }
func (panicky) Document(context.Context, string) (*corpus.Document, error) {
	return nil, errors.New("disk on fire")
}

func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	var logs strings.Builder
	srv := New(panicky{}, Options{Hosts: testHosts, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, path := range []string{"/api/search", "/", "/api/documents/x", "/documents/x"} {
		w := get(t, srv, path)
		if w.Code != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", path, w.Code)
		}
		if strings.Contains(w.Body.String(), "boom") || strings.Contains(w.Body.String(), "disk on fire") {
			t.Errorf("%s: internal error shown to the user: %s", path, w.Body)
		}
	}
	if !strings.Contains(logs.String(), "boom") || !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("internal errors not logged:\n%s", logs.String())
	}
}

func TestFacetTypeAhead(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct {
		url  string
		want []search.FacetValue
	}{
		{"/api/facets/organizations?prefix=so", []search.FacetValue{{Value: "SoftBank", Count: 3}}},
		{"/api/facets/org?prefix=SO&q=%22Open+RAN%22", []search.FacetValue{{Value: "SoftBank", Count: 3}}},
		// A word inside the name matches too.
		{"/api/facets/organizations?prefix=elec", []search.FacetValue{{Value: "Samsung Electronics", Count: 4}}},
		// Counts are under the current search, with the facet's own filter left out.
		{"/api/facets/organizations?prefix=kd&org=Toyota&place=Japan", []search.FacetValue{{Value: "KDDI", Count: 4}}},
		{"/api/facets/places?prefix=south&from=2023-01-01&to=2023-06-30", []search.FacetValue{{Value: "South Korea", Count: 3}}},
		{"/api/facets/sources?prefix=zzz", []search.FacetValue{}},
	}
	// A backend without FacetValues is answered from an ordinary search's
	// facets; on this small index both must give the same values.
	servers := map[string]*Server{
		"FacetValues": srv,
		"fallback":    New(plainSearcher{testSearcher(t)}, Options{Hosts: testHosts, Now: func() time.Time { return testNow }}),
	}
	for name, srv := range servers {
		for _, tt := range tests {
			t.Run(name+tt.url, func(t *testing.T) {
				w := get(t, srv, tt.url)
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				got := decode[facetAnswer](t, w)
				if diff := cmp.Diff(tt.want, got.Values); diff != "" {
					t.Errorf("values (-want +got):\n%s", diff)
				}
			})
		}
	}
	for _, tt := range []struct{ url, wantMsg string }{
		{"/api/facets/organizations?limit=0", `limit "0" is not a whole number`},
		{"/api/facets/organizations?prefix=%ff", "prefix is not valid UTF-8"},
		{"/api/facets/organizations?prefix=" + strings.Repeat("x", 1001), "the limit is 1000"},
	} {
		w := get(t, srv, tt.url)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%.60s: status %d, want 400", tt.url, w.Code)
			continue
		}
		if e := decode[map[string]string](t, w); !strings.Contains(e["error"], tt.wantMsg) {
			t.Errorf("%.60s: error %q does not say %q", tt.url, e["error"], tt.wantMsg)
		}
	}
}

// TestRelatedArticles: the article page lists related articles, never the
// article itself, both from the backend's "more like this" and, for a
// backend without one, from shared organizations and places.
func TestRelatedArticles(t *testing.T) {
	servers := map[string]*Server{
		"Related":  newTestServer(t, Options{}),
		"fallback": New(plainSearcher{testSearcher(t)}, Options{Hosts: testHosts, Now: func() time.Time { return testNow }}),
	}
	for name, srv := range servers {
		t.Run(name, func(t *testing.T) {
			w := get(t, srv, "/documents/xss-chips")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			start := strings.Index(body, `<ul class="related">`)
			if start < 0 {
				t.Fatal("no related articles on the article page")
			}
			list := body[start:]
			list = list[:strings.Index(list, "</ul>")]
			if strings.Contains(list, `href="/documents/xss-chips"`) {
				t.Errorf("the article is listed as related to itself:\n%s", list)
			}
			// The other article about AI chips and export controls is related.
			if !strings.Contains(list, `href="/documents/ai-chips-2022"`) {
				t.Errorf("related list misses ai-chips-2022:\n%s", list)
			}
		})
	}
}

// plainSearcher hides the FacetValues and Related methods of the searcher it wraps.
type plainSearcher struct{ s search.Searcher }

func (p plainSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	return p.s.Search(ctx, req)
}

func (p plainSearcher) Document(ctx context.Context, id string) (*corpus.Document, error) {
	return p.s.Document(ctx, id)
}

// TestHostileInputsNeverFail: odd but possible user input is answered with
// results or a 400 that says what is wrong, on every route, never a 500.
func TestHostileInputsNeverFail(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct {
		query string
		want  int
	}{
		{"q=a%00b", http.StatusOK},
		{"q=the", http.StatusOK},                        // stop words only
		{"q=-chips", http.StatusOK},                     // nothing but an exclusion
		{"q=%E2%80%9COpen+RAN%E2%80%9D", http.StatusOK}, // typographic quotes
		{"q=%ED%95%9C%EA%B5%AD+%E6%97%A5%E6%9C%AC", http.StatusOK},
		{"q=" + strings.Repeat("ab+", 333), http.StatusOK},
		{"q=kddi&q=toyota&sort=newest&sort=oldest", http.StatusBadRequest},
		{"org=KDDI&org=KDDI&org=", http.StatusOK},
		{"from=1000-01-02&to=9999-12-31", http.StatusOK},
		{"to=1000-01-01", http.StatusOK},
		{"from=9000-01-01", http.StatusOK},
		{"page=1000&size=100", http.StatusOK},
		{"q=%ff", http.StatusBadRequest},
		{"org=%ff", http.StatusBadRequest},
		{"q=org:", http.StatusBadRequest},
		{"from=2023-02-30", http.StatusBadRequest},
		{"page=99999999999999999999", http.StatusBadRequest},
		{"size=-5", http.StatusBadRequest},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/search", "/", "/export.csv", "/export.json", "/feed.atom", "/api/facets/places"} {
			w := get(t, srv, path+"?"+tt.query)
			if w.Code != tt.want {
				t.Errorf("%s?%.60s: status %d, want %d: %.200s", path, tt.query, w.Code, tt.want, w.Body)
			}
		}
	}
}

// xssMarkers are pieces of the test article's markup-as-text that must never
// reach a page unescaped.
var xssMarkers = []string{"<script>alert(1)</script>", "<b>bold</b>", "<i>Evil</i>", "& export"}

func assertEscaped(t *testing.T, where, body string) {
	t.Helper()
	for _, m := range xssMarkers {
		if strings.Contains(body, m) {
			t.Errorf("%s: %q appears unescaped", where, m)
		}
	}
}

// TestArticleMarkupIsEscaped: article text written with markup in it comes
// out as text everywhere, and snippets keep only our <mark>.
func TestArticleMarkupIsEscaped(t *testing.T) {
	srv := newTestServer(t, Options{})

	// The snippet contract of search.Hit: text escaped, matches in <mark>.
	res := decode[search.Response](t, get(t, srv, "/api/search?q=alert"))
	if len(res.Hits) != 1 || res.Hits[0].ID != "xss-chips" {
		t.Fatalf("q=alert: hits %v", hitIDs(res.Hits))
	}
	snip := string(res.Hits[0].Snippet)
	if !strings.Contains(snip, "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;") {
		t.Errorf("snippet %q: want the script tag escaped and the match marked", snip)
	}
	if strings.Count(snip, "<") != strings.Count(snip, "<mark>")+strings.Count(snip, "</mark>") {
		t.Errorf("snippet %q has markup other than <mark>", snip)
	}

	pages := map[string]string{
		"search page":  "/?q=alert",
		"chip filter":  "/?org=%3Ci%3EEvil%3C%2Fi%3E+Org",
		"article page": "/documents/xss-chips",
		"feed":         "/feed.atom?q=chips",
		"JSON export":  "/export.json?q=chips",
	}
	for name, url := range pages {
		w := get(t, srv, url)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", name, w.Code)
		}
		assertEscaped(t, name, w.Body.String())
	}
	page := get(t, srv, "/?q=alert").Body.String()
	for _, want := range []string{"Chips &lt;b&gt;bold&lt;/b&gt; &amp; export rules", "&lt;i&gt;Evil&lt;/i&gt; Org"} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	article := get(t, srv, "/documents/xss-chips").Body.String()
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "Chips &lt;b&gt;bold&lt;/b&gt; &amp; export rules", "&lt;i&gt;Evil&lt;/i&gt; Org", "<dt>Address</dt><dd>javascript:alert(1)</dd>"} {
		if !strings.Contains(article, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	// Only http(s) addresses become links.
	if strings.Contains(page, `href="javascript`) || strings.Contains(article, `href="javascript`) || strings.Contains(page, "#ZgotmplZ") {
		t.Error("a javascript: URL became a link")
	}
	if !strings.Contains(get(t, srv, "/?q=%22Open+RAN+security%22").Body.String(), `href="https://press.example.org/2023/05/31/openran"`) {
		t.Error("an https URL did not become a link")
	}
	// The CSV is raw text by nature; it only defuses formulas.
	csvBody := get(t, srv, "/export.csv?q=alert").Body.String()
	if !strings.Contains(csvBody, "Chips <b>bold</b> & export rules") {
		t.Errorf("CSV title not raw:\n%s", csvBody)
	}
	if !strings.Contains(get(t, srv, "/").Header().Get("Content-Security-Policy"), "script-src 'self'") {
		t.Error("no content security policy on the search page")
	}
}

func TestExports(t *testing.T) {
	srv := newTestServer(t, Options{})

	w := get(t, srv, "/export.csv?org=KDDI&sort=oldest&page=3")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
		t.Errorf("csv Content-Disposition %q", cd)
	}
	rows, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The export ignores the page: it carries the whole result list.
	if len(rows) != 5 || rows[0][0] != "id" || rows[1][0] != "openran-visit" {
		t.Errorf("csv rows = %v", rows)
	}

	all := decode[jsonExport](t, get(t, srv, "/export.json"))
	if all.Total != 13 || all.Count != 13 || len(all.Hits) != 13 {
		t.Errorf("json export: total %d count %d hits %d, want 13 each", all.Total, all.Count, len(all.Hits))
	}

	w = get(t, srv, "/feed.atom?q=%22Open+RAN%22&org=KDDI")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var feed atomFeed
	if err := xml.Unmarshal(w.Body.Bytes(), &feed); err != nil {
		t.Fatalf("feed is not XML: %v", err)
	}
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
	}
	// Newest first unless asked otherwise.
	want := []string{"KDDI extends Open RAN trial to rural sites", "総務省、5G基地局の安全基準を公表", "MSIT meets SoftBank and KDDI on Open RAN security"}
	if diff := cmp.Diff(want, titles); diff != "" {
		t.Errorf("feed entries (-want +got):\n%s", diff)
	}
	if feed.Updated != "2023-08-18T00:00:00Z" || !strings.Contains(feed.Title, "KDDI") {
		t.Errorf("feed updated %q title %q", feed.Updated, feed.Title)
	}

	w = get(t, srv, "/opensearch.xml")
	var osd struct {
		ShortName string `xml:"ShortName"`
		URLs      []struct {
			Type     string `xml:"type,attr"`
			Template string `xml:"template,attr"`
		} `xml:"Url"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &osd); err != nil {
		t.Fatalf("opensearch: %v", err)
	}
	if osd.ShortName != "policysearch" || len(osd.URLs) == 0 || osd.URLs[0].Template != "http://example.com/?q={searchTerms}" {
		t.Errorf("opensearch = %+v", osd)
	}
}

func TestMetrics(t *testing.T) {
	built := testNow.Add(-time.Hour)
	srv := newTestServer(t, Options{Status: func() IndexStatus {
		return IndexStatus{Live: true, Docs: 13, Generation: "g1", Built: built, LastBuildOK: true, LastBuild: built}
	}})
	get(t, srv, "/api/search?q=chips")
	get(t, srv, "/api/search?sort=bad")
	get(t, srv, "/documents/openran-visit")
	w := get(t, srv, "/metrics")
	if w.Code != http.StatusOK {
		t.Fatalf("metrics: %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`policysearch_http_requests_total{code="200",method="GET",route="/api/search"} 1`,
		`policysearch_http_requests_total{code="400",method="GET",route="/api/search"} 1`,
		`policysearch_http_requests_total{code="200",method="GET",route="/documents/:id"} 1`,
		`policysearch_http_request_duration_seconds_count{route="/api/search"} 2`,
		`policysearch_search_duration_seconds_count{outcome="ok"}`,
		`policysearch_index_documents 13`,
		`policysearch_index_last_build_success 1`,
		`policysearch_index_generation_age_seconds`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestSearchPage checks what a person sees on a results page.
func TestSearchPage(t *testing.T) {
	srv := newTestServer(t, Options{})
	w := get(t, srv, "/?q=%22Open+RAN%22&org=KDDI&sort=newest")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`<label for="q" class="visually-hidden">Search policy news</label>`,
		`value="&#34;Open RAN&#34;"`,
		`<strong>3</strong> articles`,
		// KDDI is ticked; SoftBank can be added (OR), its link keeps the rest.
		`name="org" value="KDDI" form="sf" checked`,
		`data-toggle="/?org=KDDI&amp;org=SoftBank&amp;q=%22Open%20RAN%22&amp;sort=newest"`,
		// The active filter is a removable chip, with clear all.
		`<span class="chip-kind">Organizations:</span> KDDI <span aria-hidden="true">×</span><span class="visually-hidden"> (remove this filter)</span>`,
		`<a class="clear" href="/?q=%22Open%20RAN%22&amp;sort=newest">Clear all</a>`,
		// The histogram is inline SVG whose bars narrow the dates.
		`<svg viewBox="0 0 600 100"`,
		`from=2023-05-01&amp;org=KDDI&amp;q=%22Open%20RAN%22&amp;sort=newest&amp;to=2023-05-31`,
		`<option value="newest" selected>`,
		`<mark>`,
		// The title opens our article page, carrying the search to mark.
		`<h3 class="hit-title"><a href="/documents/openran-visit?q=%22Open%20RAN%22">`,
		`<a href="/export.csv?org=KDDI&amp;q=%22Open%20RAN%22&amp;sort=newest" download>CSV</a>`,
		`<link rel="alternate" type="application/atom+xml"`,
		`<main id="main"`, `role="search"`, `<aside class="filters" aria-label="Filters">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "cdn") || strings.Contains(body, "https://fonts") {
		t.Error("page loads something from another site")
	}

	// Pagination keeps every filter.
	paged := get(t, srv, "/?place=Japan&size=2&sort=oldest").Body.String()
	if !strings.Contains(paged, `href="/?page=2&amp;place=Japan&amp;size=2&amp;sort=oldest" rel="next"`) {
		t.Errorf("pager link does not keep the filters")
	}

	// A page past the last one says so and links back, instead of "no
	// articles match" under a count of 13.
	past := get(t, srv, "/?place=Japan&page=50").Body.String()
	for _, want := range []string{"This page is past the last one", `<a href="/?place=Japan">Go to the first page</a>`} {
		if !strings.Contains(past, want) {
			t.Errorf("page past the end lacks %s", want)
		}
	}
	if strings.Contains(past, "No articles match") || strings.Contains(past, "page=49") {
		t.Error("page past the end says nothing matches, or links to another page past the end")
	}
	if paged := get(t, srv, "/?page=50&size=2").Body.String(); !strings.Contains(paged, `<a href="/?page=7&amp;size=2" rel="prev">`) {
		t.Error("past the end, previous is not the last page (7 of 13 articles by 2)")
	}

	// Nothing found: suggest what to loosen.
	empty := get(t, srv, "/?q=chips&org=Toyota&place=Korea+Nowhere&from=2022-01-01&to=2022-01-31").Body.String()
	for _, want := range []string{"No articles match", "Remove the organization filter “Toyota”", "Search all dates", "Search “chips” with no filters"} {
		if !strings.Contains(empty, want) {
			t.Errorf("empty state lacks %q", want)
		}
	}
}

func TestDocumentPage(t *testing.T) {
	srv := newTestServer(t, Options{})
	body := get(t, srv, "/documents/openran-visit").Body.String()
	for _, want := range []string{
		"<h1>MSIT meets SoftBank and KDDI on Open RAN security</h1>",
		"<p>JPCERT/CC joined the session on incident reporting between South Korea and Japan.</p>",
		`<a href="/?org=Ministry%20of%20Science%20and%20ICT">Ministry of Science and ICT</a> <span class="mentions">3 mentions</span><span class="forms">also written “MSIT”</span>`,
		"Related articles",
		// Shares KDDI and SoftBank and Japan: the most alike.
		`<li><a href="/documents/mic-5g">`,
		`<a href="https://press.example.org/2023/05/31/openran" rel="noopener noreferrer" class="orig">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	if strings.Contains(body, `href="/documents/openran-visit"`) {
		t.Error("an article is related to itself")
	}
	ja := get(t, srv, "/documents/mic-5g").Body.String()
	if !strings.Contains(ja, `<article class="doc" lang="ja">`) || !strings.Contains(ja, "総務省は5G基地局とOpen RANの安全基準を公表した。") {
		t.Error("Japanese article not marked lang=ja or text missing")
	}
}

var (
	tookRe    = regexp.MustCompile(`in [0-9.]+ ms`)
	versionRe = regexp.MustCompile(`\?v=[0-9a-f]+`)
)

// TestGoldenSearchPage pins the key HTML of a results page; refresh it with
// go test ./web -run TestGoldenSearchPage -update.
func TestGoldenSearchPage(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, tc := range []struct{ name, url string }{
		{"search", "/?q=chips&place=South+Korea&sort=newest"},
		{"document", "/documents/xss-chips"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := get(t, srv, tc.url).Body.String()
			got = tookRe.ReplaceAllString(got, "in X ms")
			got = versionRe.ReplaceAllString(got, "?v=VERSION")
			path := filepath.Join("testdata", tc.name+".golden.html")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.url, diff)
			}
		})
	}
}

func TestStatic(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, name := range []string{"style.css", "app.js", "icon.svg"} {
		w := get(t, srv, "/static/"+name+"?v="+staticVersion)
		if w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("%s: %d", name, w.Code)
		}
		if !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", name, w.Header().Get("Cache-Control"))
		}
	}
	b, _ := io.ReadAll(get(t, srv, "/static/style.css").Body)
	if !strings.Contains(string(b), "Noto Sans CJK KR") || !strings.Contains(string(b), "Hiragino Sans") {
		t.Error("font stack has no Korean or Japanese fallback")
	}
}
