package cleaneval

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	got := Tokens("Open-RAN's 5G_test: 한국어 문장, Grüße!")
	want := []string{"open", "ran", "s", "5g_test", "한국어", "문장", "grüße"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tokens (-want +got):\n%s", diff)
	}
}

func TestShinglePR(t *testing.T) {
	const text = "one two three four five six seven eight"
	tests := []struct {
		name, want, got string
		p, r            float64
	}{
		{"same", text, text, 1, 1},
		{"half found", text, "one two three four five", 1, 2.0 / 5},
		{"extra text", "one two three four five", text, 2.0 / 5, 1},
		{"nothing extracted", text, "", 0, 0},
		{"disjoint", text, "alpha beta gamma delta epsilon", 0, 0},
		{"repeat counted as multiset", "a b c d", "a b c d a b c d", 1.0 / 5, 1},
	}
	for _, tt := range tests {
		p, r := ShinglePR(tt.want, tt.got)
		if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 {
			t.Errorf("%s: ShinglePR = %.3f, %.3f; want %.3f, %.3f", tt.name, p, r, tt.p, tt.r)
		}
	}
}

func TestNormDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022-01-26": "2022-01-26", "2022-01.26": "2022-01-26", "2022-11-1": "2022-11-01", "": "", "2022": "",
	} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestL3STruth(t *testing.T) {
	ann := `<html><head><style>.x-nc-sel2{}</style></head><body>
<span class="x-nc-sel0">Home | News</span>
<span class="x-nc-sel1">Rocket down Eagles</span>
<span class="x-nc-sel2">The Rockets won <b>easily</b> on Sunday.</span>
<span class="x-nc-sel3">Photo: AP</span>
<span class="x-nc-sel2">Fans cheered.</span></body></html>`
	body, title, err := l3sTruth([]byte(ann))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Rocket down Eagles" {
		t.Errorf("title = %q", title)
	}
	if got := Tokens(body); !cmp.Equal(got, Tokens("The Rockets won easily on Sunday. Fans cheered.")) {
		t.Errorf("body tokens = %v", got)
	}
}

func TestPartOf(t *testing.T) {
	// The same site lands in the same part whatever its spelling.
	for _, h := range []string{"example.com", "WWW.Example.com", "www.example.com:8080"} {
		if PartOf(h) != PartOf("example.com") {
			t.Errorf("PartOf(%q) = %s, want the part of example.com", h, PartOf(h))
		}
	}
	// About 70 % of many hosts are development.
	dev := 0
	const n = 5000
	for i := 0; i < n; i++ {
		if PartOf(fmt.Sprintf("site%d.example", i)) == Dev {
			dev++
		}
	}
	if share := float64(dev) / n; share < 0.66 || share > 0.74 {
		t.Errorf("development share = %.3f, want about 0.70", share)
	}
	pg := Page{Name: "a.html", URL: "https://www.News.example.org/2023/05/31/x"}
	if got := pg.Host(); got != "news.example.org" {
		t.Errorf("Host = %q, want news.example.org", got)
	}
	if got := (&Page{Name: "b.html"}).Host(); got != "b.html" {
		t.Errorf("Host without URL = %q, want the file name", got)
	}
}

func TestScoreAndStdErr(t *testing.T) {
	pages := []Page{
		{Name: "a", Title: "A title", Date: "2023-05-31", Body: "one two three four five"},
		{Name: "b", Title: "B title", Date: "2023-06-01", Body: "six seven eight nine ten"},
	}
	outs := []Outcome{
		Score(&pages[0], Extracted{Title: " A  title ", Date: "2023-05-31", Text: "one two three four five"}),
		Score(&pages[1], Extracted{Err: errors.New("failed")}),
	}
	r := Summarize("x", "all", outs)
	if r.TitleAcc() != 0.5 || r.DateAcc() != 0.5 || r.Errors != 1 || r.P != 0.5 || r.R != 0.5 {
		t.Errorf("report = title %.2f date %.2f errors %d P %.2f R %.2f", r.TitleAcc(), r.DateAcc(), r.Errors, r.P, r.R)
	}
	// Two pages, one right: the bootstrap error of the title accuracy is
	// near sqrt(.25/2) = .35; one page always right has none.
	if se := StdErr(r, Figures["title"], 400); se < 0.25 || se > 0.45 {
		t.Errorf("StdErr = %.3f, want about .35", se)
	}
	one := Summarize("x", "all", []Outcome{outs[0], outs[0]})
	if se := StdErr(one, Figures["title"], 100); se != 0 {
		t.Errorf("StdErr of a constant = %.3f, want 0", se)
	}
}
