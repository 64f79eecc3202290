package opensearch

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

// textAnalyzer is the analyzer of the full-text fields, named as in bleve.
const textAnalyzer = indexer.TextAnalyzer

// fieldPublished is the publication day as a date: range filters, sorting
// and date_histogram. (The bleve index keeps only the day as a keyword and
// reads it into memory; OpenSearch's date type does that work here.)
const fieldPublished = "published"

// fieldID holds the document id as a keyword with doc values: the tie-break
// of every sort and the key search_after pages on (sorting on _id needs
// fielddata, which OpenSearch disables by default).
const fieldID = "id"

// Settings of a new index. Shards and replicas are fixed when it is created
// (a rebuild may change them); see docs/scale-out.md for sizing.
type IndexSettings struct {
	Shards   int
	Replicas int
}

// indexBody returns the settings and mappings of an index, kept close to
// the bleve mapping (indexer.NewMapping) so that both backends answer alike:
//   - title, body and aliases are text analysed as bleve's policy_text is:
//     the standard tokenizer (Unicode word breaks), CJK width folding,
//     English possessives, lower case, CJK bigrams for Han, Kana and Hangul,
//     the same English stop words as bleve, and the Snowball English stemmer;
//   - entity, source, language and date-bucket fields are keywords (doc
//     values are on by default), counted by terms aggregations;
//   - published is a date for range filters, sorting and date_histogram,
//     and day the same day as a keyword, as bleve has it;
//   - dynamic mapping is off: a field the indexer adds later stays in
//     _source without changing the mapping.
//
// The body keeps offsets in its postings so that the unified highlighter
// does not re-analyse long articles.
func indexBody(s IndexSettings) map[string]any {
	text := func(offsets bool) map[string]any {
		m := map[string]any{"type": "text", "analyzer": textAnalyzer}
		if offsets {
			m["index_options"] = "offsets"
		}
		return m
	}
	keyword := map[string]any{"type": "keyword"}
	stored := map[string]any{"type": "keyword", "index": false, "doc_values": false}
	props := map[string]any{
		fieldID:               keyword,
		indexer.FieldTitle:    text(false),
		indexer.FieldBody:     text(true),
		indexer.FieldAliases:  text(false),
		fieldPublished:        map[string]any{"type": "date", "format": "strict_date_optional_time"},
		indexer.FieldURL:      stored,
		indexer.FieldFile:     keyword,
		indexer.FieldHash:     keyword,
		indexer.FieldEntities: stored,
		indexer.FieldSource:   keyword,
		indexer.FieldLang:     keyword,
		indexer.FieldDay:      keyword,
		indexer.FieldOrg:      keyword,
		indexer.FieldPlace:    keyword,
		indexer.FieldPerson:   keyword,
	}
	return map[string]any{
		"settings": map[string]any{
			"number_of_shards":   s.Shards,
			"number_of_replicas": s.Replicas,
			// No refresh while a build writes; Build refreshes once at the end.
			"refresh_interval": "-1",
			"analysis": map[string]any{
				"filter": map[string]any{
					"policy_possessive": map[string]any{"type": "stemmer", "language": "possessive_english"},
					"policy_stop":       map[string]any{"type": "stop", "stopwords": englishStopWords()},
					"policy_stem":       map[string]any{"type": "snowball", "language": "English"},
				},
				"analyzer": map[string]any{
					textAnalyzer: map[string]any{
						"type":      "custom",
						"tokenizer": "standard",
						"filter":    []string{"cjk_width", "policy_possessive", "lowercase", "cjk_bigram", "policy_stop", "policy_stem"},
					},
				},
			},
		},
		"mappings": map[string]any{
			"dynamic":    false,
			"properties": props,
		},
	}
}

// englishStopWords is bleve's English stop list (Snowball's, 170-odd words),
// so that "about" is ignored by both backends; Lucene's own _english_ list
// has 33.
func englishStopWords() []string {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		// A constant of the bleve package: failing is a programming error.
		panic(fmt.Sprintf("opensearch: bleve's English stop words: %v", err))
	}
	out := make([]string, 0, len(tm))
	for w := range tm {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// source returns the _source of doc: the fields the bleve index holds
// (indexer.ToIndexedWith, so the two backends index the same values,
// aliases included) plus the id.
func source(doc *corpus.Document, aliases indexer.AliasFunc) (map[string]any, error) {
	b, err := json.Marshal(indexer.ToIndexedWith(doc, aliases))
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	m[fieldID] = doc.ID
	if !doc.Published.IsZero() {
		m[fieldPublished] = doc.PublishedDay()
	}
	// The adjacent-term pairs bleve indexes for two-word phrases would
	// double _source; OpenSearch answers phrases from positions.
	delete(m, indexer.FieldPhrases)
	return m, nil
}
