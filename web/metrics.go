package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus series /metrics exposes. Each Server has its
// own registry so that several servers (tests) never collide on the global one.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	searches *prometheus.HistogramVec
	rejected prometheus.Counter
}

func newMetrics(status func() IndexStatus) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "policysearch_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "policysearch_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "policysearch_search_duration_seconds",
			Help:    "Time the search backend took per search, by outcome (ok, bad_query, cancelled: the client left, timeout: the deadline passed, error).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"outcome"}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "policysearch_search_rejected_total",
			Help: "Requests answered 503 at once because the searches allowed at one time were all running (load shedding, not a failure).",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.searches, m.rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if status != nil {
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "policysearch_index_documents",
				Help: "Documents in the live index generation.",
			}, func() float64 { return float64(status().Docs) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "policysearch_index_live",
				Help: "1 when a live index is being served, 0 while there is none.",
			}, func() float64 { return boolGauge(status().Live) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "policysearch_index_generation_age_seconds",
				Help: "Seconds since the live generation was built (0 when unknown).",
			}, func() float64 {
				st := status()
				if st.Built.IsZero() {
					return 0
				}
				return time.Since(st.Built).Seconds()
			}),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "policysearch_index_last_build_success",
				Help: "1 when the most recent index build succeeded, 0 when it failed.",
			}, func() float64 { return boolGauge(status().LastBuildOK) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "policysearch_index_last_build_timestamp_seconds",
				Help: "Unix time the most recent index build finished (0 when none has run).",
			}, func() float64 {
				st := status()
				if st.LastBuild.IsZero() {
					return 0
				}
				return float64(st.LastBuild.Unix())
			}),
		)
	}
	return m
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (m *metrics) handler() http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// statusClientClosed is the code label of a request whose client went away
// before the answer (nginx's 499), so that it is not counted as a 503.
const statusClientClosed = 499

// observeSearch records one backend search.
func (m *metrics) observeSearch(d time.Duration, outcome string) {
	m.searches.WithLabelValues(outcome).Observe(d.Seconds())
}

// observe is the middleware that counts requests, times them and writes the
// access log. Every label comes from a fixed set: the route is the pattern
// ("/documents/:id"), never the raw path, and an unknown method is "other",
// so that the number of series stays bounded. It also sets nosniff on every
// answer, whatever its type.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Header("X-Content-Type-Options", "nosniff")
	// The client's context: handlers may replace the request's with one
	// that has a deadline, which is cancelled when they return.
	ctx := c.Request.Context()
	c.Next()
	took := time.Since(start)
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	code := c.Writer.Status()
	gone := errors.Is(ctx.Err(), context.Canceled)
	label := code
	if gone {
		label = statusClientClosed
	}
	s.metrics.requests.WithLabelValues(route, methodLabel(c.Request.Method), strconv.Itoa(label)).Inc()
	s.metrics.latency.WithLabelValues(route).Observe(took.Seconds())
	level := slog.LevelInfo
	if code >= 500 && !gone && !c.GetBool(shedKey) {
		level = slog.LevelError
	}
	s.log.LogAttrs(ctx, level, "http",
		slog.String("method", logSafe(c.Request.Method, 32)),
		slog.String("path", logSafe(c.Request.URL.Path, logLen)),
		slog.String("query", logSafe(c.Request.URL.RawQuery, logLen)),
		slog.String("route", route),
		slog.Int("status", code),
		slog.Int("bytes", c.Writer.Size()),
		slog.Duration("took", took),
		slog.String("remote", c.ClientIP()),
	)
}
