package indexer

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/policysearch/policysearch/corpus"
)

// BuildDocument returns the bleve document of doc: the fields, in the same
// order, with the same options, analyzers, values and array positions that
// bleve's mapping makes of ToIndexedWith(doc, aliases) under NewMapping, so
// a batch can take it with IndexAdvanced instead of walking ToIndexed's
// value by reflection for every document. TestBuildDocumentMatchesMapping
// indexes the demo articles both ways and compares every stored field and
// every field's terms and postings.
//
// Two fields take the same bytes where the mapping would copy a string
// twice (the body for body and phrases, the title for title, phrases and
// title_phrases): bleve copies a stored field's value before analyzing it,
// and the analyzers of the other fields only read theirs.
func BuildDocument(doc *corpus.Document, aliases AliasFunc) *document.Document {
	f := builtFields()
	d := document.NewDocument(doc.ID)
	// MapDocument excludes every field it adds from the composite _all field
	// (none includes itself in it), after "_id".
	excluded := make([]string, 0, 24)
	excluded = append(excluded, "_id")
	add := func(name string, positions []uint64, value []byte) {
		s := f.spec[name]
		d.AddField(document.NewTextFieldCustom(name, positions, value, s.options, s.analyzer))
		excluded = append(excluded, name)
	}
	addAll := func(name string, values []string) {
		for i, v := range values {
			add(name, []uint64{uint64(i)}, []byte(v))
		}
	}
	title, body := []byte(doc.Title), []byte(doc.Body())
	add(FieldTitle, []uint64{}, title)
	add(FieldBody, []uint64{}, body)
	add(FieldURL, []uint64{}, []byte(doc.URL))
	add(FieldSource, []uint64{}, []byte(SourceName(doc)))
	add(FieldLang, []uint64{}, []byte(doc.Lang))
	add(FieldFile, []uint64{}, []byte(doc.File))
	add(FieldHash, []uint64{}, []byte(doc.Hash))
	// The mapping ignores omitempty: a document without a date has an
	// empty day term, as it always had.
	add(FieldDay, []uint64{}, []byte(dayOf(doc)))
	addAll(FieldOrg, doc.Names(corpus.Organization))
	addAll(FieldPlace, doc.Names(corpus.Place))
	addAll(FieldPerson, doc.Names(corpus.Person))
	addAll(FieldAliases, aliasesOf(doc.Entities, aliases))
	add(FieldPhrases, []uint64{0}, title)
	add(FieldPhrases, []uint64{1}, body)
	add(FieldTitlePhrases, []uint64{}, title)
	add(FieldEntities, []uint64{}, entitiesJSON(doc))
	d.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, []string{}, excluded,
		index.IndexField|index.IncludeTermVectors))
	d.SetIndexed()
	return d
}

// fieldSpec is how the mapping indexes one field.
type fieldSpec struct {
	options  index.FieldIndexingOptions
	analyzer analysis.Analyzer
}

type fieldSpecs struct{ spec map[string]fieldSpec }

// builtFields reads each field's options and analyzer from NewMapping the
// way bleve's mapping resolves them (the field's analyzer, else the
// document mapping's, else the index's default).
var builtFields = sync.OnceValue(func() *fieldSpecs {
	im, ok := NewMapping().(*mapping.IndexMappingImpl)
	if !ok {
		panic("indexer: NewMapping is not a *mapping.IndexMappingImpl")
	}
	out := &fieldSpecs{spec: map[string]fieldSpec{}}
	for name, sub := range im.DefaultMapping.Properties {
		if len(sub.Fields) != 1 {
			panic(fmt.Sprintf("indexer: field %s has %d mappings, BuildDocument knows one", name, len(sub.Fields)))
		}
		fm := sub.Fields[0]
		an := fm.Analyzer
		if an == "" {
			an = im.DefaultMapping.DefaultAnalyzer
		}
		if an == "" {
			an = im.DefaultAnalyzer
		}
		a := im.AnalyzerNamed(an)
		if a == nil {
			panic(fmt.Sprintf("indexer: field %s: no analyzer %q", name, an))
		}
		out.spec[name] = fieldSpec{options: fm.Options(), analyzer: a}
	}
	return out
})

// dayOf is the publication day as the day field holds it: the calendar day
// as written, whatever the time's location (the contract is midnight UTC,
// and converting a midnight elsewhere to UTC would move it a day away from
// PublishedDay), or "" without a date.
func dayOf(doc *corpus.Document) string {
	if doc.Published.IsZero() {
		return ""
	}
	y, m, day := doc.Published.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// entitiesJSON is the stored entities_json value: the entities as JSON, []
// for none.
func entitiesJSON(doc *corpus.Document) []byte {
	ents := doc.Entities
	if ents == nil {
		ents = []corpus.Entity{}
	}
	b, err := json.Marshal(ents)
	if err != nil {
		// Entities are plain strings and ints; Marshal cannot fail on them.
		panic(fmt.Sprintf("indexer: marshal entities of %s: %v", doc.ID, err))
	}
	return b
}
