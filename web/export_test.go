package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
)

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
		// A semicolon locale splits here, and the second piece is a formula.
		{"Quarterly report;=1+2+cmd|' /C calc'!A0", "Quarterly report;'=1+2+cmd|' /C calc'!A0"},
		{"KDDI, -SUM(A1)", "KDDI, '-SUM(A1)"},
		{"Seoul|@cmd", "Seoul|'@cmd"},
		{"a;b, c", "a;b, c"},
		{"総務省", "総務省"},
	}
	for _, tt := range tests {
		if got := csvSafe(tt.in); got != tt.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVCellsAreQuoted: every cell from an article is quoted, so a
// spreadsheet splitting on ';' keeps "a;=1" as one text cell.
func TestCSVCellsAreQuoted(t *testing.T) {
	var buf bytes.Buffer
	writeCSVRow(&buf, []string{"Quarterly report;=1", `say "hi"`, ""})
	if got, want := buf.String(), "\"Quarterly report;=1\",\"say \"\"hi\"\"\",\"\"\r\n"; got != want {
		t.Errorf("row %q, want %q", got, want)
	}
	srv := newTestServer(t, Options{})
	w := get(t, srv, "/export.csv?org=KDDI")
	if w.Code != http.StatusOK {
		t.Fatalf("export: %d", w.Code)
	}
	rows, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("export does not read back: %v %q", err, w.Body)
	}
	lines := strings.Split(w.Body.String(), "\r\n")
	if !strings.HasPrefix(lines[1], `"`+rows[1][0]+`","`) {
		t.Errorf("data row not quoted: %s", lines[1])
	}
}
