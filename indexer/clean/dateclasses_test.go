package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestDateFailureClasses reads one page we wrote for each class of date
// failure fixed in the second pass of issue 14 (testdata/date/): the page
// must get its day with the rules in use, and must not with the rule of
// its class turned off (each page failed before its rule).
func TestDateFailureClasses(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		file, want string
		off        func(r *dateRuleSet)
	}{
		{"glued_dateline.html", "2022-01-27", func(r *dateRuleSet) { r.SpacedText = false }},
		{"nbsp_dateline.html", "2021-11-11", func(r *dateRuleSet) { r.PlainSpaces = false }},
		{"label_in_sentence.html", "2020-01-13", func(r *dateRuleSet) { r.LabelMaxLead = -1 }},
		{"short_byline.html", "2023-10-31", func(r *dateRuleSet) { r.ShortAfterHeadline = false }},
		{"embedded_post.html", "2018-05-23", func(r *dateRuleSet) { r.QuoteIsOther = false }},
		{"opinion_header.html", "2019-01-29", func(r *dateRuleSet) { r.PublishClassIsOwn = false }},
		{"opinion_header.html", "2019-01-29", func(r *dateRuleSet) { r.HeadlineIsOwn = false }},
		{"forum_thread.html", "2019-09-28", func(r *dateRuleSet) { r.OtherAsLastResort = false }},
	}
	day := func(raw []byte) (string, DateExplanation) {
		gq, err := parse(decode(raw, ""))
		if err != nil {
			t.Fatal(err)
		}
		p := newPage(gq, Options{}, now, nil)
		d := p.dateEvidence().decide(p)
		return dayOf(d.day), d.explain()
	}
	for _, tt := range tests {
		raw, err := os.ReadFile(filepath.Join("testdata", "date", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if got, ex := day(raw); got != tt.want {
			t.Errorf("%s: published = %q, want %q\n%+v", tt.file, got, tt.want, ex)
		}
		saved := dateRules
		tt.off(&dateRules)
		if got, ex := day(raw); got == tt.want {
			t.Logf("%+v", ex)
			t.Errorf("%s: with its rule off the page still gets %s: the page does not test the rule", tt.file, got)
		}
		dateRules = saved
	}
}

// The rules of the second pass, each alone on a few lines of markup or
// text.

func TestLabelLeads(t *testing.T) {
	tests := []struct {
		ctx, label string
		chunkStart int
		want       bool
	}{
		{"Published on", "Published", 0, true},
		{"By Ann Lee, published on", "published", 0, true},
		{"News | Posted", "Posted", 0, true},
		{"Version 3 of the language was released on", "released", 0, false},
		{"Python 3.0 was released on", "released", 0, false},
		{"A long line of the previous chunk Erstellt am:", "Erstellt", 34, true}, // a chunk starts a line
	}
	for _, tt := range tests {
		lead := tt.ctx[:strings.Index(tt.ctx, tt.label)]
		if got := labelLeads(lead, tt.chunkStart); got != tt.want {
			t.Errorf("labelLeads(%q) = %v, want %v", lead, got, tt.want)
		}
	}
}

func TestPlainSpacesAndDateText(t *testing.T) {
	if got := plainSpaces("11. November\u00a02021\u202f"); got != "11. November 2021 " {
		t.Errorf("plainSpaces = %q", got)
	}
	if s := "plain text"; plainSpaces(s) != s {
		t.Errorf("plainSpaces changed plain text")
	}
	gq, err := parse(`<html><body><div id="d"><span>27.01.2022</span><span>12:44</span><script>x()</script></div></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	n := gq.Find("#d").Nodes[0]
	if got := dateText(n); got != "27.01.2022 12:44" {
		t.Errorf("dateText = %q, want the spans' texts apart", got)
	}
}

func TestOtherThingRules(t *testing.T) {
	tests := []struct {
		name, body, sel string
		want            bool
	}{
		{"a quote is another thing's", `<blockquote><p>x</p><time id="t">1 May 2020</time></blockquote>`, "#t", true},
		{"a comment list is", `<ol class="comment-list"><li><span id="t">1 May 2020</span></li></ol>`, "#t", true},
		{"a publication date classed like a comment header is not",
			`<div class="HeaderComment_publishDate" id="t">1 May 2020</div>`, "#t", false},
		{"a header classed comment that holds the headline is not",
			`<div class="ArticleHeaderComment"><h1>Head</h1><span id="t">1 May 2020</span></div>`, "#t", false},
	}
	for _, tt := range tests {
		gq, err := parse("<html><body>" + tt.body + "</body></html>")
		if err != nil {
			t.Fatal(err)
		}
		var h1 *html.Node
		if h := gq.Find("h1"); h.Length() > 0 {
			h1 = h.Nodes[0]
		}
		if got := otherThing(gq.Find(tt.sel).Nodes[0], h1); got != tt.want {
			t.Errorf("%s: otherThing = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestShortDateAfterHeadline(t *testing.T) {
	chunks := []textChunk{{s: "Von: Jan Berger | 31.10.23"}, {s: "Am 30. Oktober 2023 tauchte ein Video auf."}}
	_, after := aroundHeadline(chunks, 0, stepOK, true)
	if got := dayOf(after.t); got != "2023-10-31" {
		t.Errorf("after the headline = %q, want the byline's 2023-10-31", got)
	}
}

func TestOtherThingsDate(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	p := datePage(t, ``, `<p>Kein Datum hier.</p><div class="comments"><div class="comment"><span>28.09.19</span> <span>12:44</span> Hallo</div></div>`, now)
	if got := dayOf(p.otherThingsDate(stepOK).t); got != "2019-09-28" {
		t.Errorf("otherThingsDate = %q, want the first post's 2019-09-28", got)
	}
	p = datePage(t, ``, `<p>Kein Datum hier.</p>`, now)
	if got := dayOf(p.otherThingsDate(stepOK).t); got != "" {
		t.Errorf("otherThingsDate = %q without other things", got)
	}
}

func TestDotSpaceDigit(t *testing.T) {
	for s, want := range map[string]bool{
		"입력 2023. 5. 31.": true, "The end. 5 people came": false, "In 2023. Then": false, "a. b. c.": false, "2023. ": false,
	} {
		if got := dotSpaceDigit(s); got != want {
			t.Errorf("dotSpaceDigit(%q) = %v, want %v", s, got, want)
		}
	}
}
