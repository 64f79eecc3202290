package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log/slog"
	"os"
	"strings"
	"unicode"

	"golang.org/x/term"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

// searchSynopsis is the usage text; the facet flags and query fields come
// from the search package's facet registry.
var searchSynopsis = fmt.Sprintf(`[--index DIR] %s
        [--from DATE] [--to DATE] [--sort relevance|newest|oldest] [--page N] [--size N] [--json] QUERY

Searches the live index and prints the hits with their facet counts, or with
--json the same JSON as /api/search. Works while 'serve' runs on the same
index: the index is opened read-only. Flags may come before or after the
query. Query syntax: words (all must match), "a phrase" (quote it for the
shell too: '"Open RAN"'), -word (after a --, which ends the flags:
search -- open ran -kddi), a OR b, and title: %s
lang: fields. Dates are YYYY-MM-DD, or YYYY-MM / YYYY for a whole
month or year.`, facetFlagsSynopsis(), facetQueryPrefixes())

// facetFlagsSynopsis is "[--org NAME]… [--place NAME]…" for every facet.
func facetFlagsSynopsis() string {
	var parts []string
	for _, f := range search.Registry {
		parts = append(parts, fmt.Sprintf("[--%s NAME]…", f.Param))
	}
	return strings.Join(parts, " ")
}

// facetQueryPrefixes is "org: place: …", the facets' query fields.
func facetQueryPrefixes() string {
	var parts []string
	for _, f := range search.Registry {
		parts = append(parts, f.QueryPrefix())
	}
	return strings.Join(parts, " ")
}

// facetFlagUsage is the help line of a facet's filter flag.
func facetFlagUsage(f search.Facet) string {
	if f.Entity != "" {
		return fmt.Sprintf("only articles mentioning this %s (repeatable: any of several)", f.Singular)
	}
	return fmt.Sprintf("only articles from this %s (repeatable: any of several)", f.Singular)
}

// searchConfig is what `policysearch search` needs.
type searchConfig struct {
	IndexDir string
	Request  search.Request
	JSON     bool
	// Backend, when it names OpenSearch, is searched instead of IndexDir.
	Backend *backendConfig
}

func runSearch(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("search", searchSynopsis)
	var cfg searchConfig
	filters := make([]stringList, len(search.Registry))
	var from, to, sort string
	fs.StringVar(&cfg.IndexDir, "index", envOr("POLICYSEARCH_INDEX", defaultIndexDir), "index folder (env POLICYSEARCH_INDEX)")
	for i, f := range search.Registry {
		fs.Var(&filters[i], f.Param, facetFlagUsage(f))
	}
	fs.StringVar(&from, "from", envOr("POLICYSEARCH_FROM", ""), "first publication day, inclusive (env POLICYSEARCH_FROM)")
	fs.StringVar(&to, "to", envOr("POLICYSEARCH_TO", ""), "last publication day, inclusive (env POLICYSEARCH_TO)")
	fs.StringVar(&sort, "sort", envOr("POLICYSEARCH_SORT", string(search.SortRelevance)), "relevance, newest or oldest (env POLICYSEARCH_SORT)")
	defPage, err := intFromEnv("POLICYSEARCH_PAGE", 1)
	if err != nil {
		return err
	}
	defSize, err := intFromEnv("POLICYSEARCH_SIZE", search.DefaultSize)
	if err != nil {
		return err
	}
	page := fs.Int("page", defPage, "page of results, from 1 (env POLICYSEARCH_PAGE)")
	size := fs.Int("size", defSize, fmt.Sprintf("hits per page, at most %d (env POLICYSEARCH_SIZE)", search.MaxSize))
	defJSON, err := boolFromEnv("POLICYSEARCH_JSON")
	if err != nil {
		return err
	}
	fs.BoolVar(&cfg.JSON, "json", defJSON, "print the JSON of /api/search (env POLICYSEARCH_JSON)")
	if cfg.Backend, err = addBackendFlags(fs, false); err != nil {
		return err
	}

	query, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	// The search package reads 0 as "the default"; typed on the command
	// line it is a mistake, as it is a 400 on the web.
	if *page < 1 {
		return fmt.Errorf("--page %d: pages count from 1", *page)
	}
	if *size < 1 {
		return fmt.Errorf("--size %d: must be between 1 and %d", *size, search.MaxSize)
	}
	req := search.Request{
		Query: strings.Join(query, " "),
		Sort:  search.Sort(sort),
		Page:  *page,
		Size:  *size,
	}
	for i, f := range search.Registry {
		*f.Filter(&req) = filters[i]
	}
	if req.From, err = search.ParseDay(from, false); err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	if req.To, err = search.ParseDay(to, true); err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	cfg.Request = req
	return searchCommand(ctx, os.Stdout, cfg)
}

// parseInterspersed parses flags wherever they stand among the query words
// (the flag package stops at the first word), so that
// `search "Open RAN" --org KDDI` works as well as the other order.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// The flag package swallows the "--" that ends the flags; all that
		// follows it is query, -word included.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(words, rest...), nil
		}
		if len(rest) == 0 {
			return words, nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}

// resolveNames checks the names given to the facet flags (--org, --place,
// …) against the index: a name in another case becomes the indexed one
// (--org kddi is KDDI), and a name nobody wrote is an error that offers the
// nearest indexed names, rather than a silent "0 results".
func resolveNames(s *blevesearch.IndexSearcher, req *search.Request) error {
	for _, f := range search.Registry {
		names := *f.Filter(req)
		for i, name := range names {
			exact, near, err := s.NearestNames(f.Name, name)
			if err != nil {
				return err
			}
			if exact != "" {
				names[i] = exact
				continue
			}
			msg := fmt.Sprintf("--%s %q: no %s of that name is indexed", f.Param, name, f.Singular)
			if len(near) > 0 {
				msg += "; the nearest are " + quoteAll(near)
			}
			return errors.New(msg)
		}
	}
	return nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// searchCommand opens the live generation read-only, runs one search and
// prints it.
func searchCommand(ctx context.Context, w io.Writer, cfg searchConfig) error {
	if cfg.Backend != nil {
		if useOS, err := cfg.Backend.openSearch(); err != nil || useOS {
			if err != nil {
				return err
			}
			s, name, err := cfg.Backend.searcher()
			if err != nil {
				return err
			}
			return searchWith(ctx, w, s, name, cfg)
		}
	}
	idx, gen, release, err := indexer.OpenLive(cfg.IndexDir)
	if errors.Is(err, indexer.ErrNoIndex) {
		return fmt.Errorf("no index in %s yet; build one with 'policysearch index --index %s'", cfg.IndexDir, cfg.IndexDir)
	}
	if err != nil {
		return err
	}
	defer release()
	s := blevesearch.NewIndexSearcher(idx)
	defer s.Close() // before release closes the index
	if err := resolveNames(s, &cfg.Request); err != nil {
		return err
	}
	res, err := s.Search(ctx, cfg.Request)
	if err != nil {
		return err
	}
	if cfg.JSON {
		return writeSearchJSON(w, res)
	}
	color := false
	if f, ok := w.(*os.File); ok {
		color = term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == ""
	}
	return writeSearchText(w, cfg.Request, res, gen, color)
}

func writeSearchJSON(w io.Writer, res *search.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(search.NewResponse(res))
}

// writeSearchText prints the hits and facets for a person at a terminal.
// Article text reaches the terminal only through plain(), which drops
// control characters, so a page cannot send escape sequences.
func writeSearchText(w io.Writer, req search.Request, res *search.Result, gen string, color bool) error {
	bold, dim, reset := "", "", ""
	if color {
		bold, dim, reset = "\x1b[1m", "\x1b[2m", "\x1b[0m"
	}
	var b strings.Builder
	pages := (res.Total + uint64(res.Size) - 1) / uint64(res.Size)
	fmt.Fprintf(&b, "%d results", res.Total)
	if req.Query != "" {
		fmt.Fprintf(&b, " for %s", plain(req.Query))
	}
	fmt.Fprintf(&b, " (%.1f ms", float64(res.Took.Microseconds())/1000)
	if pages > 1 {
		fmt.Fprintf(&b, ", page %d of %d", res.Page, pages)
	}
	b.WriteString(")\n")
	for i, h := range res.Hits {
		fmt.Fprintf(&b, "\n%2d. %s%s%s\n", (res.Page-1)*res.Size+i+1, bold, plain(h.Title), reset)
		meta := []string{plain(h.Source)}
		if h.Published != "" {
			meta = append(meta, h.Published)
		}
		if h.URL != "" {
			meta = append(meta, plain(h.URL))
		}
		fmt.Fprintf(&b, "    %s%s%s\n", dim, strings.Join(meta, " · "), reset)
		if s := snippetText(string(h.Snippet), bold, reset); s != "" {
			fmt.Fprintf(&b, "    %s\n", s)
		}
		if len(h.Organizations) > 0 {
			fmt.Fprintf(&b, "    %sorganizations:%s %s\n", dim, reset, plain(strings.Join(h.Organizations, ", ")))
		}
		fmt.Fprintf(&b, "    %sid %s%s\n", dim, h.ID, reset)
	}
	facet := func(name string, vals []search.FacetValue) {
		if len(vals) == 0 {
			return
		}
		const shown = 10
		parts := make([]string, 0, shown)
		for i, v := range vals {
			if i == shown {
				parts = append(parts, fmt.Sprintf("… %d more", len(vals)-shown))
				break
			}
			parts = append(parts, fmt.Sprintf("%s (%d)", plain(v.Value), v.Count))
		}
		fmt.Fprintf(&b, "%s%s:%s %s\n", bold, name, reset, strings.Join(parts, ", "))
	}
	if res.Total > 0 {
		b.WriteString("\n")
		for _, f := range search.Registry {
			facet(f.Label, *f.Values(&res.Facets))
		}
		if len(res.Facets.Published) > 0 {
			var parts []string
			for _, d := range res.Facets.Published {
				if d.Count > 0 {
					parts = append(parts, fmt.Sprintf("%s (%d)", d.Label, d.Count))
				}
			}
			fmt.Fprintf(&b, "%sPublished:%s %s\n", bold, reset, strings.Join(parts, ", "))
		}
	}
	if gen != "" {
		fmt.Fprintf(&b, "%sindex generation %s%s\n", dim, gen, reset)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// snippetText turns a snippet's HTML (escaped text and <mark> tags, nothing
// else) into terminal text, showing the marks in bold.
func snippetText(s, on, off string) string {
	// Private-use characters stand in for the tags while the entities are
	// decoded, so that an escaped "&lt;mark&gt;" in the article stays text.
	s = strings.ReplaceAll(s, "<mark>", "\ue000")
	s = strings.ReplaceAll(s, "</mark>", "\ue001")
	s = plain(html.UnescapeString(s))
	return strings.NewReplacer("\ue000", on, "\ue001", off).Replace(s)
}

// plain drops control characters (escape sequences, carriage returns) and
// turns line breaks and tabs into spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}
