package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/search"
)

// TestSuggest: "did you mean" offers the index's own names and words for
// words it has never seen, and nothing for a query it knows.
func TestSuggest(t *testing.T) {
	s, _ := newTestSearcher(t)
	tests := []struct{ query, want string }{
		{"KDD", "KDDI"},          // a name the word begins
		{"softbnak", "SoftBank"}, // two letters swapped
		{"Samsnug", "Samsung"},   // a word of the articles, no name: as written
		{"org:kdd", "org:KDDI"},  // a field keeps its name
		{"-kdd chips", "-KDDI chips"},
		{"chipmakng", "chipmaking"}, // stemmed in the index, offered as written
		{"KDDI", ""},                // known: nothing to offer
		{"open ran", ""},
		{"xqzvw", ""}, // nothing near
		{"ab", ""},    // too short to correct
		{"Jpan export", "Japan export"},
	}
	for _, tt := range tests {
		got, err := s.Suggest(context.Background(), tt.query)
		if err != nil {
			t.Errorf("Suggest(%q): %v", tt.query, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestNearestNames(t *testing.T) {
	s, _ := newTestSearcher(t)
	tests := []struct {
		facet, name, exact string
		near               []string
	}{
		{search.FacetOrganizations, "KDDI", "KDDI", nil},
		{search.FacetOrganizations, "kddi", "KDDI", nil},
		{search.FacetOrganizations, "KDD", "", []string{"KDDI"}},
		{search.FacetOrganizations, "Softbnak", "", []string{"SoftBank"}},
		{search.FacetOrganizations, "ministry", "", []string{"Ministry of Science and ICT", "Ministry of Economy, Trade and Industry", "Ministry of Internal Affairs and Communications"}},
		{search.FacetOrganizations, "Zzyzx Holdings", "", nil},
		{search.FacetPlaces, "japn", "", []string{"Japan"}},
	}
	for _, tt := range tests {
		exact, near, err := s.NearestNames(tt.facet, tt.name)
		if err != nil {
			t.Errorf("NearestNames(%s, %q): %v", tt.facet, tt.name, err)
			continue
		}
		if exact != tt.exact || strings.Join(near, "|") != strings.Join(tt.near, "|") {
			t.Errorf("NearestNames(%s, %q) = %q, %q; want %q, %q", tt.facet, tt.name, exact, near, tt.exact, tt.near)
		}
	}
}
