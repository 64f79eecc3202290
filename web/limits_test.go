package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

// blocking is a backend whose searches run until their context ends (or a
// long safety net passes), as a search over a huge document would. It
// reports each search's start and the error its context ended with.
type blocking struct {
	started chan struct{}
	ended   chan error
	release chan struct{}
}

func newBlocking() *blocking {
	return &blocking{started: make(chan struct{}, 100), ended: make(chan error, 100), release: make(chan struct{})}
}

func (b *blocking) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	b.started <- struct{}{}
	select {
	case <-ctx.Done():
		b.ended <- ctx.Err()
		return nil, fmt.Errorf("search %q: %w", req.Query, ctx.Err())
	case <-b.release:
		b.ended <- nil
		return &search.Result{Page: 1, Size: 10}, nil
	case <-time.After(10 * time.Second):
		b.ended <- nil
		return &search.Result{Page: 1, Size: 10}, nil
	}
}

func (b *blocking) Document(context.Context, string) (*corpus.Document, error) {
	return nil, search.ErrNotFound
}

func serveAsync(h http.Handler, r *http.Request) <-chan *httptest.ResponseRecorder {
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		done <- w
	}()
	return done
}

func metricsBody(t *testing.T, h http.Handler) string {
	t.Helper()
	w := get(t, h, "/metrics")
	if w.Code != http.StatusOK {
		t.Fatalf("metrics: %d", w.Code)
	}
	return w.Body.String()
}

// TestSearchDeadline: a search that runs past the per-request deadline is
// stopped through its context and answered 503 saying so, counted as a
// timeout rather than an error.
func TestSearchDeadline(t *testing.T) {
	b := newBlocking()
	srv := New(b, Options{Hosts: testHosts, SearchTimeout: 50 * time.Millisecond})
	w := get(t, srv, "/api/search?q=network")
	// Without the deadline the backend runs into its safety net and ends
	// with nil, so this needs no clock.
	if err := <-b.ended; err != context.DeadlineExceeded {
		t.Errorf("the backend's context ended with %v, want the deadline", err)
	}
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "took too long") {
		t.Errorf("status %d body %s, want 503 saying the search took too long", w.Code, w.Body)
	}
	body := metricsBody(t, srv)
	if !strings.Contains(body, `policysearch_search_duration_seconds_count{outcome="timeout"} 1`) ||
		strings.Contains(body, `outcome="error"`) {
		t.Errorf("a timed-out search is not counted as a timeout:\n%s", grepLines(body, "search_duration_seconds_count"))
	}
}

// TestClientGoneCancelsSearch: when the client hangs up, the search stops,
// and /metrics counts the request as 499 (client closed), not as a 5xx.
func TestClientGoneCancelsSearch(t *testing.T) {
	b := newBlocking()
	srv := New(b, Options{Hosts: testHosts, SearchTimeout: -1})
	ctx, cancel := context.WithCancel(context.Background())
	done := serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=network", nil).WithContext(ctx))
	<-b.started
	cancel()
	select {
	case err := <-b.ended:
		if err != context.Canceled {
			t.Errorf("the backend's context ended with %v, want Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the search went on after the client left")
	}
	<-done
	body := metricsBody(t, srv)
	if !strings.Contains(body, `policysearch_http_requests_total{code="499",method="GET",route="/api/search"} 1`) {
		t.Errorf("a client that left is not counted as 499:\n%s", grepLines(body, "http_requests_total"))
	}
	if !strings.Contains(body, `policysearch_search_duration_seconds_count{outcome="cancelled"} 1`) {
		t.Errorf("a cancelled search is not counted as cancelled:\n%s", grepLines(body, "search_duration_seconds_count"))
	}
}

// TestOverloadIsShedFast: beyond MaxSearches a search waits in the queue;
// beyond MaxQueued it is answered at once with 503, Retry-After and a JSON
// error, and counted as shed, not failed. The queued one is admitted when a
// slot frees.
func TestOverloadIsShedFast(t *testing.T) {
	b := newBlocking()
	var logs strings.Builder
	srv := New(b, Options{Hosts: testHosts, MaxSearches: 2, MaxQueued: 1, QueueWait: time.Minute, SearchTimeout: -1,
		Logger: slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))})
	var running []<-chan *httptest.ResponseRecorder
	for range 2 {
		running = append(running, serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=network", nil)))
		<-b.started
	}
	running = append(running, serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=queued", nil)))
	waitFor(t, "a request in the queue", func() bool { return srv.queued.Load() == 1 })
	third := serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=chips", nil))
	var w *httptest.ResponseRecorder
	select {
	case w = <-third:
	case <-time.After(5 * time.Second):
		close(b.release)
		t.Fatal("the search beyond the limit and the queue waited instead of being turned away")
	}
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d Retry-After %q, want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	var e struct{ Error string }
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || !strings.Contains(e.Error, "too many searches") {
		t.Errorf("body %s, want a JSON error saying there are too many searches", w.Body)
	}
	close(b.release)
	for _, r := range running {
		if w := <-r; w.Code != http.StatusOK {
			t.Errorf("an admitted search: status %d", w.Code)
		}
	}
	// A slot is free again.
	if w := get(t, srv, "/api/search?q=chips"); w.Code != http.StatusOK {
		t.Errorf("after the load: status %d", w.Code)
	}
	body := metricsBody(t, srv)
	if !strings.Contains(body, "policysearch_search_rejected_total 1") {
		t.Errorf("the shed request is not counted:\n%s", grepLines(body, "rejected"))
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("shedding load was logged as an error:\n%s", logs.String())
	}
}

// TestQueueWaitIsBounded: a request that waits QueueWait without a slot
// freeing is turned away with 503 and Retry-After, counted as shed.
func TestQueueWaitIsBounded(t *testing.T) {
	b := newBlocking()
	srv := New(b, Options{Hosts: testHosts, MaxSearches: 1, MaxQueued: 4, QueueWait: 20 * time.Millisecond, SearchTimeout: -1})
	first := serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=network", nil))
	<-b.started
	w := get(t, srv, "/api/search?q=chips")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d Retry-After %q, want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if n := srv.queued.Load(); n != 0 {
		t.Errorf("%d requests still counted as queued", n)
	}
	close(b.release)
	if w := <-first; w.Code != http.StatusOK {
		t.Errorf("the admitted search: status %d", w.Code)
	}
	if body := metricsBody(t, srv); !strings.Contains(body, "policysearch_search_rejected_total 1") {
		t.Errorf("the request that waited too long is not counted as shed:\n%s", grepLines(body, "rejected"))
	}
}

// TestQueuedClientLeaves: a client that goes away while its request waits
// for a slot leaves the queue at once and is not counted as shed.
func TestQueuedClientLeaves(t *testing.T) {
	b := newBlocking()
	srv := New(b, Options{Hosts: testHosts, MaxSearches: 1, QueueWait: time.Minute, SearchTimeout: -1})
	first := serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=network", nil))
	<-b.started
	ctx, cancel := context.WithCancel(context.Background())
	waiting := serveAsync(srv, httptest.NewRequest(http.MethodGet, "/api/search?q=chips", nil).WithContext(ctx))
	waitFor(t, "a request in the queue", func() bool { return srv.queued.Load() == 1 })
	cancel()
	select {
	case <-waiting:
	case <-time.After(5 * time.Second):
		t.Fatal("a request whose client left kept waiting for a slot")
	}
	if n := srv.queued.Load(); n != 0 {
		t.Errorf("%d requests still counted as queued", n)
	}
	close(b.release)
	<-first
	body := metricsBody(t, srv)
	if strings.Contains(body, "policysearch_search_rejected_total 1") {
		t.Errorf("a client that left is counted as shed:\n%s", grepLines(body, "rejected"))
	}
	if !strings.Contains(body, `policysearch_http_requests_total{code="499",method="GET",route="/api/search"} 1`) {
		t.Errorf("a client that left the queue is not counted as 499:\n%s", grepLines(body, "http_requests_total"))
	}
}

// waitFor polls cond until it holds, failing the test after 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// syncWriter lets concurrent requests share a strings.Builder log.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func grepLines(body, sub string) string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestMetricsLabelsAreBounded: made-up HTTP methods do not become labels.
func TestMetricsLabelsAreBounded(t *testing.T) {
	srv := newTestServer(t, Options{})
	srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/api/search?q=x", nil))
	metricsBody(t, srv) // the /metrics route's own series
	before := len(metricsBody(t, srv))
	for i := range 200 {
		r := httptest.NewRequest(fmt.Sprintf("M%0100d", i), "/api/search?q=x", nil)
		srv.ServeHTTP(httptest.NewRecorder(), r)
	}
	body := metricsBody(t, srv)
	if n := strings.Count(body, `method="other"`); n != 1 {
		t.Errorf("%d series with method=\"other\", want 1:\n%s", n, grepLines(body, "http_requests_total"))
	}
	if grown := len(body) - before; grown > 200 {
		t.Errorf("200 requests with made-up methods grew /metrics by %d bytes", grown)
	}
}

// TestRequestSizeIsBounded: a filter value, or a whole query string, past
// its limit is a 400 that says which limit; nothing reaches the backend.
func TestRequestSizeIsBounded(t *testing.T) {
	srv := newTestServer(t, Options{})
	tests := []struct{ query, says string }{
		{"org=" + strings.Repeat("A", 5000), "bytes long; the limit is 200"},
		{"q=x&" + strings.Repeat("place=Seoul&", 2000), "the query string is"},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/search", "/", "/export.csv", "/api/facets/places"} {
			w := get(t, srv, path+"?"+tt.query)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tt.says) {
				t.Errorf("%s?%.40s…: status %d, want 400 saying %q: %.300s", path, tt.query, w.Code, tt.says, w.Body)
			}
		}
	}
}

// TestAccessLogIsBounded: one access-log line stays short whatever the
// request, and control characters from it are escaped.
func TestAccessLogIsBounded(t *testing.T) {
	var logs strings.Builder
	srv := newTestServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	get(t, srv, "/api/search?q="+strings.Repeat("x", 100_000))
	get(t, srv, "/%1b%5d0;owned%07"+strings.Repeat("y", 100_000))
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if len(line) > 4000 {
			t.Errorf("an access-log line of %d bytes: %.200s…", len(line), line)
		}
		if strings.Contains(line, `\u001b`) || strings.Contains(line, "\x1b") {
			t.Errorf("the escape character reached the log unescaped: %.200s", line)
		}
	}
}

// TestErrorPageEchoIsBounded: an error page repeats a bounded prefix of
// the request, not all of it.
func TestErrorPageEchoIsBounded(t *testing.T) {
	srv := newTestServer(t, Options{})
	long := strings.Repeat("z", 12_000)
	for _, path := range []string{"/?q=" + long, "/?sort=" + long, "/api/search?sort=" + long} {
		w := get(t, srv, path)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%.30s…: status %d, want 400", path, w.Code)
		}
		if strings.Contains(w.Body.String(), strings.Repeat("z", 5000)) {
			t.Errorf("%.30s…: the error echoes the whole value (%d bytes)", path, w.Body.Len())
		}
	}
}

// TestUnparsableQueryString: a query string that net/url cannot parse is a
// 400 that says so, not a search for everything.
func TestUnparsableQueryString(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, q := range []string{"q=%zz", "q=a;b", "q=kddi&org=%gg"} {
		for _, path := range []string{"/api/search", "/", "/export.json", "/feed.atom"} {
			w := get(t, srv, path+"?"+q)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "does not parse") {
				t.Errorf("%s?%s: status %d, want 400 saying it does not parse: %.200s", path, q, w.Code, w.Body)
			}
		}
	}
}

// TestHeadWorksWhereGetDoes.
func TestHeadWorksWhereGetDoes(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, path := range []string{"/", "/?q=kddi", "/api/search?q=kddi", "/documents/openran-visit", "/api/documents/openran-visit",
		"/export.csv", "/export.json", "/feed.atom", "/opensearch.xml", "/healthz", "/metrics", "/static/style.css"} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest(http.MethodHead, path, nil))
		if w.Code != http.StatusOK {
			t.Errorf("HEAD %s: status %d, want 200", path, w.Code)
		}
	}
}

// TestNoSniff: every kind of answer tells browsers not to guess its type.
func TestNoSniff(t *testing.T) {
	srv := newTestServer(t, Options{})
	for _, path := range []string{"/api/search?q=kddi", "/api/search?sort=bad", "/api/documents/openran-visit",
		"/export.csv", "/export.json", "/feed.atom", "/opensearch.xml", "/metrics", "/healthz", "/nowhere"} {
		if w := get(t, srv, path); w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s (%d, %s): no X-Content-Type-Options: nosniff", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
}

// TestOnlyConfiguredHosts: a Host header the server is not configured for
// is refused (DNS rebinding), and absolute links come from the
// configuration, never from the request.
func TestOnlyConfiguredHosts(t *testing.T) {
	hostReq := func(h http.Handler, host, path string, hdr ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Host = host
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	def := New(testSearcher(t), Options{})
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"} {
		if w := hostReq(def, host, "/api/search?q=kddi"); w.Code != http.StatusOK {
			t.Errorf("Host %s with the default names: status %d", host, w.Code)
		}
	}
	for _, host := range []string{"rebind.attacker.example", "rebind.attacker.example:8080", ""} {
		for _, path := range []string{"/api/search?q=kddi", "/", "/opensearch.xml"} {
			if w := hostReq(def, host, path); w.Code != http.StatusBadRequest {
				t.Errorf("Host %q %s: status %d, want 400", host, path, w.Code)
			}
		}
	}

	// Probes and scrapers reach these by the machine's address.
	for _, path := range []string{"/healthz", "/metrics"} {
		if w := hostReq(def, "10.0.0.3:8080", path); w.Code != http.StatusOK {
			t.Errorf("Host 10.0.0.3:8080 %s: status %d, want 200", path, w.Code)
		}
	}

	srv := New(testSearcher(t), Options{Hosts: []string{"localhost", "search.internal"}, BaseURL: "https://news.example.org"})
	for _, path := range []string{"/opensearch.xml", "/feed.atom", "/export.json"} {
		w := hostReq(srv, "search.internal:8080", path, "X-Forwarded-Proto", "http", "X-Forwarded-Host", "evil.example")
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, w.Code)
		}
		if !strings.Contains(w.Body.String(), "https://news.example.org/") || strings.Contains(w.Body.String(), "search.internal") ||
			strings.Contains(w.Body.String(), "evil.example") {
			t.Errorf("%s: links are not built from the base URL:\n%.600s", path, w.Body)
		}
	}
	// The base URL's own host is accepted.
	if w := hostReq(srv, "news.example.org", "/api/search?q=kddi"); w.Code != http.StatusOK {
		t.Errorf("Host of the base URL: status %d", w.Code)
	}
}

// TestNoProxyTrustedByDefault: X-Forwarded-For from anyone does not change
// the client address the access log records, unless that peer is a
// configured proxy.
func TestNoProxyTrustedByDefault(t *testing.T) {
	remoteOf := func(opts Options) string {
		var logs strings.Builder
		opts.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
		srv := newTestServer(t, opts)
		r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		r.RemoteAddr = "10.1.2.3:5555"
		r.Header.Set("X-Forwarded-For", "203.0.113.66")
		srv.ServeHTTP(httptest.NewRecorder(), r)
		var line struct{ Remote string }
		if err := json.Unmarshal([]byte(logs.String()), &line); err != nil {
			t.Fatalf("log %q: %v", logs.String(), err)
		}
		return line.Remote
	}
	if got := remoteOf(Options{}); got != "10.1.2.3" {
		t.Errorf("with no trusted proxy the log records %q, want the peer 10.1.2.3", got)
	}
	if got := remoteOf(Options{TrustedProxies: []string{"10.0.0.0/8"}}); got != "203.0.113.66" {
		t.Errorf("behind a trusted proxy the log records %q, want the forwarded 203.0.113.66", got)
	}
}

// TestOptionsCheck: configuration that does not parse is an error before
// the server starts.
func TestOptionsCheck(t *testing.T) {
	for _, o := range []Options{
		{BaseURL: "news.example.org"},
		{BaseURL: "ftp://news.example.org"},
		{BaseURL: "https://news.example.org/search?x=1"},
		{TrustedProxies: []string{"not-an-address"}},
		{Hosts: []string{"https://search.example"}},
		{Hosts: []string{""}},
	} {
		if err := o.Check(); err == nil {
			t.Errorf("Check(%+v) = nil, want an error", o)
		}
	}
	for _, o := range []Options{{}, {BaseURL: "https://news.example.org/"}, {TrustedProxies: []string{"10.0.0.0/8", "::1"}},
		{Hosts: []string{"search.example", "search.example:8443", "[::1]", "192.0.2.7"}}} {
		if err := o.Check(); err != nil {
			t.Errorf("Check(%+v) = %v", o, err)
		}
	}
}

// bulky is a backend whose every search answers at once with a few
// megabytes of hits, more than the kernel buffers for a client that does
// not read.
type bulky struct{}

func (bulky) Search(_ context.Context, req search.Request) (*search.Result, error) {
	res := &search.Result{Page: 1, Size: 10, Total: 200}
	for i := range 200 {
		res.Hits = append(res.Hits, search.Hit{ID: fmt.Sprint(i), Title: strings.Repeat("t", 20_000)})
	}
	return res, nil
}

func (bulky) Document(context.Context, string) (*corpus.Document, error) {
	return nil, search.ErrNotFound
}

// TestSlowReaderHoldsNoSlot: a client that asks for a search and then does
// not read the answer holds no search slot while the server waits to write
// to it; otherwise a few such connections would turn every search away
// with 503 for as long as the write timeout.
func TestSlowReaderHoldsNoSlot(t *testing.T) {
	ts := httptest.NewServer(New(bulky{}, Options{Hosts: testHosts, MaxSearches: 1, SearchTimeout: -1}))
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Ask, and never read.
	fmt.Fprintf(conn, "GET /api/search?q=network HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(ts.URL + "/api/search?q=chips")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("while one client did not read its answer, every other search was answered %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestForwardedPrefixIgnored: a redirect to the path without its trailing
// slash stays on this server's paths, whatever X-Forwarded-Prefix a client
// sends (gin would put it in front, and a cache could keep the result).
func TestForwardedPrefixIgnored(t *testing.T) {
	srv := newTestServer(t, Options{})
	r := httptest.NewRequest(http.MethodGet, "/api/search/?q=kddi", nil)
	r.Header.Set("X-Forwarded-Prefix", "/elsewhere")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if loc := w.Header().Get("Location"); w.Code != http.StatusMovedPermanently || !strings.HasPrefix(loc, "/api/search") {
		t.Errorf("status %d Location %q, want a redirect to /api/search", w.Code, loc)
	}
}

// cancelAfterSearch ends the request's context once the main search or
// document fetch is done, as the page's script does when the next
// keystroke comes while a page is being put together.
type cancelAfterSearch struct {
	*blevesearch.IndexSearcher
	cancel func()
}

func (c *cancelAfterSearch) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	defer c.cancel()
	return c.IndexSearcher.Search(ctx, req)
}

func (c *cancelAfterSearch) Document(ctx context.Context, id string) (*corpus.Document, error) {
	defer c.cancel()
	return c.IndexSearcher.Document(ctx, id)
}

// TestClientGoneIsNoWarning: the parts of a page left out because the
// client went away (preset counts, did you mean, marking, related
// articles) are not logged as warnings.
func TestClientGoneIsNoWarning(t *testing.T) {
	for _, path := range []string{"/?q=kddi", "/?q=softbnak", "/documents/openran-visit?q=kddi"} {
		var logs strings.Builder
		ctx, cancel := context.WithCancel(context.Background())
		backend := &cancelAfterSearch{IndexSearcher: testSearcher(t).(*blevesearch.IndexSearcher), cancel: cancel}
		srv := New(backend, Options{Hosts: testHosts, Logger: slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))})
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx))
		if strings.Contains(logs.String(), "level=WARN") {
			t.Errorf("%s, client gone: warnings logged:\n%s", path, grepLines(logs.String(), "level=WARN"))
		}
	}
}

// panicking is a backend whose searches panic.
type panicking struct{ bulky }

func (panicking) Search(context.Context, search.Request) (*search.Result, error) {
	panic("backend bug")
}

// TestPanicReleasesSlot: a search that panics is a 500 and gives its slot
// back, so the next search is not turned away as overload.
func TestPanicReleasesSlot(t *testing.T) {
	srv := New(panicking{}, Options{Hosts: testHosts, MaxSearches: 1})
	for i := range 3 {
		if w := get(t, srv, "/api/search?q=x"); w.Code != http.StatusInternalServerError {
			t.Fatalf("search %d: status %d, want 500: %s", i+1, w.Code, w.Body)
		}
	}
}
