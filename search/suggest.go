package search

// "Did you mean": when a search finds nothing, the words of the query that
// the index has never seen are replaced by the nearest names and words it
// has — the canonical names of organizations, places, people and sources
// first (KDD → KDDI, softbnak → SoftBank), then the words of the articles.

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/indexer"
)

// Thresholds of the suggestion rules.
const (
	// minPrefixSuggest is the shortest word the "begins a name" rule
	// completes (KDD → KDDI); shorter ones begin too many names.
	minPrefixSuggest = 3
	// maxPrefixTail is how many letters that rule may add.
	maxPrefixTail = 3
	// suggestScanLimit bounds the dictionary entries read per word, so a
	// zero-result page stays cheap on a large archive.
	suggestScanLimit = 200000
)

// maxEdits is how many typing slips (a letter added, dropped, changed, or
// two swapped) a word of n letters may carry and still be corrected: none
// for very short words, whose neighbours are mostly other real words.
func maxEdits(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// suggestWord matches the words of a raw query: runs of text outside
// quotes and spaces, with any +/- sign and field: name before them.
var suggestWord = regexp.MustCompile(`([+-]?)(?:([A-Za-z]+):)?([^\s"]+)`)

// entityFields are the keyword fields whose values a word may be
// corrected to, by the query field that names each.
var entityFields = map[string]string{
	FieldOrg:    indexer.FieldOrg,
	FieldPlace:  indexer.FieldPlace,
	FieldPerson: indexer.FieldPerson,
	FieldSource: indexer.FieldSource,
}

// Suggest returns query with each word the index does not know replaced by
// the nearest known name or word, or "" when it has nothing to offer.
func (s *IndexSearcher) Suggest(ctx context.Context, query string) (string, error) {
	if utf8.RuneCountInString(query) > MaxQueryLen || !utf8.ValidString(query) {
		return "", nil
	}
	query = smartQuotes.Replace(query)
	names := map[string][]dictEntry{}
	for qf, f := range entityFields {
		vals, err := s.dictEntries(f, "", 0)
		if err != nil {
			return "", err
		}
		names[qf] = vals
	}
	changed := false
	var firstErr error
	out := suggestWord.ReplaceAllStringFunc(query, func(m string) string {
		if firstErr != nil || ctx.Err() != nil {
			return m
		}
		sub := suggestWord.FindStringSubmatch(m)
		sign, field, word := sub[1], strings.ToLower(sub[2]), sub[3]
		if word == "OR" || word == "AND" || (field != "" && !knownField(field)) {
			return m
		}
		var cands []dictEntry
		switch field {
		case FieldOrg, FieldPlace, FieldPerson, FieldSource:
			for _, e := range names[field] {
				if strings.EqualFold(e.term, word) {
					return m // a name as indexed
				}
			}
			cands = names[field]
		case FieldLang:
			return m
		default:
			known, err := s.knownText(word)
			if err != nil {
				firstErr = err
				return m
			}
			if known {
				return m
			}
			for _, qf := range []string{FieldOrg, FieldPlace, FieldPerson, FieldSource} {
				cands = append(cands, names[qf]...)
			}
		}
		best, ok := nearest(word, cands)
		if !ok && field == "" {
			terms, err := s.dictEntries(indexer.FieldBody, firstLetter(word), suggestScanLimit)
			if err != nil {
				firstErr = err
				return m
			}
			best, ok = nearest(word, terms)
			if ok {
				// Body words are indexed stemmed ("chipmak"); offer the
				// word as an article writes it.
				written, err := s.writtenForm(ctx, best.term)
				if err != nil {
					firstErr = err
					return m
				}
				if written == "" {
					return m
				}
				if word == strings.ToLower(word) {
					written = strings.ToLower(written)
				}
				best.term = written
			}
		}
		if !ok {
			return m
		}
		changed = true
		repl := best.term
		if strings.ContainsAny(repl, " \t") {
			repl = `"` + repl + `"`
		}
		if sub[2] != "" {
			return sign + sub[2] + ":" + repl
		}
		return sign + repl
	})
	if firstErr != nil {
		return "", firstErr
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if !changed {
		return "", nil
	}
	// A name with spaces put inside a phrase would nest quotes; say the
	// phrase words plainly instead.
	if strings.Count(out, `"`)%2 != 0 {
		return "", nil
	}
	return out, nil
}

// writtenForm finds body term in a document and returns it as written
// there, or "" when no stored text shows it.
func (s *IndexSearcher) writtenForm(ctx context.Context, term string) (string, error) {
	tq := bleve.NewTermQuery(term)
	tq.SetField(indexer.FieldBody)
	r := bleve.NewSearchRequestOptions(tq, 1, 0, false)
	r.Fields = []string{indexer.FieldBody}
	r.IncludeLocations = true
	res, err := s.idx.SearchInContext(ctx, r)
	if err != nil {
		return "", fmt.Errorf("suggest: find %q: %w", term, err)
	}
	for _, h := range res.Hits {
		body := firstString(h.Fields[indexer.FieldBody])
		for _, locs := range h.Locations[indexer.FieldBody] {
			for _, l := range locs {
				if int(l.Start) < int(l.End) && int(l.End) <= len(body) {
					return body[l.Start:l.End], nil
				}
			}
		}
	}
	return "", nil
}

type dictEntry struct {
	term  string
	count uint64
}

// dictEntries reads a field's dictionary (the terms beginning with prefix),
// at most limit entries (0: all).
func (s *IndexSearcher) dictEntries(field, prefix string, limit int) ([]dictEntry, error) {
	dict, err := s.idx.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("suggest: read %s: %w", field, err)
	}
	var out []dictEntry
	for limit == 0 || len(out) < limit {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, fmt.Errorf("suggest: read %s: %w", field, err)
		}
		if e == nil {
			break
		}
		if e.Term != "" {
			out = append(out, dictEntry{e.Term, e.Count})
		}
	}
	if err := dict.Close(); err != nil {
		return nil, fmt.Errorf("suggest: read %s: %w", field, err)
	}
	return out, nil
}

// knownText reports whether every term word analyzes to is in the index
// (title, body or entity aliases).
func (s *IndexSearcher) knownText(word string) (bool, error) {
	tokens := s.analyzer.Analyze([]byte(word))
	if len(tokens) == 0 {
		return true, nil // a stop word or punctuation: nothing to correct
	}
	for _, tok := range tokens {
		found := false
		for _, f := range []string{indexer.FieldBody, indexer.FieldTitle, indexer.FieldAliases} {
			dict, err := s.idx.FieldDictRange(f, tok.Term, tok.Term)
			if err != nil {
				return false, fmt.Errorf("suggest: look up %q: %w", tok.Term, err)
			}
			e, err := dict.Next()
			dict.Close()
			if err != nil {
				return false, fmt.Errorf("suggest: look up %q: %w", tok.Term, err)
			}
			if e != nil && e.Term == string(tok.Term) && e.Count > 0 {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}

// nearest picks the candidate closest to word, ignoring case: fewest
// edits (a name the word begins counts one edit per missing letter), then
// the one in most documents, then the first in order.
func nearest(word string, cands []dictEntry) (dictEntry, bool) {
	w := strings.ToLower(word)
	wn := utf8.RuneCountInString(w)
	limit := maxEdits(wn)
	type scored struct {
		e    dictEntry
		dist int
	}
	var found []scored
	for _, c := range cands {
		lc := strings.ToLower(c.term)
		if lc == w {
			continue
		}
		cn := utf8.RuneCountInString(lc)
		if wn >= minPrefixSuggest && strings.HasPrefix(lc, w) && cn-wn <= maxPrefixTail {
			found = append(found, scored{c, cn - wn})
			continue
		}
		if limit == 0 || abs(cn-wn) > limit {
			continue
		}
		if d := editDistance(w, lc, limit); d <= limit {
			found = append(found, scored{c, d})
		}
	}
	if len(found) == 0 {
		return dictEntry{}, false
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].e.count > found[j].e.count
	})
	return found[0].e, true
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), counted
// in runes; any value above limit is reported as limit+1.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

func firstLetter(s string) string {
	r, n := utf8.DecodeRuneInString(strings.ToLower(s))
	if r == utf8.RuneError {
		return ""
	}
	return strings.ToLower(s)[:n]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Suggest is IndexSearcher.Suggest on the current generation.
func (l *Live) Suggest(ctx context.Context, query string) (string, error) {
	g, err := l.acquire()
	if err != nil {
		return "", err
	}
	defer l.put(g)
	return g.searcher.Suggest(ctx, query)
}

// maxNameSuggestions is how many near names NearestNames offers.
const maxNameSuggestions = 5

// NearestNames looks name up among the values of a facet (FacetOrganizations,
// FacetPlaces, FacetPeople, FacetSources). exact is the indexed value equal
// to name ignoring case ("" when there is none); otherwise near lists up to
// five indexed values like it — a typing slip away, beginning with it, or
// containing it as a word — in the most documents first, so that a filter
// on a name nobody wrote can say so and offer the ones that exist.
func (s *IndexSearcher) NearestNames(facet, name string) (exact string, near []string, err error) {
	field, ok := map[string]string{FacetOrganizations: indexer.FieldOrg, FacetPlaces: indexer.FieldPlace, FacetPeople: indexer.FieldPerson, FacetSources: indexer.FieldSource}[facet]
	if !ok {
		return "", nil, fmt.Errorf("%w: unknown facet %q", ErrBadQuery, facet)
	}
	vals, err := s.dictEntries(field, "", 0)
	if err != nil {
		return "", nil, err
	}
	want := strings.ToLower(strings.TrimSpace(name))
	type scored struct {
		e    dictEntry
		dist int
	}
	var found []scored
	limit := maxEdits(utf8.RuneCountInString(want))
	for _, v := range vals {
		lv := strings.ToLower(v.term)
		if lv == want {
			return v.term, nil, nil
		}
		switch {
		case want != "" && wordPrefix(v.term, want):
			found = append(found, scored{v, 0})
		case want != "" && strings.Contains(lv, want):
			found = append(found, scored{v, 1})
		default:
			if d := editDistance(want, lv, max(limit, 1)); d <= max(limit, 1) {
				found = append(found, scored{v, d})
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].e.count > found[j].e.count
	})
	for i := 0; i < len(found) && i < maxNameSuggestions; i++ {
		near = append(near, found[i].e.term)
	}
	return "", near, nil
}
