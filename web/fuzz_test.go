package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzSearchParams: any query string is answered with results or a 400
// that says what is wrong, never a 500, on the API and on the page.
func FuzzSearchParams(f *testing.F) {
	for _, q := range []string{
		"q=open+ran", "q=%ff", "org=KDDI&org=Toyota", "from=2023-02-30", "to=9999-12-31",
		"page=1000&size=100", "size=-1", "q=org:", "sort=newest&sort=x", "q=%22", "from=1000-01-02",
		// Search as you type reads the query leniently: half-written syntax
		// takes other paths (prefix expansion, phrases in progress).
		"typing=1&q=%22Open+RA", "typing=1&q=-", "typing=1&q=OR", "typing=1&q=title%3A%22", "typing=1&q=%22-",
		"typing=1&q=k&org=KDDI&sort=newest", "typing=1&q=%E3%82%AA%E3%83%BC", "typing=1&q=+%2B%22a",
	} {
		f.Add(q)
	}
	srv := newTestServer(f, Options{})
	f.Fuzz(func(t *testing.T, raw string) {
		// The article page reads q too, to mark it in the text.
		for _, path := range []string{"/api/search", "/", "/documents/openran-visit"} {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.URL.Path, r.URL.RawQuery = path, raw
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
				v, _ := url.ParseQuery(raw)
				t.Fatalf("%s?%s (%v): status %d: %s", path, raw, v, w.Code, w.Body)
			}
		}
	})
}
