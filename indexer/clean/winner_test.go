package clean

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// winnerID runs the prune, measure and score steps on a page and returns
// the id of the element the text is taken from.
func winnerID(t *testing.T, page string) string {
	t.Helper()
	p, err := readPage(context.Background(), page, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := &extractor{stats: map[*html.Node]*nstat{}, stop: p.stop}
	p.prune()
	x.measure(p.body)
	x.total = x.stats[p.body].text
	top := x.best(p.body, p.bodySel)
	if top == nil {
		return ""
	}
	return attr(top, "id")
}

// prose is n paragraphs of article text.
func prose(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("<p>The committee met on Tuesday evening, heard the engineer's report on the quay, " +
			"and agreed to write to every boat owner before the work starts in the autumn.</p>\n")
	}
	return b.String()
}

// links is a block of n linked teasers.
func links(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(`<p><a href="/news/other">Another story from the harbour town, with a long linked headline</a> today.</p>` + "\n")
	}
	return b.String()
}

// TestChooseWinner has a case per rule of best() that issue 14's dev
// pages showed wrong: what lifts the winner to a wider block and what
// must not.
func TestChooseWinner(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"blocks inside the winner are not other parts of the article (StrongShare)",
			`<body><div id="page"><div id="story"><div id="text"><span class="storybody"><span class="storybody">` + prose(6) +
				`</span></span></div><div id="side">` + links(5) + `</div></div><div id="more">` + links(6) + `</div></div></body>`,
			"text"},
		{"a short cell named content is not a part (StrongMinText)",
			`<body><table id="layout"><tr id="row"><td><div id="a1">` + prose(6) + `</div></td></tr><tr><td><div class="content" id="box1">` +
				`<p>Subscribe to the print edition for a year and save a third.</p></div><div class="content" id="box2">` +
				`<p>Subscribe to the print edition for a year and save a third.</p></div></td></tr><tr><td>` + links(6) + `</td></tr></table></body>`,
			"row"},
		{"a class name vouches only as far as the block holds text (PriorFullText)",
			`<body><div id="a1">` + prose(2) + `</div><div id="x"><div class="content" id="c"><p>Opening hours of the town library and its branches.</p></div></div></body>`,
			"a1"},
		{"the climb counts the winner's own share, not the last level's (ClimbShare)",
			`<body><table id="page"><tr><td id="left">` + links(2) + `</td><td id="centre"><table><tr><td id="when">Tuesday 8 January 2008, Eastholm</td>` +
				`<td id="story"><div id="text">` + prose(8) + `</div></td></tr><tr><td id="vote">Should the ferry run at night? Yes, no, or don't know.</td></tr></table></td></tr>` +
				`<tr><td id="foot">Letters may be left at the front desk of the library before noon on Thursdays.</td></tr></table></body>`,
			"centre"},
		{"a wrapper with few links scoring near the winner holds the rest (WrapperMaxLinks)",
			`<body><div id="recipe"><div id="steps">` + prose(6) + `</div><div id="ingredients">` + prose(3) + `</div></div><div id="side">` + links(6) + `</div></body>`,
			"recipe"},
		{"a wrapper whose sidebar is links is not the article (WrapperMaxLinks)",
			`<body><div id="main"><div id="story">` + prose(6) + `</div><div id="side">` + links(8) + `</div></div><div id="foot">` + links(3) + `</div></body>`,
			"story"},
	}
	for _, tt := range tests {
		if got := winnerID(t, "<html>"+tt.page+"</html>"); got != tt.want {
			t.Errorf("%s: winner %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSameKind(t *testing.T) {
	el := func(tag, class string) *html.Node {
		n := &html.Node{Type: html.ElementNode, Data: tag}
		n.DataAtom = atom.Lookup([]byte(tag))
		if class != "" {
			n.Attr = []html.Attribute{{Key: "class", Val: class}}
		}
		return n
	}
	tests := []struct {
		a, b *html.Node
		want bool
	}{
		{el("section", "post__content"), el("section", "post__content"), true},
		{el("div", "accordion is-closed  js-accordion"), el("div", "accordion is-closed js-accordion"), true},
		{el("div", "accordion is-closed"), el("div", "accordion"), false},
		{el("div", ""), el("div", ""), false},
		{el("td", "cell"), el("td", "cell"), false},
		{el("div", "post"), el("section", "post"), false},
	}
	for _, tt := range tests {
		if got := sameKind(tt.a, tt.b); got != tt.want {
			t.Errorf("sameKind(%s.%q, %s.%q) = %v, want %v", tt.a.Data, attr(tt.a, "class"), tt.b.Data, attr(tt.b, "class"), got, tt.want)
		}
	}
}

func TestOpensComments(t *testing.T) {
	tests := []struct {
		block string
		want  bool
	}{
		{`<a name="comments"></a>`, true},
		{`<div id="comments"><p>No comments yet.</p></div>`, true},
		{`<div><a href="#form">Add Comment</a></div>`, true},
		{`<div>Posted by: Old Runner, Millbrook on 10:02am Wed 9 Jan 08</div>`, true},
		{`<h3>Comments (3)</h3>`, true},
		{`<div>Leave a reply</div>`, true},
		{`<p>Readers posted by the hundred to the council's page, and the comments were read out at the meeting.</p>`, false},
		{`<p>The minister said the agency would stay in its present offices for at least five more years.</p>`, false},
	}
	for _, tt := range tests {
		p, err := readPage(context.Background(), "<html><body>"+tt.block+"</body></html>", Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := &extractor{stats: map[*html.Node]*nstat{}, stop: p.stop}
		x.measure(p.body)
		n := p.body.FirstChild
		for n != nil && n.Type != html.ElementNode {
			n = n.NextSibling
		}
		if got := x.opensComments(n); got != tt.want {
			t.Errorf("opensComments(%s) = %v, want %v", tt.block, got, tt.want)
		}
	}
}
