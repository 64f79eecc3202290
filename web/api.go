package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/search"
)

// search runs one request on the backend, timing it for /metrics and
// filling nil slices so that JSON shows [] rather than null.
func (s *Server) search(ctx context.Context, req search.Request) (*search.Result, error) {
	start := time.Now()
	res, err := s.searcher.Search(ctx, req)
	outcome := "ok"
	switch {
	case errors.Is(err, search.ErrBadQuery):
		outcome = "bad_query"
	case errors.Is(err, context.Canceled):
		outcome = "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		outcome = "timeout"
	case err != nil:
		outcome = "error"
	}
	s.metrics.observeSearch(time.Since(start), outcome)
	if err != nil {
		return nil, err
	}
	normalize(res)
	return res, nil
}

func normalize(res *search.Result) {
	if res.Hits == nil {
		res.Hits = []search.Hit{}
	}
	for i := range res.Hits {
		h := &res.Hits[i]
		for _, f := range search.Registry {
			if f.HitList != nil {
				p := f.HitList(h)
				*p = nonNil(*p)
			}
		}
	}
	f := &res.Facets
	for _, fc := range search.Registry {
		if p := fc.Values(f); *p == nil {
			*p = []search.FacetValue{}
		}
	}
	if f.Published == nil {
		f.Published = []search.DateBucket{}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Server) handleAPISearch(c *gin.Context) {
	st, err := parseState(c.Request.URL.Query())
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	res, err := s.search(c.Request.Context(), st.request())
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	c.JSON(http.StatusOK, search.NewResponse(res))
}

func (s *Server) handleAPIDocument(c *gin.Context) {
	d, err := s.document(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	c.JSON(http.StatusOK, d.JSON()) // the shape of extract --json, with the id
}

// document fetches one document and makes sure an unknown id is reported as
// ErrNotFound with the id in the message.
func (s *Server) document(ctx context.Context, id string) (*corpus.Document, error) {
	if id == "" || len(id) > 200 {
		return nil, fmt.Errorf("no document with id %q: %w", id, search.ErrNotFound)
	}
	d, err := s.searcher.Document(ctx, id)
	if err != nil {
		if errors.Is(err, search.ErrNotFound) {
			return nil, fmt.Errorf("no document with id %q: %w", id, search.ErrNotFound)
		}
		return nil, err
	}
	return d, nil
}

// facetAnswer is the JSON shape of /api/facets/{facet}.
type facetAnswer struct {
	Facet  string              `json:"facet"`
	Prefix string              `json:"prefix"`
	Values []search.FacetValue `json:"values"`
}

const (
	defaultFacetLimit = 20
	maxFacetLimit     = 100
)

func (s *Server) handleAPIFacet(c *gin.Context) {
	f, ok := search.FacetNamed(c.Param("facet"))
	if !ok {
		s.fail(c, kindAPI, badParam("unknown facet %q; the facets are %s", c.Param("facet"), strings.Join(search.FacetNames(), ", ")))
		return
	}
	q := c.Request.URL.Query()
	st, err := parseState(q)
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	limit := defaultFacetLimit
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > maxFacetLimit {
			s.fail(c, kindAPI, badParam("limit %q is not a whole number from 1 to %d", l, maxFacetLimit))
			return
		}
		limit = n
	}
	prefix := strings.TrimSpace(q.Get("prefix"))
	if !utf8.ValidString(prefix) {
		s.fail(c, kindAPI, badParam("prefix is not valid UTF-8"))
		return
	}
	if n := utf8.RuneCountInString(prefix); n > search.MaxQueryLen {
		s.fail(c, kindAPI, badParam("prefix is %d characters long; the limit is %d", n, search.MaxQueryLen))
		return
	}
	vals, err := s.facetValues(c.Request.Context(), st.request(), f, prefix, limit)
	if err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	c.JSON(http.StatusOK, facetAnswer{Facet: f.Name, Prefix: prefix, Values: vals})
}

func (s *Server) facetValues(ctx context.Context, req search.Request, f search.Facet, prefix string, limit int) ([]search.FacetValue, error) {
	if fs, ok := s.searcher.(search.FacetSearcher); ok {
		vals, err := fs.FacetValues(ctx, req, f.Name, prefix, limit)
		if err != nil {
			return nil, err
		}
		if vals == nil {
			vals = []search.FacetValue{}
		}
		return vals, nil
	}
	req.Page, req.Size = 1, 1
	res, err := s.search(ctx, req)
	if err != nil {
		return nil, err
	}
	return search.FilterFacetValues(*f.Values(&res.Facets), prefix, limit), nil
}

// health is the JSON shape of /healthz.
type health struct {
	Status     string `json:"status"`
	Generation string `json:"generation,omitempty"`
	Docs       uint64 `json:"docs,omitempty"`
}

func (s *Server) handleHealth(c *gin.Context) {
	if s.opts.Status != nil {
		st := s.opts.Status()
		if !st.Live {
			s.fail(c, kindAPI, search.ErrNoIndex)
			return
		}
		c.JSON(http.StatusOK, health{Status: "ok", Generation: st.Generation, Docs: st.Docs})
		return
	}
	// Without a status hook, a one-hit search proves the backend answers.
	if _, err := s.search(c.Request.Context(), search.Request{Sort: search.SortRelevance, Page: 1, Size: 1}); err != nil {
		s.fail(c, kindAPI, err)
		return
	}
	c.JSON(http.StatusOK, health{Status: "ok"})
}
