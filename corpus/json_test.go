package corpus

import (
	"encoding/json"
	"testing"
	"time"
)

// TestDocumentJSON pins the one JSON shape of a document: every list is []
// (entity mentions included), never null, and the day is YYYY-MM-DD.
func TestDocumentJSON(t *testing.T) {
	d := &Document{ID: "abc", File: "a.html", Title: "T", Published: time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"one", "two"}, Entities: []Entity{{Kind: Organization, Name: "KDDI"}}}
	b, err := json.Marshal(d.JSON())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"abc","file":"a.html","url":"","title":"T","published":"2023-05-31","source":"","lang":"","body":"one\n\ntwo","organizations":["KDDI"],"places":[],"people":[],"entities":[{"type":"org","name":"KDDI","mentions":[]}]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	empty, err := json.Marshal((&Document{}).JSON())
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"file":"","url":"","title":"","published":"","source":"","lang":"","body":"","organizations":[],"places":[],"people":[],"entities":[]}`; string(empty) != want {
		t.Errorf("empty document JSON\n got %s\nwant %s", empty, want)
	}
}
