package search_test

import (
	"errors"
	"testing"

	"github.com/policysearch/policysearch/search"
)

func TestParseDay(t *testing.T) {
	tests := []struct {
		in   string
		end  bool
		want string // "" for no bound, "error" for ErrBadQuery
	}{
		{"", false, ""},
		{"2023-05-31", false, "2023-05-31"},
		{"2023-05-31", true, "2023-05-31"},
		{"2023-05", false, "2023-05-01"},
		{"2023-05", true, "2023-05-31"},
		{"2024-02", true, "2024-02-29"},
		{"2023", false, "2023-01-01"},
		{"2023", true, "2023-12-31"},
		{" 2023-05-31 ", false, "2023-05-31"},
		{"2023-02-30", false, "error"},
		{"31/05/2023", false, "error"},
		{"yesterday", true, "error"},
	}
	for _, tt := range tests {
		got, err := search.ParseDay(tt.in, tt.end)
		switch {
		case tt.want == "error":
			if !errors.Is(err, search.ErrBadQuery) {
				t.Errorf("ParseDay(%q, %v) error = %v, want ErrBadQuery", tt.in, tt.end, err)
			}
		case err != nil:
			t.Errorf("ParseDay(%q, %v): %v", tt.in, tt.end, err)
		case tt.want == "" && !got.IsZero():
			t.Errorf("ParseDay(%q, %v) = %v, want no bound", tt.in, tt.end, got)
		case tt.want != "" && got.Format("2006-01-02") != tt.want:
			t.Errorf("ParseDay(%q, %v) = %s, want %s", tt.in, tt.end, got.Format("2006-01-02"), tt.want)
		}
	}
}
