package corpus

import "testing"

// TestWrittenName is the table of the renamedOrganization rule.
func TestWrittenName(t *testing.T) {
	const fcdo = "Foreign, Commonwealth and Development Office"
	tests := []struct {
		name string
		e    Entity
		want string
	}{
		{"the old full name", Entity{Kind: Organization, Name: fcdo, Mentions: []string{"FCO", "Foreign and Commonwealth Office"}}, "Foreign and Commonwealth Office"},
		{"an acronym alone", Entity{Kind: Organization, Name: fcdo, Mentions: []string{"FCO"}}, "FCO"},
		{"the canonical name written too", Entity{Kind: Organization, Name: fcdo, Mentions: []string{"FCO", fcdo}}, ""},
		{"the canonical name in other case", Entity{Kind: Organization, Name: "KDDI", Mentions: []string{"au", " kddi "}}, ""},
		{"a brand", Entity{Kind: Organization, Name: "KDDI", Mentions: []string{"au"}}, "au"},
		{"a translation is not a rename", Entity{Kind: Organization, Name: "Ministry of Science and ICT", Mentions: []string{"과학기술정보통신부"}}, ""},
		{"same script beside a translation", Entity{Kind: Organization, Name: "Ministry of Science and ICT", Mentions: []string{"과학기술정보통신부", "MSIT"}}, "MSIT"},
		{"a tie: the first", Entity{Kind: Organization, Name: "Ofcom", Mentions: []string{"OFCOX", "OFCOY"}}, "OFCOX"},
		{"no mentions", Entity{Kind: Organization, Name: fcdo}, ""},
		{"a place", Entity{Kind: Place, Name: "South Korea", Mentions: []string{"Korean"}}, ""},
		{"a person", Entity{Kind: Person, Name: "Moon Jae-in", Mentions: []string{"Moon"}}, ""},
	}
	for _, tt := range tests {
		if got := tt.e.WrittenName(); got != tt.want {
			t.Errorf("%s: WrittenName() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWrittenNames: an organization listed twice is judged on all its
// mentions; places are left out.
func TestWrittenNames(t *testing.T) {
	got := WrittenNames([]Entity{
		{Kind: Organization, Name: "KDDI", Mentions: []string{"au"}},
		{Kind: Organization, Name: "KDDI", Mentions: []string{"KDDI"}},
		{Kind: Organization, Name: "Foreign, Commonwealth and Development Office", Mentions: []string{"FCO"}},
		{Kind: Organization, Name: "Foreign, Commonwealth and Development Office", Mentions: []string{"Foreign and Commonwealth Office"}},
		{Kind: Place, Name: "South Korea", Mentions: []string{"Korea Republic"}},
	})
	want := map[string]string{"Foreign, Commonwealth and Development Office": "Foreign and Commonwealth Office"}
	if len(got) != len(want) || got["Foreign, Commonwealth and Development Office"] != want["Foreign, Commonwealth and Development Office"] {
		t.Errorf("WrittenNames = %v, want %v", got, want)
	}
	if WrittenNames(nil) != nil {
		t.Error("WrittenNames(nil) is not nil")
	}
}
