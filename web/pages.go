package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/policysearch/policysearch/search"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticVersion changes whenever an embedded asset changes; asset URLs carry
// it so that browsers may cache them for good.
var staticVersion = func() string {
	h := sha256.New()
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

// pages holds one parsed template set per page, each the base layout plus
// the page's own blocks.
type pages struct {
	search, document, error *template.Template
}

var funcs = template.FuncMap{
	"static": func(name string) string { return "/static/" + name + "?v=" + staticVersion },
	// link lets only http and https addresses become links; anything else
	// from an article (javascript:, data:, relative paths) gives "".
	"link":  safeLink,
	"lower": strings.ToLower,
	// pair hands a facet value template both the facet and the value.
	"pair": func(f facetView, v facetValueView) facetPair { return facetPair{F: f, V: v} },
	// firstRank is the rank of the first hit on a page, for <ol start>.
	"firstRank": func(size, page int) int { return (max(page, 1)-1)*max(size, 1) + 1 },
}

type facetPair struct {
	F facetView
	V facetValueView
}

func mustParsePages() *pages {
	parse := func(name string) *template.Template {
		return template.Must(template.New("base.tmpl").Funcs(funcs).ParseFS(templateFS,
			"templates/base.tmpl", "templates/partials.tmpl", "templates/"+name))
	}
	return &pages{
		search:   parse("search.tmpl"),
		document: parse("document.tmpl"),
		error:    parse("error.tmpl"),
	}
}

// safeLink returns u when it is an absolute http or https URL, else "".
func safeLink(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return p.String()
}

// securityHeaders go on every page: the content security policy forbids
// inline scripts and any other origin, a second line of defence behind the
// template escaping.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(c *gin.Context, code int, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base.tmpl", data); err != nil {
		if t == s.pages.error {
			// The error page itself failed; fall back to plain text.
			s.log.ErrorContext(c.Request.Context(), "render error page", "err", err)
			c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal error\n"))
			return
		}
		s.fail(c, kindPage, fmt.Errorf("render %s: %w", t.Name(), err))
		return
	}
	securityHeaders(c.Writer.Header())
	c.Header("Vary", "Accept-Encoding")
	c.Data(code, "text/html; charset=utf-8", buf.Bytes())
}

// errorPage is the data of the friendly error page.
type errorPage struct {
	Site    string
	Title   string
	Code    int
	Heading string
	Message string
	Query   string
}

func (s *Server) renderError(c *gin.Context, code int, msg string) {
	heading := "Something went wrong"
	switch code {
	case http.StatusBadRequest:
		heading = "We could not read that search"
	case http.StatusNotFound:
		heading = "Not found"
	case http.StatusServiceUnavailable:
		heading = "Not ready yet"
	}
	s.render(c, code, s.pages.error, errorPage{
		Site:    s.opts.Title,
		Title:   heading,
		Code:    code,
		Heading: heading,
		Message: msg,
		// The search box gets the query back to edit, but no more than a
		// query may be long.
		Query: prefix(c.Query("q"), 4*search.MaxQueryLen),
	})
	c.Abort()
}

func (s *Server) handleStatic(c *gin.Context) {
	name := path.Clean("/" + c.Param("file"))
	b, err := staticFS.ReadFile("static" + name)
	if err != nil {
		s.fail(c, kindPage, fmt.Errorf("no static file %q: %w", name, errNoRoute))
		return
	}
	ctype := "application/octet-stream"
	switch path.Ext(name) {
	case ".css":
		ctype = "text/css; charset=utf-8"
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".svg":
		ctype = "image/svg+xml"
	}
	if c.Query("v") == staticVersion {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, ctype, b)
}
