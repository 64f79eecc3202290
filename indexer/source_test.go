package indexer

import (
	"testing"

	"github.com/policysearch/policysearch/corpus"
)

func TestSourceName(t *testing.T) {
	tests := []struct{ source, url, want string }{
		{"The Daily Ledger", "https://dailyledger.example/x", "The Daily Ledger"},
		{"  ", "https://www.Example.org/news/1", "example.org"},
		{"", "http://news.example.kr:8080/a", "news.example.kr"},
		{"", "", UnknownSource},
		{"", "not a url", UnknownSource},
		{"", "javascript:alert(1)", UnknownSource},
	}
	for _, tt := range tests {
		if got := SourceName(&corpus.Document{Source: tt.source, URL: tt.url}); got != tt.want {
			t.Errorf("SourceName(%q, %q) = %q, want %q", tt.source, tt.url, got, tt.want)
		}
	}
}
