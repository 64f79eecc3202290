// Package indexer turns cleaned documents into a bleve index: the mapping
// (analyzers, keyword facet fields, date buckets), batched writes, and the
// generation directories with an atomic switch of the live one.
package indexer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

// Field names in the index. The search package builds its queries, facets
// and filters from these.
const (
	FieldTitle        = "title"
	FieldBody         = "body"
	FieldURL          = "url"
	FieldSource       = "source"
	FieldLang         = "lang"
	FieldFile         = "file"
	FieldHash         = "hash"
	FieldDay          = "day" // keyword 2023-05-31: date filters, sorts and the histogram (search reads it into memory)
	FieldOrg          = "org" // canonical names, keyword
	FieldPlace        = "place"
	FieldPerson       = "person"
	FieldAliases      = "aliases"       // surface forms, analyzed, so a query for "MSIT" finds the ministry
	FieldPhrases      = "phrases"       // adjacent term pairs of title and body (PhraseAnalyzer)
	FieldTitlePhrases = "title_phrases" // adjacent term pairs of the title alone
	FieldAliasPhrases = "alias_phrases" // adjacent term pairs of each alias
	FieldEntities     = "entities_json"
)

// indexDoc is the shape written to bleve for one corpus.Document.
type indexDoc struct {
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	URL          string   `json:"url"`
	Source       string   `json:"source"`
	Lang         string   `json:"lang"`
	File         string   `json:"file"`
	Hash         string   `json:"hash"`
	Day          string   `json:"day,omitempty"`
	Org          []string `json:"org"`
	Place        []string `json:"place"`
	Person       []string `json:"person"`
	Aliases      []string `json:"aliases"`
	Phrases      []string `json:"phrases"`
	TitlePhrases string   `json:"title_phrases"`
	AliasPhrases []string `json:"alias_phrases"`
	Entities     string   `json:"entities_json"`
}

// NewMapping returns the index mapping every generation is built with.
//
// Full-text fields (title, body, aliases) use TextAnalyzer and keep term
// vectors: phrase queries need the positions (every CJK word is a phrase of
// bigrams) and snippets need the offsets. Title and body are stored because
// snippets and /api/documents are built from the stored text. The phrases
// field holds adjacent term pairs (PhraseAnalyzer) for two-word phrases.
// Facet fields and the publication day are stored keywords without doc
// values: search reads their postings into per-document ordinals once per
// generation and filters, sorts and counts from those, so neither a
// datetime field nor month and year buckets are needed any more.
func NewMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(TextAnalyzer, textAnalyzerConfig()); err != nil {
		// The configuration is a constant of this package: failing here is a
		// programming error that every test would show.
		panic(fmt.Sprintf("indexer: text analyzer: %v", err))
	}
	if err := m.AddCustomAnalyzer(PhraseAnalyzer, phraseAnalyzerConfig()); err != nil {
		panic(fmt.Sprintf("indexer: phrase analyzer: %v", err))
	}
	m.DefaultAnalyzer = TextAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = TextAnalyzer
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		return f
	}
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		// No doc values: search reads the facet fields' postings into
		// memory once per generation (search/ordinals.go), never doc values.
		f.DocValues = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitle, text(true))
	doc.AddFieldMappingsAt(FieldBody, text(true))
	doc.AddFieldMappingsAt(FieldAliases, text(false))
	// Pairs need neither positions nor offsets: one term is the phrase.
	phrases := bleve.NewTextFieldMapping()
	phrases.Analyzer = PhraseAnalyzer
	phrases.Store = false
	phrases.IncludeTermVectors = false
	phrases.IncludeInAll = false
	phrases.DocValues = false
	doc.AddFieldMappingsAt(FieldPhrases, phrases)
	doc.AddFieldMappingsAt(FieldTitlePhrases, phrases)
	doc.AddFieldMappingsAt(FieldAliasPhrases, phrases)
	for _, f := range []string{FieldSource, FieldLang, FieldDay, FieldOrg, FieldPlace, FieldPerson} {
		doc.AddFieldMappingsAt(f, keyword(true))
	}
	// Read from the stored document only (a hit's link, a build's hashes),
	// never searched: indexing them put three unique terms per document in
	// the dictionaries that every segment build and merge writes.
	for _, f := range []string{FieldURL, FieldFile, FieldHash, FieldEntities} {
		doc.AddFieldMappingsAt(f, stored)
	}
	m.DefaultMapping = doc
	return m
}

// AliasFunc returns the known names of a canonical entity; entities.Aliases
// is the one builds use.
type AliasFunc func(kind corpus.EntityKind, canonical string) []string

// ToIndexed returns the value bleve indexes for doc under NewMapping, with
// the gazetteer's aliases of its entities.
func ToIndexed(doc *corpus.Document) any {
	return ToIndexedWith(doc, entities.Aliases)
}

// ToIndexedWith is ToIndexed with another source of aliases (nil: only the
// canonical names and the article's own surface forms), so that tests can
// pin down what a query matches whatever the gazetteer holds.
func ToIndexedWith(doc *corpus.Document, aliases AliasFunc) any {
	d := &indexDoc{
		Title:  doc.Title,
		Body:   doc.Body(),
		URL:    doc.URL,
		Source: SourceName(doc),
		Lang:   doc.Lang,
		File:   doc.File,
		Hash:   doc.Hash,
		Org:    nonNil(doc.Names(corpus.Organization)),
		Place:  nonNil(doc.Names(corpus.Place)),
		Person: nonNil(doc.Names(corpus.Person)),
	}
	if !doc.Published.IsZero() {
		// The calendar day as written, whatever the time's location: the
		// contract is midnight UTC, and converting a midnight elsewhere to
		// UTC would move the buckets a day away from PublishedDay.
		y, m, day := doc.Published.Date()
		p := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		d.Day = p.Format("2006-01-02")
	}
	d.Aliases = aliasesOf(doc.Entities, aliases)
	d.Phrases = []string{d.Title, d.Body}
	d.TitlePhrases = d.Title
	// Each alias paired on its own: a two-word phrase is one term there
	// too, where a positional search of the aliases cost 10–15 ms for a
	// phrase that names an organization of thousands of articles.
	d.AliasPhrases = d.Aliases
	ents := doc.Entities
	if ents == nil {
		ents = []corpus.Entity{}
	}
	b, err := json.Marshal(ents)
	if err != nil {
		// Entities are plain strings and ints; Marshal cannot fail on them.
		panic(fmt.Sprintf("indexer: marshal entities of %s: %v", doc.ID, err))
	}
	d.Entities = string(b)
	return d
}

// Writer is what IndexDocument writes to: a *bleve.Batch or a bleve.Index.
type Writer interface {
	Index(id string, data interface{}) error
}

// IndexDocument adds doc to w under its ID in the shape NewMapping expects.
func IndexDocument(w Writer, doc *corpus.Document) error {
	if doc.ID == "" {
		return fmt.Errorf("index document %q: empty id", doc.File)
	}
	if err := w.Index(doc.ID, ToIndexed(doc)); err != nil {
		return fmt.Errorf("index document %s (%s): %w", doc.ID, doc.File, err)
	}
	return nil
}

// aliasesOf lists every name a query may use for the document's entities:
// the canonical name, the gazetteer's aliases (acronyms, Korean and Japanese
// names) and the surface forms the article itself used. Searching them as
// text lets "MSIT" or "과기정통부" find the Ministry of Science and ICT even in
// an article that spells it out in English only.
func aliasesOf(ents []corpus.Entity, aliases AliasFunc) []string {
	seen := make(map[string]bool)
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, e := range ents {
		add(e.Name)
		if aliases != nil {
			for _, a := range aliases(e.Kind, e.Name) {
				add(a)
			}
		}
		for _, m := range e.Mentions {
			add(m)
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// FromStored rebuilds a corpus.Document from the stored fields of one hit
// (a bleve search with Fields ["*"]). Paragraphs come from the stored body,
// which joins them with blank lines.
func FromStored(id string, fields map[string]interface{}) (*corpus.Document, error) {
	doc := &corpus.Document{
		ID:     id,
		Title:  storedString(fields[FieldTitle]),
		URL:    storedString(fields[FieldURL]),
		Source: storedString(fields[FieldSource]),
		Lang:   storedString(fields[FieldLang]),
		File:   storedString(fields[FieldFile]),
		Hash:   storedString(fields[FieldHash]),
	}
	if day := storedString(fields[FieldDay]); day != "" {
		t, err := time.Parse(corpus.DateLayout, day)
		if err != nil {
			return nil, fmt.Errorf("stored document %s: day %q: %w", id, day, err)
		}
		doc.Published = t
	}
	if body := storedString(fields[FieldBody]); body != "" {
		doc.Paragraphs = strings.Split(body, "\n\n")
	}
	if ej := storedString(fields[FieldEntities]); ej != "" {
		if err := json.Unmarshal([]byte(ej), &doc.Entities); err != nil {
			return nil, fmt.Errorf("stored document %s: entities: %w", id, err)
		}
	}
	return doc, nil
}

// StoredStrings returns a stored field's values: bleve gives a single value
// as a string and several as a slice.
func StoredStrings(v interface{}) []string {
	switch x := v.(type) {
	case nil:
		return []string{}
	case string:
		return []string{x}
	case []interface{}:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	}
	return []string{}
}

func storedString(v interface{}) string {
	s := StoredStrings(v)
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
