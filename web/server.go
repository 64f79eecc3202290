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
	"net/http"
	"strings"
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
}

// Server is the HTTP front end. It is an http.Handler.
type Server struct {
	searcher search.Searcher
	opts     Options
	log      *slog.Logger
	engine   *gin.Engine
	pages    *pages
	metrics  *metrics
}

// New returns a Server answering from s.
func New(s search.Searcher, opts Options) *Server {
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
	srv := &Server{
		searcher: s,
		opts:     opts,
		log:      opts.Logger,
		pages:    mustParsePages(),
		metrics:  newMetrics(opts.Status),
	}
	srv.engine = srv.routes()
	return srv
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.engine.ServeHTTP(w, r)
}

func (s *Server) routes() *gin.Engine {
	e := gin.New()
	e.RedirectTrailingSlash = true
	e.HandleMethodNotAllowed = false
	e.Use(s.observe, s.recover)

	e.GET("/", s.handleSearchPage)
	e.GET("/documents/:id", s.handleDocumentPage)
	e.GET("/api/search", s.handleAPISearch)
	e.GET("/api/documents/:id", s.handleAPIDocument)
	e.GET("/api/facets/:facet", s.handleAPIFacet)
	e.GET("/export.csv", s.handleExportCSV)
	e.GET("/export.json", s.handleExportJSON)
	e.GET("/feed.atom", s.handleFeed)
	e.GET("/opensearch.xml", s.handleOpenSearch)
	e.GET("/healthz", s.handleHealth)
	e.HEAD("/healthz", s.handleHealth) // load balancers often probe with HEAD
	e.GET("/metrics", gin.WrapH(s.metrics.handler()))
	e.GET("/static/*file", s.handleStatic)
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
	case errors.Is(err, search.ErrNoIndex):
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
	switch {
	case errors.Is(err, context.Canceled):
		// The client went away, as the page's script does whenever a
		// keystroke replaces a search in flight: not a fault of ours.
		s.log.DebugContext(c.Request.Context(), "request cancelled",
			"method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	case code >= 500:
		s.log.ErrorContext(c.Request.Context(), "request failed",
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", code, "err", err)
	}
	if code == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	if kind == kindAPI {
		c.AbortWithStatusJSON(code, gin.H{"error": msg})
		return
	}
	s.renderError(c, code, msg)
}

// publicMessage is what a user is told: the full reason for their own
// mistakes, a generic sentence for ours.
func publicMessage(code int, err error) string {
	switch code {
	case http.StatusBadRequest, http.StatusNotFound:
		return err.Error()
	case http.StatusServiceUnavailable:
		if errors.Is(err, search.ErrNoIndex) {
			return "the index is not ready yet; it is being built, try again shortly"
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
