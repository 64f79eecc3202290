package clean

import (
	"context"
	"testing"
	"time"
)

// The pages and headlines below are ours, written for these tests: each
// table pins one title rule (a step of titleFromSources or a helper it
// uses), with a case where it fires and one where it must not.

// titlePage parses a page of the given head and body.
func titlePage(t *testing.T, head, body string) *page {
	t.Helper()
	gq, err := parse("<html><head>" + head + "</head><body>" + body + "</body></html>")
	if err != nil {
		t.Fatal(err)
	}
	return newPage(gq, Options{}, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), nil)
}

func TestBogusTitle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Council adopts the spectrum plan", false},
		{"Plan</titlevalue=x><script>var a=1</script>", true},
		{"Plan <SCRIPT src=x>", true},
		{"Plan document.write('ad')", true},
		{string(make([]byte, titleRules.BogusMaxBytes+1)), true},
	}
	for _, tt := range tests {
		if got := bogusTitle(tt.in); got != tt.want {
			t.Errorf("bogusTitle(%.40q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsSiteName(t *testing.T) {
	names := []string{"Harbour Ledger", "harbourledger.example", "harbourledger"}
	tests := []struct {
		seg  string
		want bool
	}{
		{"Harbour Ledger", true},
		{"HARBOUR-LEDGER", true},        // case and punctuation ignored
		{"Harbour Ledger Online", true}, // the name with a few letters more
		{"Ledger", true},                // a part of the name, long enough
		{"Led", false},                  // too short to tell
		{"Harbour Ledger reports record tonnage at the quay", false}, // far longer than the name
		{"Port dues rise", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isSiteName(tt.seg, names); got != tt.want {
			t.Errorf("isSiteName(%q) = %v, want %v", tt.seg, got, tt.want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	names := []string{"Harbour Ledger"}
	tests := []struct{ in, want string }{
		{"Port dues rise by a tenth | Harbour Ledger", "Port dues rise by a tenth"},
		{"Harbour Ledger - Port dues rise by a tenth", "Port dues rise by a tenth"},
		{"Port dues rise - and then fall", "Port dues rise - and then fall"}, // no part names the site
		{"Harbour Ledger", "Harbour Ledger"},                                 // never emptied
		{"News | Port dues rise | Harbour Ledger", "News | Port dues rise"},  // only the site's segment goes
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in, names); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSegments(t *testing.T) {
	got := segments("Port dues rise | Business – Harbour Ledger")
	want := []string{"Port dues rise", "Business", "Harbour Ledger"}
	if len(got) != len(want) {
		t.Fatalf("segments = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("segments[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSourceHeading(t *testing.T) {
	tests := []struct {
		name, head, body string
		tag              bool // match against <title> (longest wins) instead of og:title/JSON-LD
		want             string
	}{
		{"h1 is og:title without the site name",
			`<meta property="og:title" content="Council adopts spectrum rules | Policy Wire">`,
			`<h1>Council adopts spectrum rules</h1>`, false, "Council adopts spectrum rules"},
		{"h2 matching the JSON-LD headline",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Tariff review opens to comment"}</script>`,
			`<h1>Trade Desk</h1><h2>Tariff review opens to comment</h2>`, false, "Tariff review opens to comment"},
		{"longest heading repeated by <title>",
			`<title>Quayside Notes - Why the port tariff rose again</title>`,
			`<h1>Quayside Notes</h1><h2>Why the port tariff rose again</h2>`, true, "Why the port tariff rose again"},
		{"a two-word lower heading is a section label",
			`<title>Latest briefings | Quayside</title>`,
			`<h2>Latest briefings</h2>`, true, ""},
		{"a heading too short to match by accident",
			`<title>News | Quayside</title>`,
			`<h1>News</h1>`, true, ""},
		{"no source repeats the heading",
			`<meta property="og:title" content="Something else entirely">`,
			`<h1>Council adopts spectrum rules</h1>`, false, ""},
	}
	for _, tt := range tests {
		p := titlePage(t, tt.head, tt.body)
		s := p.titleSources()
		srcs := []string{s.og, s.ld}
		if tt.tag {
			srcs = []string{s.tag}
		}
		if got := p.sourceHeading(s, srcs, tt.tag); got != tt.want {
			t.Errorf("%s: sourceHeading = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKickerHeadline(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"the part og:title repeats",
			`<meta property="og:title" content="Regulator opens the upper band to shared use">`,
			`<h1><span>Spectrum</span><span>Regulator opens the upper band to shared use</span></h1>`,
			"Regulator opens the upper band to shared use"},
		{"the source repeats the kicker: the other part is the headline",
			`<meta property="og:title" content="Border crossings | Daily Quay">`,
			`<h1><span>Border crossings</span><br><span>Ministers agree to reopen the crossings next week</span></h1>`,
			"Ministers agree to reopen the crossings next week"},
		{"a heading of one part is not split",
			`<meta property="og:title" content="Ministers agree to reopen the crossings">`,
			`<h1>Ministers agree to reopen the crossings</h1>`, ""},
		{"no part matches",
			`<meta property="og:title" content="Unrelated">`,
			`<h1><span>Spectrum</span><span>Regulator opens the upper band</span></h1>`, ""},
	}
	for _, tt := range tests {
		p := titlePage(t, tt.head, tt.body)
		s := p.titleSources()
		if got := kickerHeadline(p.h1s[0], []string{s.og, s.ld}, s.names); got != tt.want {
			t.Errorf("%s: kickerHeadline = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestConfirmedH1(t *testing.T) {
	tests := []struct {
		name string
		s    titleSources
		want string
	}{
		{"inside the <title>",
			titleSources{h1s: []string{"Rates held at four percent"}, tag: "Rates held at four percent, and why it matters"},
			"Rates held at four percent"},
		{"inside a headline meta tag",
			titleSources{h1s: []string{"Rates held at four percent"}, meta: "Rates held at four percent"},
			"Rates held at four percent"},
		{"one word of a long source confirms nothing",
			titleSources{h1s: []string{"Rates"}, tag: "Rates held at four percent as the board waits for spring data"},
			""},
		{"not contained",
			titleSources{h1s: []string{"Rates held"}, og: "Bank keeps its course"},
			""},
	}
	for _, tt := range tests {
		if got := confirmedH1(tt.s); got != tt.want {
			t.Errorf("%s: confirmedH1 = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPlainH1(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"one plain h1", `<h1>Harbour board approves dredging plan</h1>`, "Harbour board approves dredging plan"},
		{"its kicker removed", `<h1><span>Dredging</span><span>Harbour board approves the plan</span></h1>`, "Harbour board approves the plan"},
		{"a CJK headline has no spaces", `<h1>港湾委员会批准疏浚计划</h1>`, "港湾委员会批准疏浚计划"},
		{"two words are a label", `<h1>Harbour board</h1>`, ""},
		{"two candidates: none is the headline", `<h1>Harbour board approves dredging plan</h1><h1>Ferry timetable changes in May</h1>`, ""},
		{"a linked teaser", `<h1><a href="/x">Ferry timetable changes in May</a></h1>`, ""},
	}
	for _, tt := range tests {
		p := titlePage(t, "", tt.body)
		if got := p.plainH1(nil); got != tt.want {
			t.Errorf("%s: plainH1 = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMetadataTitle(t *testing.T) {
	names := []string{"Quay Times"}
	tests := []struct {
		name string
		s    titleSources
		want string
	}{
		{"JSON-LD before og:title", titleSources{ld: "Ferry fares frozen", og: "Fares frozen!", names: names}, "Ferry fares frozen"},
		{"og:title without the site name", titleSources{og: "Ferry fares frozen | Quay Times", names: names}, "Ferry fares frozen"},
		{"neither", titleSources{tag: "Ferry fares frozen", names: names}, ""},
	}
	for _, tt := range tests {
		if got := metadataTitle(tt.s); got != tt.want {
			t.Errorf("%s: metadataTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTagTitle(t *testing.T) {
	tests := []struct {
		name, tag, body, want string
	}{
		{"the segment written out in the page",
			"Town hall approves the budget :: Riverside Gazette",
			`<p><b>Town hall approves the budget</b></p><p>The council voted on Monday.</p>`,
			"Town hall approves the budget"},
		{"a segment inside a link does not count",
			"Town hall approves the budget :: Riverside Gazette",
			`<p><a href="/">Riverside Gazette</a></p><p>The council voted on Monday.</p>`,
			"Town hall approves the budget :: Riverside Gazette"},
	}
	for _, tt := range tests {
		p := titlePage(t, "", tt.body)
		if got := p.tagTitle(tt.tag, nil); got != tt.want {
			t.Errorf("%s: tagTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKickerless(t *testing.T) {
	tests := []struct {
		name, h1, want string
	}{
		{"kicker first", `<h1><span>Ports</span><span>Dock workers accept the new contract</span></h1>`, "Dock workers accept the new contract"},
		{"kicker last", `<h1><span>Dock workers accept the new contract</span><em>Ports</em></h1>`, "Dock workers accept the new contract"},
		{"through a wrapper", `<h1><span itemprop="headline"><b>Ports</b><i>Dock workers accept the contract</i></span></h1>`, "Dock workers accept the contract"},
		{"loose text is not a kicker shape", `<h1>Ports: <span>Dock workers accept the new contract</span></h1>`, ""},
		{"two long parts", `<h1><span>Dock workers accept the new contract</span><span>Strike called off after six weeks</span></h1>`, ""},
	}
	for _, tt := range tests {
		p := titlePage(t, "", tt.h1)
		if got := kickerless(p.h1s[0]); got != tt.want {
			t.Errorf("%s: kickerless = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLinkDominated(t *testing.T) {
	tests := []struct {
		h1   string
		want bool
	}{
		{`<h1><a href="/">Quay Times</a></h1>`, true},
		{`<h1>Dock workers accept <a href="/c">the contract</a></h1>`, false},
		{`<h1></h1>`, false},
	}
	for _, tt := range tests {
		p := titlePage(t, "", tt.h1)
		if got := linkDominated(p.h1s[0]); got != tt.want {
			t.Errorf("linkDominated(%s) = %v, want %v", tt.h1, got, tt.want)
		}
	}
}

func TestCompleteTitle(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"a kicker ending in a colon is finished by the h1",
			`<title>Ferries:</title>`,
			`<h1>Ferries: the winter timetable starts early</h1>`,
			"Ferries: the winter timetable starts early"},
		{"an h1 that does not continue it leaves it",
			`<title>Ferries:</title>`,
			`<h1>Winter timetable starts early</h1>`,
			"Ferries:"},
	}
	for _, tt := range tests {
		p := titlePage(t, tt.head, tt.body)
		if got := p.completeTitle("Ferries:"); got != tt.want {
			t.Errorf("%s: completeTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTitleOrder runs whole pages through Clean: the steps are asked in
// order and the first that answers wins.
func TestTitleOrder(t *testing.T) {
	const text = `<p>The harbour board met on Tuesday evening and, after a long debate, voted for the plan by seven votes to two.</p>`
	tests := []struct {
		name, head, body, want string
	}{
		{"a heading og:title repeats beats a plain h1",
			`<title>Quay Times</title><meta property="og:title" content="Board votes for the dredging plan">`,
			`<h1>Harbour news for the week ahead</h1><h2>Board votes for the dredging plan</h2>` + text,
			"Board votes for the dredging plan"},
		{"a plain h1 beats og:title worded for sharing",
			`<meta property="og:title" content="You will not believe what the board did">`,
			`<h1>Board votes for the dredging plan</h1>` + text,
			"Board votes for the dredging plan"},
		{"og:title when no h1 stands alone",
			`<title>Quay Times</title><meta property="og:site_name" content="Quay Times"><meta property="og:title" content="Board votes for the dredging plan | Quay Times">`,
			text, "Board votes for the dredging plan"},
		{"the <title> last",
			`<title>Board votes for the dredging plan</title>`,
			text, "Board votes for the dredging plan"},
		{"an og:title swallowed by broken markup is passed over",
			`<meta property="og:title" content="Board votes&lt;/script&gt;&lt;script&gt;track()"><title>Board votes for the dredging plan</title>`,
			text, "Board votes for the dredging plan"},
	}
	for _, tt := range tests {
		doc, err := Clean(context.Background(), []byte("<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>"), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.Title != tt.want {
			t.Errorf("%s: title = %q, want %q", tt.name, doc.Title, tt.want)
		}
	}
}
