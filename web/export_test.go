package web

import "testing"

// TestCSVSafe: a cell that a spreadsheet would run as a formula is turned
// into text; anything else is left as it is.
func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"KDDI extends Open RAN trial", "KDDI extends Open RAN trial"},
		{`=HYPERLINK("http://evil.example","click")`, `'=HYPERLINK("http://evil.example","click")`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		// A tab or CR starts a cell too, and what follows it is defused.
		{"\t=1", "'\t'=1"},
		{"\r=1", "'\r'=1"},
		{"a=1", "a=1"},
		{"総務省", "総務省"},
	}
	for _, tt := range tests {
		if got := csvSafe(tt.in); got != tt.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
