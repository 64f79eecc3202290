package clean

import (
	"strings"
	"testing"
)

func TestFurnitureRules(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"1/50", "gallery counter"},
		{"12 of 50", "gallery counter"},
		{"(3/12)", "gallery counter"},
		{"The vote was 12 of 50 in favour.", ""},
		{"Volunteers at the boat club. Photo: Jane Rivers / Agency", "photo credit"},
		{"Die Mauer am Fluss (Foto: dpa)", "photo credit"},
		{"The photo: a record of the day, which the court admitted as evidence after a long hearing.", ""},
		{"Start Quote", "quote furniture"},
		{"End Quote", "quote furniture"},
		{"Quote of the day is on page two.", ""},
		{"Last updated at 14:32", "update line"},
		{"Aktualisiert am 3. Mai 2023, 10:12 Uhr", "update line"},
		{"Updated figures from the ministry show a rise in exports over the whole of last year, led by chips.", ""},
		{"Your browser is out of date. Update your browser for more security.", "browser advice"},
		{"Please enable JavaScript to view the comments.", "browser advice"},
		{"Was this article helpful?", "engagement call"},
		{"Diese Seite teilen", "engagement call"},
		{"War der Artikel nützlich?", "engagement call"},
		{"Gefällt dir unser Magazin?", "engagement call"},
		{"Cet article vous a plu ?", "engagement call"},
		{"Share this story, and the council will hear from more of its residents.", ""},
		{"Teilen die Minister diese Sorge?", ""},
		{"Views: 494", "view counter"},
		{"조회수 1,024", "view counter"},
		{"The ministry had 494 views on the plan.", ""},
	}
	for _, tt := range tests {
		if got := furniture(tt.line, textWeight(tt.line)); got != tt.want {
			t.Errorf("furniture(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestDropLeadIn(t *testing.T) {
	const title = "Ministry publishes draft rules on shared spectrum"
	lead := "The ministry published draft rules on Monday that would let regional operators share the band with national carriers."
	tests := []struct {
		name  string
		paras []string
		want  string // first paragraph kept
	}{
		{"masthead and menu above the headline", []string{"IT Policy News", "Menu", title, lead}, lead},
		{"menu link glued to the headline", []string{"Menu", "Contact " + title, lead}, lead},
		{"no headline in the text", []string{"Menu", lead}, "Menu"},
		{"a real paragraph before the headline line stays", []string{lead, title, "More."}, lead},
		{"headline too far down", []string{"a", "b", "c", "d", title, lead}, "a"},
	}
	for _, tt := range tests {
		got := dropLeadIn(tt.paras, title)
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%s: dropLeadIn starts %q, want %q", tt.name, strings.Join(got, " | "), tt.want)
		}
	}
}

func TestInProse(t *testing.T) {
	gq, err := parse(`<p>The cost of the <a id="a" class="tooltip" href="javascript:void(0)">new plant</a> at Riverside.</p><div><a id="b" class="tooltip" href="#">Share</a></div>`)
	if err != nil {
		t.Fatal(err)
	}
	a := gq.Find("#a").Nodes[0]
	b := gq.Find("#b").Nodes[0]
	if !inProse(a) {
		t.Error("a link inside a sentence is not in prose")
	}
	if inProse(b) {
		t.Error("a link alone in its block is in prose")
	}
}

func TestCutDatedTeasers(t *testing.T) {
	article := []string{"A driver was arrested after his truck, which carried asbestos, overturned on the expressway ramp yesterday afternoon.",
		"No one was hurt in the crash, and the police said the load posed no threat to people living nearby."}
	teasers := []string{"January 15, 2008 Police make arrest in missing woman case", "January 15, 2008 Worker rescued from trench",
		"January 14, 2008 Investigators return to crane site"}
	tests := []struct {
		name  string
		paras []string
		want  int
	}{
		{"a dated list after the article cuts the rest", append(append(append([]string{}, article...), teasers...), "Win tickets to the show"), 2},
		{"two dated lines are not a list", append(append([]string{}, article...), teasers[:2]...), 4},
		{"a dated list before the article is dropped alone", append(append([]string{}, teasers...), article...), 2},
	}
	for _, tt := range tests {
		if got := cutDatedTeasers(tt.paras); len(got) != tt.want {
			t.Errorf("%s: %d paragraphs kept, want %d: %q", tt.name, len(got), tt.want, got)
		}
	}
}

func TestScriptText(t *testing.T) {
	for s, want := range map[string]bool{
		`a ) {break;}}}function getdomain(a){var i=a.host.indexOf(":");return (i>=0)?a.host.substring(0,i):a.host;}`: true,
		"The function of the committee (set up in 2019) is to advise the minister; it meets twice a year.":           false,
		"var x = 1;": true,
	} {
		if got := scriptText(s); got != want {
			t.Errorf("scriptText(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTrimLabelEdges(t *testing.T) {
	prose := "The ministry published the draft on Monday, and comments are open until the end of next month."
	tests := []struct {
		name  string
		paras []string
		items map[string]bool
		want  string
	}{
		{"section labels before and menu after", []string{"Local Sport", "EDITOR'S CHOICE", prose, "Archive", "Hot Jobs"}, nil, prose},
		{"one label alone is the article's (a sign-off)", []string{prose, "(Editorial desk)"}, nil, prose + "|(Editorial desk)"},
		{"list items stay", []string{prose, "Path A: Iceland", "Path B: Scotland"}, map[string]bool{"Path A: Iceland": true, "Path B: Scotland": true}, prose + "|Path A: Iceland|Path B: Scotland"},
		{"a subheading between prose stays", []string{prose, "What comes next", prose}, nil, prose + "|What comes next|" + prose},
	}
	for _, tt := range tests {
		if got := strings.Join(trimLabelEdges(tt.paras, tt.items), "|"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTeaserOpeners(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Schon gelesen?", true},
		{"Die neuesten Meldungen", true},
		{"Mehr zu Klima und Konsum", true},
		{"Weitere Beiträge aus der Kolumne:", true},
		{"Temas relacionados", true},
		{"Latest news", true},
		{"Further reading", true},
		// Read-also boxes sit inside articles: not openers.
		{"Lesen Sie auch", false},
		{"Leggi anche", false},
		// Sentences that begin like an opener.
		{"More about the budget will be known in March, the minister said.", false},
		{"Mehr zu sagen hatte der Minister nicht.", false},
	}
	for _, tt := range tests {
		if got := teaserOpenRE.MatchString(tt.line); got != tt.want {
			t.Errorf("teaserOpenRE.MatchString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestListFollows(t *testing.T) {
	long := strings.Repeat("The ministry published the draft on Monday and asked for comments by the end of the month. ", 4)
	tests := []struct {
		name  string
		paras []string
		want  bool
	}{
		{"nothing after", nil, true},
		{"short teaser lines", []string{"Ferry timetable published", "School roof repaired early", "Benches for the square"}, true},
		{"the article goes on", []string{long, long}, false},
	}
	for _, tt := range tests {
		if got := listFollows(tt.paras); got != tt.want {
			t.Errorf("%s: listFollows = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCommentPrompts(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Kommentieren", true},
		{"View comments", true},
		{"Vos réactions", true},
		{"Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.", true},
		{"You must be logged in to post a comment.", true},
		{"The minister said she would comment on the report after the vote.", false},
		{"Wer sich anmelden will, kann das bis Freitag tun.", false},
	}
	for _, tt := range tests {
		if got := commentPromptRE.MatchString(tt.line); got != tt.want {
			t.Errorf("commentPromptRE.MatchString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestEndMatter(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Über die Autorin", true},
		{"About the author", true},
		{"Kontakt:", true},
		{"Quellenangaben:", true},
		{"Contact the ministry on 0800 123 456 for details.", false},
		{"Authors of the report", false},
	}
	for _, tt := range tests {
		if got := endMatterRE.MatchString(tt.line); got != tt.want {
			t.Errorf("endMatterRE.MatchString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
