package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// Limits a request must stay within. Each is far above what the page or a
// script asks for, and low enough that one request cannot make the server
// hold, cache or log much.
const (
	// maxRawQuery bounds the whole query string: 50 organization names
	// percent-encoded take a few kilobytes.
	maxRawQuery = 16 << 10
	// maxValueLen bounds one filter value (org, place, person, source):
	// the longest canonical names are well under a hundred characters.
	maxValueLen = 200
	// echoLen bounds what an error page or message repeats of the request.
	echoLen = 200
	// logLen bounds the path and query string in one access-log line.
	logLen = 1 << 10
)

// Defaults for the search limits (Options.SearchTimeout, MaxSearches).
const (
	DefaultSearchTimeout = 5 * time.Second
	// searchesPerCore: searches are CPU-bound, so a few per core keep the
	// cores busy while one waits on the disk; more only queue.
	searchesPerCore = 4
	// queuedPerSlot: how many requests may wait for a slot, per slot. A
	// burst a little above the limit (a page's searches arriving together,
	// a script with a few more connections than cores) waits for a slot
	// rather than failing; a flood beyond it is turned away at once.
	queuedPerSlot = 2
	// DefaultQueueWait is how long a request may wait for a slot before it
	// is turned away. A search takes milliseconds, so a slot frees within
	// it unless the server is truly overloaded; waiting longer would only
	// move the overload into every client's latency.
	DefaultQueueWait = 200 * time.Millisecond
)

// errOverloaded answers a search beyond the concurrency limit.
var errOverloaded = errors.New("too many searches at once; try again in a moment")

// DefaultMaxSearches is the concurrency limit when Options.MaxSearches is 0.
func DefaultMaxSearches() int { return searchesPerCore * runtime.GOMAXPROCS(0) }

// DefaultMaxQueued is how many requests may wait for a slot when
// Options.MaxQueued is 0, given the concurrency limit.
func DefaultMaxQueued(maxSearches int) int { return queuedPerSlot * maxSearches }

// DefaultHosts are the host names a server answers to when Options.Hosts is
// empty: the loopback names, so that a page on another site cannot reach a
// server on localhost through DNS rebinding.
var DefaultHosts = []string{"localhost", "127.0.0.1", "::1"}

// hostName is the host of a Host header or URL authority, without the port
// and lowercased.
func hostName(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	return strings.ToLower(strings.Trim(h, "[]"))
}

// checkHost refuses requests whose Host header names a host this server is
// not configured for. /healthz and /metrics are exempt: load balancers and
// Prometheus reach them by the machine's address, and they hold no article
// text for a rebinding page to read.
func (s *Server) checkHost(c *gin.Context) {
	if p := c.Request.URL.Path; p == "/healthz" || p == "/metrics" {
		c.Next()
		return
	}
	if !s.hosts[hostName(c.Request.Host)] {
		s.fail(c, routeKindOf(c), badParam("the Host header %q is not a name this server answers to; start it with --allowed-host %s to accept it",
			bounded(c.Request.Host, echoLen), bounded(hostName(c.Request.Host), echoLen)))
		return
	}
	c.Next()
}

// checkQuery refuses a query string that is too long or does not parse:
// net/url drops what it cannot parse (q=%zz, q=a;b), which would turn a
// search into "everything".
func (s *Server) checkQuery(c *gin.Context) {
	raw := c.Request.URL.RawQuery
	if len(raw) > maxRawQuery {
		s.fail(c, routeKindOf(c), badParam("the query string is %d bytes long; the limit is %d", len(raw), maxRawQuery))
		return
	}
	if _, err := url.ParseQuery(raw); err != nil {
		s.fail(c, routeKindOf(c), badParam("the query string does not parse (%s); encode %% as %%25 and ; as %%3B", bounded(err.Error(), echoLen)))
		return
	}
	c.Next()
}

// shedKey marks a request turned away by limitSearch, which the access log
// does not report as an error.
const shedKey = "policysearch.shed"

// limitSearch is the middleware of routes that search: it admits at most
// MaxSearches at once. A request beyond them waits for a slot, at most
// MaxQueued of them and each at most QueueWait, as a search engine's
// search queue does; the rest are answered at once with 503 and
// Retry-After. Every admitted request gets a deadline; the request context
// carries both the deadline and the client's disconnect into the backend.
//
// The slot is given back when the answer starts to be written: every
// handler has done its searching by then (pages and exports are rendered
// into a buffer first), and a client slow to read its answer must not keep
// others from searching while the server waits on it.
func (s *Server) limitSearch(c *gin.Context) {
	if err := s.admit(c.Request.Context()); err != nil {
		if errors.Is(err, errOverloaded) {
			s.metrics.rejected.Inc()
			c.Set(shedKey, true)
		}
		s.fail(c, routeKindOf(c), err)
		return
	}
	release := sync.OnceFunc(func() { <-s.slots })
	defer release()
	c.Writer = &releasingWriter{ResponseWriter: c.Writer, release: release}
	if s.opts.SearchTimeout > 0 {
		ctx, cancel := context.WithTimeout(c.Request.Context(), s.opts.SearchTimeout)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
	}
	c.Next()
}

// admit takes a search slot: at once if one is free, else after waiting in
// the bounded queue. It returns errOverloaded when the queue is full or the
// wait ran out, and the context's error when the client left while waiting.
func (s *Server) admit(ctx context.Context) error {
	select {
	case s.slots <- struct{}{}:
		return nil
	default:
	}
	if s.opts.MaxQueued <= 0 || s.opts.QueueWait <= 0 {
		return errOverloaded
	}
	if s.queued.Add(1) > int64(s.opts.MaxQueued) {
		s.queued.Add(-1)
		return errOverloaded
	}
	defer s.queued.Add(-1)
	wait := time.NewTimer(s.opts.QueueWait)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-wait.C:
		return errOverloaded
	case <-ctx.Done():
		return ctx.Err()
	}
}

// releasingWriter calls release before the first byte of the answer is
// written (see limitSearch).
type releasingWriter struct {
	gin.ResponseWriter
	release func()
}

func (w *releasingWriter) Write(b []byte) (int, error) {
	w.release()
	return w.ResponseWriter.Write(b)
}

func (w *releasingWriter) WriteString(s string) (int, error) {
	w.release()
	return w.ResponseWriter.WriteString(s)
}

func (w *releasingWriter) WriteHeaderNow() {
	w.release()
	w.ResponseWriter.WriteHeaderNow()
}

func (w *releasingWriter) Flush() {
	w.release()
	w.ResponseWriter.Flush()
}

// baseURL is the scheme and host of the absolute links feeds, exports and
// OpenSearch need: configured, never taken from the request.
func (s *Server) baseURL() string { return s.base }

// bounded returns at most n bytes of s, cut at a character boundary, with
// a note of how much was left out.
func bounded(s string, n int) string {
	if len(s) <= n {
		return s
	}
	p := prefix(s, n)
	return p + "…(" + strconv.Itoa(len(s)-len(p)) + " more bytes)"
}

// prefix returns at most n bytes of s, cut at a character boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// logSafe is s bounded and with control characters and invalid UTF-8
// written as Go escapes, for the access log.
func logSafe(s string, n int) string {
	s = bounded(s, n)
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	q := strconv.QuoteToGraphic(s)
	return q[1 : len(q)-1]
}

// knownMethods are the method labels /metrics may carry; any other method
// is counted as "other", so that made-up methods cannot grow the series.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
	http.MethodConnect: true, http.MethodTrace: true,
}

func methodLabel(m string) string {
	if knownMethods[m] {
		return m
	}
	return "other"
}
