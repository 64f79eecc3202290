// Package web serves policysearch over HTTP: the server-rendered search page
// (usable without JavaScript, enhanced by a small embedded script), the
// article page, the JSON API, exports (CSV, JSON, Atom), an OpenSearch
// description, health and Prometheus metrics. It talks to the index only
// through search.Searcher.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/search"
)

// IndexStatus describes the live index for /healthz and /metrics. The server
// asks for it through Options.Status so that it does not depend on how the
// indexer lays out its generations.
type IndexStatus struct {
	// Live is false while there is no index to search yet.
	Live bool
	// Generation names the live generation ("" when unknown).
	Generation string
	// Docs is the number of documents in the live generation.
	Docs uint64
	// Built is when the live generation was built (zero when unknown).
	Built time.Time
	// LastBuildOK reports whether the most recent build succeeded;
	// LastBuild is when it finished (zero when no build has run).
	LastBuildOK bool
	LastBuild   time.Time
	// BuildError says why there is no index when building one failed
	// ("corpus folder … does not exist"); pages and API errors say it
	// instead of "try again shortly", which would never come true.
	BuildError string
}

// Options configure a Server. The zero value works.
type Options struct {
	// Logger receives one access-log line per request and handler errors.
	// Nil discards them.
	Logger *slog.Logger
	// Status reports on the live index; nil means /healthz probes the
	// Searcher and /metrics leaves the index gauges out.
	Status func() IndexStatus
	// Now is the clock for the date presets (past week, month, year);
	// nil means time.Now.
	Now func() time.Time
	// Title is the site name shown in the page header and feeds;
	// "" means "policysearch".
	Title string
	// SearchTimeout bounds each request that searches; the backend sees it
	// as the context's deadline. 0 means DefaultSearchTimeout; negative
	// means no deadline (the client's disconnect still cancels).
	SearchTimeout time.Duration
	// MaxSearches bounds the requests searching at once. 0 means
	// DefaultMaxSearches().
	MaxSearches int
	// MaxQueued bounds the requests waiting for one of those slots; a
	// request beyond them is answered 503 with Retry-After at once. 0
	// means DefaultMaxQueued(MaxSearches); negative means no queue.
	MaxQueued int
	// QueueWait is the longest a request waits for a slot before it is
	// answered 503 with Retry-After. 0 means DefaultQueueWait.
	QueueWait time.Duration
	// Hosts are the host names (no port) the server answers to; a request
	// with another Host header is refused. Empty means DefaultHosts.
	Hosts []string
	// BaseURL is the scheme and authority of absolute links in feeds,
	// exports and the OpenSearch description ("https://search.example").
	// "" means http:// and the first of Hosts.
	BaseURL string
	// TrustedProxies are the addresses or CIDR ranges whose
	// X-Forwarded-For names the client; empty trusts no proxy.
	TrustedProxies []string
}

// Server is the HTTP front end. It is an http.Handler.
type Server struct {
	searcher search.Searcher
	opts     Options
	log      *slog.Logger
	engine   *gin.Engine
	pages    *pages
	metrics  *metrics
	// slots holds one token per search running (Options.MaxSearches).
	slots chan struct{}
	// queued counts the requests waiting for a slot (Options.MaxQueued).
	queued atomic.Int64
	// hosts is Options.Hosts as a set, with BaseURL's host.
	hosts map[string]bool
	base  string
}

// Check reports options that do not parse: a host that is not a host
// name, a BaseURL that is not an absolute http or https URL, a trusted
// proxy that is not an address or CIDR range. Call it on configuration from a user before New.
func (o Options) Check() error {
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || strings.Trim(u.Path, "/") != "" {
			return fmt.Errorf("base URL %q: want http:// or https:// and a host, like https://search.example", o.BaseURL)
		}
	}
	for _, h := range o.Hosts {
		// A URL or an empty name here would never match a Host header,
		// and the operator would only learn it from refused requests.
		if hostName(h) == "" || strings.ContainsAny(h, "/ ") {
			return fmt.Errorf("allowed host %q: want a host name like search.example, without scheme or path", h)
		}
	}
	for _, p := range o.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return fmt.Errorf("trusted proxy %q is neither an IP address nor a CIDR range like 10.0.0.0/8", p)
		}
	}
	return nil
}

// New returns a Server answering from s. It panics on options that Check
// refuses.
func New(s search.Searcher, opts Options) *Server {
	if err := opts.Check(); err != nil {
		panic("web.New: " + err.Error())
	}
	gin.SetMode(gin.ReleaseMode)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Title == "" {
		opts.Title = "policysearch"
	}
	if opts.SearchTimeout == 0 {
		opts.SearchTimeout = DefaultSearchTimeout
	}
	if opts.MaxSearches <= 0 {
		opts.MaxSearches = DefaultMaxSearches()
	}
	if opts.MaxQueued == 0 {
		opts.MaxQueued = DefaultMaxQueued(opts.MaxSearches)
	}
	if opts.QueueWait == 0 {
		opts.QueueWait = DefaultQueueWait
	}
	if len(opts.Hosts) == 0 {
		opts.Hosts = DefaultHosts
	}
	srv := &Server{
		searcher: s,
		opts:     opts,
		log:      opts.Logger,
		pages:    mustParsePages(),
		metrics:  newMetrics(opts.Status),
		slots:    make(chan struct{}, opts.MaxSearches),
		hosts:    map[string]bool{},
	}
	for _, h := range opts.Hosts {
		srv.hosts[hostName(h)] = true
	}
	srv.base = strings.TrimRight(opts.BaseURL, "/")
	if srv.base == "" {
		h := opts.Hosts[0]
		if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
			h = "[" + h + "]"
		}
		srv.base = "http://" + h
	} else if u, err := url.Parse(srv.base); err == nil {
		srv.hosts[hostName(u.Host)] = true
	}
	srv.engine = srv.routes()
	return srv
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(forwardedPrefix) != "" {
		// Gin puts this header in front of its trailing-slash redirects,
		// before any middleware runs, whoever sent it. The server is never
		// mounted under a path (BaseURL has none), so it is dropped rather
		// than trusted from anyone.
		r = r.Clone(r.Context())
		r.Header.Del(forwardedPrefix)
	}
	s.engine.ServeHTTP(w, r)
}

const forwardedPrefix = "X-Forwarded-Prefix"

func (s *Server) routes() *gin.Engine {
	e := gin.New()
	e.RedirectTrailingSlash = true
	e.HandleMethodNotAllowed = false
	// Without trusted proxies, ClientIP is the peer's address, whatever
	// X-Forwarded-For says.
	if err := e.SetTrustedProxies(s.opts.TrustedProxies); err != nil {
		panic("web.New: trusted proxies: " + err.Error()) // Check refused them
	}
	e.Use(s.observe, s.recover, s.checkHost, s.checkQuery)

	// HEAD works wherever GET does; net/http drops the body.
	get := func(path string, h ...gin.HandlerFunc) {
		e.GET(path, h...)
		e.HEAD(path, h...)
	}
	searching := s.limitSearch
	get("/", searching, s.handleSearchPage)
	get("/documents/:id", searching, s.handleDocumentPage)
	get("/api/search", searching, s.handleAPISearch)
	get("/api/documents/:id", searching, s.handleAPIDocument)
	get("/api/facets/:facet", searching, s.handleAPIFacet)
	get("/export.csv", searching, s.handleExportCSV)
	get("/export.json", searching, s.handleExportJSON)
	get("/feed.atom", searching, s.handleFeed)
	get("/opensearch.xml", s.handleOpenSearch)
	get("/healthz", s.handleHealth) // load balancers often probe with HEAD
	get("/metrics", gin.WrapH(s.metrics.handler()))
	get("/static/*file", s.handleStatic)
	e.NoRoute(func(c *gin.Context) {
		s.fail(c, routeKindOf(c), errNoRoute)
	})
	return e
}

// errNoRoute is the error for paths no route serves.
var errNoRoute = fmt.Errorf("no such page: %w", search.ErrNotFound)

// statusOf is the one place that maps errors to HTTP status codes.
func statusOf(err error) int {
	switch {
	case errors.Is(err, search.ErrBadQuery):
		return http.StatusBadRequest
	case errors.Is(err, search.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, search.ErrNoIndex), errors.Is(err, errOverloaded):
		return http.StatusServiceUnavailable
	case errors.Is(err, search.ErrUnavailable):
		// A search cluster down, red or refusing: retry later, not a bug.
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// The client went away or the request ran out of time; 503 tells a
		// proxy to retry rather than report a bug.
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// routeKind says whether a failure should be answered as JSON or a page.
type routeKind int

const (
	kindPage routeKind = iota
	kindAPI
)

func routeKindOf(c *gin.Context) routeKind {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/export.json" {
		return kindAPI
	}
	return kindPage
}

// fail answers with the status statusOf chooses for err: JSON on API routes,
// a friendly page elsewhere. Details of internal errors go to the log only.
func (s *Server) fail(c *gin.Context, kind routeKind, err error) {
	code := statusOf(err)
	msg := publicMessage(code, err)
	if errors.Is(err, search.ErrNoIndex) && s.opts.Status != nil {
		if why := s.opts.Status().BuildError; why != "" {
			msg = "there is no index to search: " + why
		}
	}
	switch {
	case errors.Is(err, errOverloaded):
		// Counted in /metrics; a log line each would grow with the load.
	case errors.Is(err, context.Canceled):
		// The client went away, as the page's script does whenever a
		// keystroke replaces a search in flight: not a fault of ours.
		s.log.DebugContext(c.Request.Context(), "request cancelled",
			"method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	case code >= 500:
		s.log.ErrorContext(c.Request.Context(), "request failed",
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", code, "err", err)
	}
	switch {
	case errors.Is(err, errOverloaded):
		c.Header("Retry-After", "1")
	case code == http.StatusServiceUnavailable:
		c.Header("Retry-After", "5")
	}
	if kind == kindAPI {
		c.AbortWithStatusJSON(code, gin.H{"error": msg})
		return
	}
	s.renderError(c, code, msg)
}

// partFailed logs a part of a page that could not be had (preset counts,
// did you mean, marking, related articles): the page is shown without it.
// When the client has left, as the page's script does to the search before
// each keystroke, that is no warning.
func (s *Server) partFailed(ctx context.Context, part string, args ...any) {
	level := slog.LevelWarn
	if errors.Is(ctx.Err(), context.Canceled) {
		level = slog.LevelDebug
	}
	s.log.Log(ctx, level, part, args...)
}

// publicMessage is what a user is told: the full reason for their own
// mistakes, a generic sentence for ours.
func publicMessage(code int, err error) string {
	switch code {
	case http.StatusBadRequest, http.StatusNotFound:
		// Messages quote the request; a huge parameter is not echoed whole.
		return bounded(err.Error(), 4*echoLen)
	case http.StatusServiceUnavailable:
		switch {
		case errors.Is(err, search.ErrNoIndex):
			return "the index is not ready yet; it is being built, try again shortly"
		case errors.Is(err, errOverloaded):
			return errOverloaded.Error()
		case errors.Is(err, context.DeadlineExceeded):
			return "the search took too long and was stopped; try a narrower search"
		}
		return "the server is busy or the request was cancelled; try again"
	default:
		return "something went wrong on our side; the error has been logged"
	}
}

// recover turns a panic in a handler into a 500 instead of a dropped
// connection, and logs it.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.fail(c, routeKindOf(c), fmt.Errorf("panic serving %s: %v", c.Request.URL.Path, v))
		}
	}()
	c.Next()
}
