package indexer

import (
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
