// Package indexer turns cleaned documents into a bleve index: the mapping
// (analyzers, keyword facet fields, date buckets), batched writes, and the
// generation directories with an atomic switch of the live one.
package indexer

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/policysearch/policysearch/corpus"
)

// Field names in the index. The search package builds its queries, facets
// and filters from these.
const (
	FieldTitle     = "title"
	FieldBody      = "body"
	FieldURL       = "url"
	FieldSource    = "source"
	FieldLang      = "lang"
	FieldFile      = "file"
	FieldHash      = "hash"
	FieldPublished = "published" // datetime: range filters and sorting
	FieldDay       = "day"       // keyword bucket 2023-05-31
	FieldMonth     = "month"     // keyword bucket 2023-05
	FieldYear      = "year"      // keyword bucket 2023
	FieldOrg       = "org"       // canonical names, keyword
	FieldPlace     = "place"
	FieldPerson    = "person"
	FieldAliases   = "aliases" // surface forms, analyzed, so a query for "MSIT" finds the ministry
	FieldEntities  = "entities_json"
)

// indexDoc is the shape written to bleve for one corpus.Document.
type indexDoc struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	URL       string   `json:"url"`
	Source    string   `json:"source"`
	Lang      string   `json:"lang"`
	File      string   `json:"file"`
	Hash      string   `json:"hash"`
	Published string   `json:"published,omitempty"`
	Day       string   `json:"day,omitempty"`
	Month     string   `json:"month,omitempty"`
	Year      string   `json:"year,omitempty"`
	Org       []string `json:"org"`
	Place     []string `json:"place"`
	Person    []string `json:"person"`
	Aliases   []string `json:"aliases"`
	Entities  string   `json:"entities_json"`
}

// NewMapping returns the index mapping every generation is built with.
func NewMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "standard"

	text := bleve.NewTextFieldMapping()
	text.Store = true
	text.IncludeTermVectors = true

	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = true
	keyword.DocValues = true

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = true

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitle, text)
	doc.AddFieldMappingsAt(FieldBody, text)
	doc.AddFieldMappingsAt(FieldAliases, text)
	for _, f := range []string{FieldURL, FieldSource, FieldLang, FieldFile, FieldHash, FieldDay, FieldMonth, FieldYear, FieldOrg, FieldPlace, FieldPerson} {
		doc.AddFieldMappingsAt(f, keyword)
	}
	doc.AddFieldMappingsAt(FieldPublished, date)
	doc.AddFieldMappingsAt(FieldEntities, stored)
	m.DefaultMapping = doc
	return m
}

var _ = corpus.Document{}
