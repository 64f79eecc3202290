package search

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQueryLen is the longest query accepted, in characters.
const MaxQueryLen = 1000

// Fields a query term may name with field:value. An empty Field searches
// the title, the body and the entity aliases.
const (
	FieldAny    = ""
	FieldTitle  = "title"
	FieldBody   = "body"
	FieldOrg    = "org"
	FieldPlace  = "place"
	FieldPerson = "person"
	FieldSource = "source"
	FieldLang   = "lang"
)

var queryFields = []string{FieldTitle, FieldBody, FieldOrg, FieldPlace, FieldPerson, FieldSource, FieldLang}

func knownField(name string) bool {
	for _, f := range queryFields {
		if f == name {
			return true
		}
	}
	return false
}

// Term is one word or "quoted phrase", optionally limited to a field.
type Term struct {
	Field  string
	Text   string
	Phrase bool
	// Prefix marks the word (or the last word of a phrase) still being
	// typed: it also matches the words it begins. Only ParseQueryTyping
	// sets it.
	Prefix bool
}

func (t Term) String() string {
	s := t.Text
	if t.Prefix {
		s += "*"
	}
	if t.Phrase {
		s = strconv.Quote(t.Text)
		if t.Prefix {
			// A phrase still being typed: never closed.
			s = `"` + t.Text + "*"
		}
	}
	if t.Field != "" {
		s = t.Field + ":" + s
	}
	return s
}

// Clause is one condition of a query: a document matches it when it matches
// any of Any (terms joined by OR); Not inverts it.
type Clause struct {
	Not bool
	Any []Term
}

func (c Clause) String() string {
	parts := make([]string, len(c.Any))
	for i, t := range c.Any {
		parts[i] = t.String()
	}
	s := strings.Join(parts, " OR ")
	if c.Not {
		s = "-" + s
	}
	return s
}

// Query is a parsed query: a document matches when it satisfies every
// clause. A query without clauses matches every document.
type Query struct {
	Clauses []Clause
}

// String gives the query back in canonical syntax.
func (q *Query) String() string {
	parts := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		parts[i] = c.String()
	}
	return strings.Join(parts, " ")
}

// HasWords reports whether the query has a positive full-text term, i.e.
// whether snippets can show matches.
func (q *Query) HasWords() bool {
	for _, c := range q.Clauses {
		if c.Not {
			continue
		}
		for _, t := range c.Any {
			if t.Field == FieldAny || t.Field == FieldTitle || t.Field == FieldBody {
				return true
			}
		}
	}
	return false
}

// ParseQuery parses the query syntax of the search box:
//
//	open ran          both words (every word must match)
//	"Open RAN"        the phrase
//	+word             must match (the default; accepted for habit)
//	-word  -"phrase"  must not match
//	a OR b            either; OR binds tighter than the implicit AND
//	AND               accepted between terms, changes nothing
//	title:chips  org:KDDI  org:"Ministry of Science and ICT"
//	place:Japan  person:NAME  source:NAME  lang:ko  body:word
//
// Words search the title, the body and the names of the entities (so an
// acronym finds its organization); org:, place:, person:, source: and lang:
// match the canonical name exactly, ignoring case (org:, place: and person:
// fall back to the entities' other names when no canonical name matches). Errors wrap ErrBadQuery
// and say what is wrong and where.
func ParseQuery(s string) (*Query, error) {
	return parseQuery(s, false)
}

// ParseQueryTyping parses a query the way it reads while it is still being
// typed, for search-as-you-type: nothing half-written is an error. An
// unclosed quote is a phrase in progress, a dangling +, -, OR, AND or
// field: is ignored, an unknown field:value is a plain word, and the last
// word (when the text does not end in a space) is marked Prefix so that
// "semicond" already finds "semiconductors". Only limits (length, UTF-8)
// are errors. A submitted search uses ParseQuery, whose errors explain the
// syntax.
func ParseQueryTyping(s string) (*Query, error) {
	return parseQuery(s, true)
}

// minPrefixRunes is the shortest last word ParseQueryTyping marks as a
// prefix: one letter would begin too many words to mean anything.
const minPrefixRunes = 2

func parseQuery(s string, typing bool) (*Query, error) {
	if n := utf8.RuneCountInString(s); n > MaxQueryLen {
		return nil, fmt.Errorf("%w: query is %d characters long; the limit is %d", ErrBadQuery, n, MaxQueryLen)
	}
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("%w: query is not valid UTF-8", ErrBadQuery)
	}
	// Phones and word processors turn quotes curly; they mean a phrase too.
	s = smartQuotes.Replace(s)
	p := &parser{s: s, typing: typing}
	return p.parse()
}

var smartQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\uff02", `"`)

type parser struct {
	s      string
	pos    int  // byte offset
	typing bool // lenient: see ParseQueryTyping
}

// item is one lexical unit: an operator or a term with its prefix.
type item struct {
	op     string // "OR", "AND" or "" for a term
	prefix byte   // '+', '-' or 0
	term   Term
	at     int // character position, for messages
	end    int // byte offset just past the item
}

func (p *parser) errorf(at int, format string, args ...any) error {
	return fmt.Errorf("%w: %s (at character %d)", ErrBadQuery, fmt.Sprintf(format, args...), utf8.RuneCountInString(p.s[:at])+1)
}

func (p *parser) parse() (*Query, error) {
	items, err := p.lex()
	if err != nil {
		return nil, err
	}
	if p.typing {
		items = p.tidy(items)
	}
	q := &Query{}
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.op {
		case "AND":
			if i == 0 || i == len(items)-1 || items[i-1].op != "" || items[i+1].op != "" {
				return nil, p.errorf(it.at, "AND must stand between two terms")
			}
			continue
		case "OR":
			// Handled while collecting the terms around it.
			return nil, p.errorf(it.at, "OR must stand between two terms")
		}
		c := Clause{Not: it.prefix == '-', Any: []Term{it.term}}
		for i+1 < len(items) && items[i+1].op == "OR" {
			if i+2 >= len(items) || items[i+2].op != "" {
				return nil, p.errorf(items[i+1].at, "OR must stand between two terms")
			}
			next := items[i+2]
			if p.typing {
				// "-a OR b" half typed: the OR wins, the signs wait.
				c.Not, it.prefix, next.prefix = false, 0, 0
			}
			if it.prefix != 0 || next.prefix != 0 {
				return nil, p.errorf(items[i+1].at, "+ and - cannot be used on terms joined by OR")
			}
			c.Any = append(c.Any, next.term)
			i += 2
		}
		q.Clauses = append(q.Clauses, c)
	}
	return q, nil
}

func (p *parser) lex() ([]item, error) {
	var items []item
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			return items, nil
		}
		start := p.pos
		var prefix byte
		if c := p.s[p.pos]; c == '+' || c == '-' {
			prefix = c
			p.pos++
			if p.pos >= len(p.s) || isSpace(p.peekRune()) {
				if p.typing {
					continue // a sign typed before its word
				}
				return nil, p.errorf(start, "%q must be followed by a word or phrase", string(c))
			}
			if n := p.s[p.pos]; n == '+' || n == '-' {
				if p.typing {
					continue // "--word": the last sign counts
				}
				return nil, p.errorf(start, "%q cannot be followed by another + or -", string(c))
			}
		}
		term, err := p.term()
		if err != nil {
			return nil, err
		}
		if prefix == 0 && !term.Phrase && term.Field == "" && (term.Text == "OR" || term.Text == "AND") {
			items = append(items, item{op: term.Text, at: start, end: p.pos})
			continue
		}
		items = append(items, item{prefix: prefix, term: term, at: start, end: p.pos})
	}
}

// term reads field:value, "phrase" or word at p.pos.
func (p *parser) term() (Term, error) {
	start := p.pos
	var t Term
	if name, ok := p.fieldName(); ok {
		switch {
		case knownField(name):
			t.Field = name
			p.pos += len(name) + 1
			if p.pos >= len(p.s) || isSpace(p.peekRune()) {
				if p.typing {
					return Term{}, nil // "org:" before its value: dropped
				}
				return t, p.errorf(start, "%s: needs a value", name)
			}
		case !p.typing:
			return t, p.errorf(start, "unknown field %q; fields are %s", name, strings.Join(withColons(queryFields), " "))
		}
		// While typing, an unknown field:value is read as one plain word.
	}
	if p.s[p.pos] == '"' {
		open := p.pos
		end := strings.IndexByte(p.s[p.pos+1:], '"')
		if end < 0 && p.typing {
			// A phrase in progress: the rest of the text, its last word
			// still being typed.
			t.Text = strings.Join(strings.Fields(p.s[p.pos+1:]), " ")
			t.Phrase = true
			t.Prefix = t.Text != "" && !isSpace(lastRune(p.s))
			p.pos = len(p.s)
			return t, nil
		}
		if end < 0 {
			return t, p.errorf(open, "unbalanced quote: the phrase is never closed")
		}
		text := strings.TrimSpace(p.s[p.pos+1 : p.pos+1+end])
		p.pos += end + 2
		if text == "" {
			if p.typing {
				return Term{}, nil // `""` before its words: dropped
			}
			return t, p.errorf(open, "empty phrase")
		}
		t.Text = strings.Join(strings.Fields(text), " ")
		t.Phrase = true
		return t, nil
	}
	wstart := p.pos
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if isSpace(r) || r == '"' {
			break
		}
		p.pos += n
	}
	t.Text = p.s[wstart:p.pos]
	return t, nil
}

// fieldName returns the name before a colon at p.pos when the text looks
// like field:value. Letters only, so "10:30" stays a word, and a colon
// followed by a slash ("https://…") is not a field either.
func (p *parser) fieldName() (string, bool) {
	i := p.pos
	for i < len(p.s) && (p.s[i] >= 'a' && p.s[i] <= 'z' || p.s[i] >= 'A' && p.s[i] <= 'Z') {
		i++
	}
	if i == p.pos || i >= len(p.s) || p.s[i] != ':' {
		return "", false
	}
	if i+1 < len(p.s) && p.s[i+1] == '/' {
		return "", false
	}
	return strings.ToLower(p.s[p.pos:i]), true
}

// tidy makes a typed query well formed: it drops empty terms and every
// operator that does not stand between two terms, and marks the last word
// as a prefix when the text ends inside it.
func (p *parser) tidy(items []item) []item {
	var terms []item
	for _, it := range items {
		if it.op == "" && it.term.Text == "" {
			continue
		}
		terms = append(terms, it)
	}
	var out []item
	for i, it := range terms {
		if it.op != "" {
			// Keep an operator only after a term and before one; of
			// several in a row, only the last can qualify.
			if len(out) == 0 || out[len(out)-1].op != "" || i+1 >= len(terms) || terms[i+1].op != "" {
				continue
			}
		}
		out = append(out, it)
	}
	if n := len(out); n > 0 {
		last := &out[n-1]
		switch {
		case last.prefix == '-':
			// Excluding every word that begins with a half-typed one
			// would hide too much; it excludes the word as typed.
			last.term.Prefix = false
		case last.end == len(p.s) && !last.term.Phrase && prefixable(last.term):
			last.term.Prefix = true
		case last.term.Phrase && !prefixable(Term{Text: lastWord(last.term.Text)}):
			last.term.Prefix = false
		}
	}
	return out
}

// prefixable reports whether a word being typed may match as a prefix: it
// searches text (not an exact name), has a few letters, and is in a script
// the index splits into words (Hangul, Han and Kana are indexed as bigrams,
// which any two typed characters already match).
func prefixable(t Term) bool {
	if t.Field != FieldAny && t.Field != FieldTitle && t.Field != FieldBody {
		return false
	}
	if utf8.RuneCountInString(t.Text) < minPrefixRunes {
		return false
	}
	for _, r := range t.Text {
		if unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return false
		}
	}
	return true
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func (p *parser) skipSpace() {
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if !isSpace(r) {
			return
		}
		p.pos += n
	}
}

func (p *parser) peekRune() rune {
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	return r
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func withColons(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f + ":"
	}
	return out
}
