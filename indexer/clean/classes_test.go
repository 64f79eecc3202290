package clean_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/indexer/clean"
)

// TestBodyFailureClasses cleans one page we wrote for each class of body
// failure seen on pages nobody tuned the cleaner for (issue 14): the text
// that must be in the body and the furniture that must not.
func TestBodyFailureClasses(t *testing.T) {
	tests := []struct {
		file      string
		want, not []string
	}{
		{"split_sections.html", // an article split across sibling blocks
			[]string{"voted on Tuesday to extend", "piling work", "unload in two trips", "lorry routes is planned"},
			[]string{"Advertisement", "Sign up for our ports newsletter", "Ferry crews vote"}},
		{"split_post_content.html", // the parts of an article in sibling sections of one class
			[]string{"found a cell she did not expect", "crown of stiff projections", "early warning system", "how little is known"},
			[]string{"bacteria that live in clouds"}},
		{"list_table.html", // a table that is the content, nested list items
			[]string{"Branch lines closed", "Valley branch to Millbrook", "Quarry line to Eastholm", "cycle path, which was moved",
				"two level crossings", "signalling, which took longer", "three further reopenings"},
			nil},
		{"javascript_links.html", // words inside javascript: links are text
			[]string{"cost of the new treatment plant at Riverside", "that the drought surcharge of two summers ago"},
			[]string{"Menu", "Search"}},
		{"after_player.html", // the text after an embedded player, without its menu
			[]string{"Sleeper services between", "a third weekly train", "school orchestra"},
			[]string{"Captions settings", "Font family", "Proportional sans-serif", "Drop shadow", "1080p"}},
		{"gallery_furniture.html", // gallery counters and credits, quote marks, update line, browser advice
			[]string{"new flood walls", "checking the pumps", "did exactly what they were built to do", "ferry would not run"},
			[]string{"1/3", "Photo: Jane Rivers", "Start Quote", "End Quote", "Last updated", "update your browser"}},
		{"script_rendered.html", // text rendered by script: the description is the text there is
			[]string{"sensors, software and rules behind self-driving cars"},
			nil},
		{"masthead_menu.html", // a breadcrumb and a menu line before the headline
			[]string{"published draft rules on Monday", "two public hearings", "before the next auction round"},
			[]string{"Home > News", "Press Releases", "Menu / Contact"}},
		{"layout_table.html", // small additions at each level of a layout table add up to a climb into the whole page
			[]string{"put off the dredging of the inner basin", "report again on the dredging"},
			[]string{"Our offices are open", "Small adverts", "Letters to the editor may be sent"}},
		{"comment_thread.html", // readers' comments after the article in blocks without comment class names
			[]string{"dropped the plan to move the national sports agency", "would have had to do it all again"},
			[]string{"Add Comment", "Posted by", "where its office stands", "running track", "Two years of planning"}},
		{"comment_prompt.html", // readers' comments after a line asking for them ("Vos réactions")
			[]string{"circule de nouveau depuis dimanche", "venus revoir la ligne"},
			[]string{"Vos réactions", "je réserve déjà", "une vitrine"}},
		{"after_article.html", // calls to rate and share the page and a teaser list's opener after the article
			[]string{"nur die jungen Königinnen überleben", "wieder Frost kommt und noch nichts blüht"},
			[]string{"Über die Autorin", "mit zwei Katzen", "War der Artikel nützlich", "Diese Seite teilen", "Schon gelesen", "Nistkästen im Test", "Wildbienen in der Stadt"}},
		{"nested_story.html", // blocks nested inside the story taken for other parts of it: the sidebars came with it
			[]string{"names of residents with long-overdue library books", "a little over thirty thousand pounds"},
			[]string{"Winter ferry timetable", "School roof repairs", "Weekend weather", "Roadworks"}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".html"), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "body", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := clean.Clean(context.Background(), raw, clean.Options{Path: tt.file, Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			body := strings.Join(strings.Fields(strings.Join(doc.Paragraphs, "\n")), " ")
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body keeps %q", n)
				}
			}
			if t.Failed() {
				t.Logf("body:\n%s", strings.Join(doc.Paragraphs, "\n"))
			}
		})
	}
}
