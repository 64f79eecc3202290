package clean

import (
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The pages below are ours: each table pins one candidate step of
// dateEvidence or textDate, with a case where it finds a date and one
// where it must not.

var stepNow = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func stepOK(t time.Time) bool { return !t.IsZero() && plausible(t, stepNow) }

func stepOKMeta(t time.Time) bool { return !t.IsZero() && plausibleMeta(t, stepNow) }

// TestDateCandidateSteps runs each source's step on a page written for it.
func TestDateCandidateSteps(t *testing.T) {
	tests := []struct {
		name, head, body string
		step             func(p *page) found
		want             string
	}{
		{"url: the canonical URL's day",
			`<link rel="canonical" href="https://quay.example/2023/04/12/ferry-fares">`, ``,
			func(p *page) found { return p.urlDate(stepOK) }, "2023-04-12"},
		{"url: a month is not a day",
			`<link rel="canonical" href="https://quay.example/2023/04/ferry-fares">`, ``,
			func(p *page) found { return p.urlDate(stepOK) }, ""},
		{"meta: the most specific name first",
			`<meta name="pubdate" content="2023-04-10"><meta property="article:published_time" content="2023-04-12T08:00:00+02:00">`, ``,
			func(p *page) found { return p.metaDate(stepOKMeta, p.zone()) }, "2023-04-12"},
		{"meta: an unreadable tag gives way to the next",
			`<meta property="article:published_time" content="soon"><meta name="pubdate" content="2023-04-10">`, ``,
			func(p *page) found { return p.metaDate(stepOKMeta, p.zone()) }, "2023-04-10"},
		{"meta: a modification date is not a publication",
			`<meta property="article:modified_time" content="2023-04-10">`, ``,
			func(p *page) found { return p.metaDate(stepOKMeta, p.zone()) }, ""},
		{"meta: an old newswire's day is believed",
			`<meta property="article:published_time" content="1987-10-19">`, ``,
			func(p *page) found { return p.metaDate(stepOKMeta, p.zone()) }, "1987-10-19"},
		{"json-ld: the article's datePublished",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-04-12"}</script>`, ``,
			func(p *page) found { return p.ldDate(stepOKMeta, p.zone()) }, "2023-04-12"},
		{"json-ld: a date in the future is not believed",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-01-01"}</script>`, ``,
			func(p *page) found { return p.ldDate(stepOKMeta, p.zone()) }, ""},
		{"script: a client-rendered page's state",
			`<script>window.__STATE__={"story":{"publishedAt":"2023-04-12T09:30:00Z"}}</script>`, ``,
			func(p *page) found { return p.scriptJSONDate(stepOKMeta, p.zone()) }, "2023-04-12"},
		{"script: Unix seconds under a publication key",
			`<script>window.__STATE__={"story":{"publishedAt":1681292400,"views":12}}</script>`, ``,
			func(p *page) found { return p.scriptJSONDate(stepOKMeta, p.zone()) }, "2023-04-12"},
		{"script: Unix milliseconds",
			`<script>window.__STATE__={"story":{"first_published_at":"1681292400123"}}</script>`, ``,
			func(p *page) found { return p.scriptJSONDate(stepOKMeta, p.zone()) }, "2023-04-12"},
		{"script: a count under another key is no date",
			`<script>window.__STATE__={"story":{"viewCount":1681292400,"publishedAt":null}}</script>`, ``,
			func(p *page) found { return p.scriptJSONDate(stepOKMeta, p.zone()) }, ""},
		{"script: no date key",
			`<script>window.__STATE__={"story":{"views":"2023-04-12"}}</script>`, ``,
			func(p *page) found { return p.scriptJSONDate(stepOKMeta, p.zone()) }, ""},
	}
	for _, tt := range tests {
		p := datePage(t, tt.head, tt.body, stepNow)
		if got := dayOf(tt.step(p).t); got != tt.want {
			t.Errorf("%s: %s, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWrittenDateSteps runs each step of textDate on a body written for
// it (datePage puts the headline <h1>T</h1> first in the body).
func TestWrittenDateSteps(t *testing.T) {
	classed := func(p *page) found {
		return firstDateIn(p.dateClassedChunks(p.h1s[0]), stepOK, true, true, "date-classed element")
	}
	after := func(p *page) found {
		chunks, at := p.textChunks(p.h1s[0])
		_, a := aroundHeadline(chunks, at, stepOK, true)
		return a
	}
	label := func(p *page) found {
		chunks, _ := p.textChunks(p.h1s[0])
		return labelledChunk(chunks, stepOK, true)
	}
	loose := func(p *page) found {
		chunks, _ := p.textChunks(p.h1s[0])
		return looseDate(chunks, stepOK, true)
	}
	tests := []struct {
		name, body string
		step       func(p *page) found
		want       string
	}{
		{"classed: a byline element", `<div class="post-date">12.04.23</div><p>Text.</p>`, classed, "2023-04-12"},
		{"classed: an update label is passed over", `<div class="date-updated">12 April 2023</div>`, classed, ""},
		{"classed: related stories are another page's", `<div class="related"><span class="date">12 April 2023</span></div>`, classed, ""},
		{"after: the byline below the headline", `<p>By A. Writer</p><p>12 April 2023</p><p>Text.</p>`, after, "2023-04-12"},
		{"after: a date in a footer is not read", `<footer>12 April 2023</footer>`, after, ""},
		{"label: after a publication label", `<p>Text of the story.</p><p>Published on 12 April 2023</p>`, label, "2023-04-12"},
		{"label: none", `<p>The vote on 12 April 2023 was close.</p>`, label, ""},
		{"loose: even a revision's date, the first of its line", `<p>Updated 11 April 2023, then 12 April 2023</p>`, loose, "2023-04-11"},
		{"loose: nothing dated", `<p>No day here.</p>`, loose, ""},
	}
	for _, tt := range tests {
		p := datePage(t, "", tt.body, stepNow)
		if got := dayOf(tt.step(p).t); got != tt.want {
			t.Errorf("%s: %s, want %q", tt.name, got, tt.want)
		}
	}
}

// TestDatelineBeforeHeadline: the few chunks above the headline are read
// nearest first; a date further up than dateRules.HeadChunks is not.
func TestDatelineBeforeHeadline(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"nearest first", `<p>1 April 2023</p><p>12.04.23</p><h1>Ferry fares frozen</h1><p>Text.</p>`, "2023-04-12"},
		{"too far up", `<p>12 April 2023</p><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p><h1>Ferry fares frozen</h1><p>Text.</p>`, ""},
		{"no headline", `<p>12 April 2023</p>`, ""},
	}
	for _, tt := range tests {
		gq, err := parse("<html><head><title>T</title></head><body>" + tt.body + "</body></html>")
		if err != nil {
			t.Fatal(err)
		}
		p := newPage(gq, Options{}, stepNow, nil)
		var h1 *html.Node
		if len(p.h1s) > 0 {
			h1 = p.h1s[0]
		}
		chunks, at := p.textChunks(h1)
		b, _ := aroundHeadline(chunks, at, stepOK, true)
		if got := dayOf(b.t); got != tt.want {
			t.Errorf("%s: before = %s, want %q", tt.name, got, tt.want)
		}
	}
}
