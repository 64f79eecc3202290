package opensearch

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/web"
)

// get fetches path from h and returns the status and body.
func get(t *testing.T, h http.Handler, path string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "localhost" // a name the server answers to by default
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// TestWebUnavailable: with the cluster down the API and the page answer
// 503, never 500.
func TestWebUnavailable(t *testing.T) {
	c, err := NewClient("http://127.0.0.1:" + itoa(freePorts(t, 1)[0]))
	if err != nil {
		t.Fatal(err)
	}
	h := web.New(NewSearcher(c, ""), web.Options{})
	for _, path := range []string{"/api/search?q=open+ran", "/?q=open+ran", "/api/documents/x", "/api/search?q=org:KDDI"} {
		if code, body := get(t, h, path); code != http.StatusServiceUnavailable {
			t.Errorf("GET %s = %d, want 503: %s", path, code, body)
		}
	}
}

// webAgrees checks the JSON API over both backends for a few searches.
func webAgrees(t *testing.T, bleve, os search.Searcher) {
	hb, ho := web.New(bleve, web.Options{}), web.New(os, web.Options{})
	for _, q := range []url.Values{
		{"q": {`"Open RAN"`}, "org": {"KDDI"}},
		{"q": {"chips"}, "sort": {"newest"}},
		{"place": {"Japan"}, "from": {"2023-05-01"}, "to": {"2023-06-30"}},
	} {
		path := "/api/search?" + q.Encode()
		cb, bb := get(t, hb, path)
		co, bo := get(t, ho, path)
		if cb != http.StatusOK || co != http.StatusOK {
			t.Fatalf("GET %s: bleve %d, opensearch %d: %s", path, cb, co, bo)
		}
		var rb, ro search.Response
		if err := json.Unmarshal(bb, &rb); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(bo, &ro); err != nil {
			t.Fatal(err)
		}
		if rb.Total != ro.Total || len(rb.Hits) != len(ro.Hits) || len(rb.Facets.Organizations) != len(ro.Facets.Organizations) {
			t.Errorf("GET %s: bleve total %d (%d hits), opensearch %d (%d hits)", path, rb.Total, len(rb.Hits), ro.Total, len(ro.Hits))
		}
	}
	if code, body := get(t, ho, "/api/documents/en-kddi-trials"); code != http.StatusOK {
		t.Errorf("GET /api/documents/en-kddi-trials = %d: %s", code, body)
	}
	if code, _ := get(t, ho, "/api/documents/no-such-id"); code != http.StatusNotFound {
		t.Errorf("GET /api/documents/no-such-id = %d, want 404", code)
	}
	if code, body := get(t, ho, "/api/search?q=%22unclosed"); code != http.StatusBadRequest {
		t.Errorf("bad query = %d, want 400: %s", code, body)
	}
	if code, body := get(t, ho, "/?q=open+ran&org=KDDI"); code != http.StatusOK {
		t.Errorf("GET / = %d: %s", code, body)
	}
}
