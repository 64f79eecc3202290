package clean

import (
	"os"
	"path/filepath"
	"testing"
	"time"
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
