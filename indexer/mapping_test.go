package indexer

import (
	index "github.com/blevesearch/bleve_index_api"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
)

// TestDateBucketsFollowPublishedDay: the indexed day is the calendar day
// PublishedDay prints, even for a time that is not at midnight UTC.
func TestDateBucketsFollowPublishedDay(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	tests := []struct {
		published time.Time
		day       string
	}{
		{time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC), "2023-05-31"},
		{time.Date(2023, 6, 1, 0, 0, 0, 0, seoul), "2023-06-01"},
		{time.Date(2024, 1, 1, 8, 0, 0, 0, seoul), "2024-01-01"},
	}
	for _, tt := range tests {
		doc := &corpus.Document{ID: "x", Published: tt.published}
		got := ToIndexedWith(doc, nil).(*indexDoc)
		if doc.PublishedDay() != tt.day || got.Day != tt.day {
			t.Errorf("%v: PublishedDay %s, indexed day %s; want both %s",
				tt.published, doc.PublishedDay(), got.Day, tt.day)
		}
	}
}

// TestStoredOnlyFields: the fields nothing searches (url, file, hash, the
// entities' JSON) are stored for reading back but put no term in the index,
// where a unique term per document made every segment build and merge
// write three more dictionary entries per document.
func TestStoredOnlyFields(t *testing.T) {
	doc := &corpus.Document{ID: "d1", Title: "Ports", File: "a/b.html", URL: "https://example.org/ports", Hash: "abc123",
		Paragraphs: []string{"The ports reopened."}}
	idx, err := NewMemIndexWith([]*corpus.Document{doc}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for _, f := range []string{FieldURL, FieldFile, FieldHash, FieldEntities} {
		dict, err := idx.FieldDict(f)
		if err != nil {
			t.Fatal(err)
		}
		if e, err := dict.Next(); err != nil || e != nil {
			t.Errorf("field %s: indexed term %v (err %v), want none", f, e, err)
		}
		dict.Close()
	}
	stored, err := idx.Document("d1")
	if err != nil || stored == nil {
		t.Fatalf("stored document: %v", err)
	}
	got := map[string]string{}
	stored.VisitFields(func(f index.Field) { got[f.Name()] = string(f.Value()) })
	for f, want := range map[string]string{FieldURL: doc.URL, FieldFile: doc.File, FieldHash: doc.Hash} {
		if got[f] != want {
			t.Errorf("stored %s = %q, want %q", f, got[f], want)
		}
	}
}
