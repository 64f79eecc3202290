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
)

// errOverloaded answers a search beyond the concurrency limit.
var errOverloaded = errors.New("too many searches at once; try again in a moment")

// DefaultMaxSearches is the concurrency limit when Options.MaxSearches is 0.
func DefaultMaxSearches() int { return searchesPerCore * runtime.GOMAXPROCS(0) }

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
// MaxSearches at once, answering the rest at once with 503 and Retry-After
// rather than queueing them, and gives each a deadline. The request context
// carries both the deadline and the client's disconnect into the backend.
func (s *Server) limitSearch(c *gin.Context) {
	select {
	case s.slots <- struct{}{}:
	default:
		s.metrics.rejected.Inc()
		c.Set(shedKey, true)
		s.fail(c, routeKindOf(c), errOverloaded)
		return
	}
	defer func() { <-s.slots }()
	if s.opts.SearchTimeout > 0 {
		ctx, cancel := context.WithTimeout(c.Request.Context(), s.opts.SearchTimeout)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
	}
	c.Next()
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
