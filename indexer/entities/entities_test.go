package entities

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/policysearch/policysearch/corpus"
)

// readDoc builds a Document from a test file: the first line is the title,
// each further line a paragraph.
func readDoc(t testing.TB, path, lang string) *corpus.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return &corpus.Document{Title: lines[0], Paragraphs: lines[1:], Lang: lang}
}

func names(ents []corpus.Entity, kind corpus.EntityKind) []string {
	var out []string
	for _, e := range ents {
		if e.Kind == kind {
			out = append(out, e.Name)
		}
	}
	return out
}

func find(ents []corpus.Entity, kind corpus.EntityKind, name string) *corpus.Entity {
	for i := range ents {
		if ents[i].Kind == kind && ents[i].Name == name {
			return &ents[i]
		}
	}
	return nil
}

// TestSeedRetelling checks our own retelling of the founding story: every
// organization once under its canonical name, however it is written, and
// no headings taken for names.
func TestSeedRetelling(t *testing.T) {
	got := Extract(readDoc(t, "testdata/seed_retelling.txt", "en"))
	wantOrgs := []string{
		"Ministry of Science and ICT", "SoftBank", "KDDI", "Ministry of Internal Affairs and Communications",
		"Toyota", "Samsung Electronics", "JPCERT/CC",
	}
	if diff := cmp.Diff(wantOrgs, names(got, corpus.Organization)); diff != "" {
		t.Errorf("organizations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"South Korea", "Japan"}, names(got, corpus.Place)); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	if p := names(got, corpus.Person); len(p) != 0 {
		t.Errorf("people = %q, want none", p)
	}
	msit := find(got, corpus.Organization, "Ministry of Science and ICT")
	wantMentions := []string{"Ministry of Science and ICT", "MSIT", "Korean Ministry of Science and Technology"}
	if diff := cmp.Diff(wantMentions, msit.Mentions); diff != "" {
		t.Errorf("MSIT mentions (-want +got):\n%s", diff)
	}
	if msit.Count != 6 {
		t.Errorf("MSIT count = %d, want 6", msit.Count)
	}
	jp := find(got, corpus.Organization, "JPCERT/CC")
	if diff := cmp.Diff([]string{"Cyber Security Incident Response Center", "JP-Cert"}, jp.Mentions); diff != "" {
		t.Errorf("JPCERT/CC mentions (-want +got):\n%s", diff)
	}
}

// TestKoreanJapanese checks that Korean and Japanese retellings give the
// same canonical organizations as the English one.
func TestKoreanJapanese(t *testing.T) {
	want := map[string]bool{
		"Ministry of Science and ICT": true, "SoftBank": true, "KDDI": true,
		"Ministry of Internal Affairs and Communications": true, "Toyota": true,
		"Samsung Electronics": true, "JPCERT/CC": true,
	}
	for _, tc := range []struct{ file, lang, place string }{
		{"testdata/seed_retelling.ko.txt", "ko", "Japan"},
		{"testdata/seed_retelling.ja.txt", "ja", "South Korea"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			got := Extract(readDoc(t, tc.file, tc.lang))
			orgs := map[string]bool{}
			for _, n := range names(got, corpus.Organization) {
				orgs[n] = true
			}
			if diff := cmp.Diff(want, orgs); diff != "" {
				t.Errorf("organizations (-want +got):\n%s", diff)
			}
			if find(got, corpus.Place, tc.place) == nil || find(got, corpus.Place, "Tokyo") == nil {
				t.Errorf("places = %q, want %s and Tokyo", names(got, corpus.Place), tc.place)
			}
		})
	}
}

// TestPatterns is a table of sentences and the entities they must (and must
// not) yield, one rule of the matcher or the patterns each.
func TestPatterns(t *testing.T) {
	type ent struct {
		kind corpus.EntityKind
		name string
	}
	tests := []struct {
		name, text string
		want       []ent // must be found
		not        []ent // must not be found
	}{
		{"possessive", "Japan's exports rose.", []ent{{corpus.Place, "Japan"}}, nil},
		{"no match inside a word", "The Japanese firm and the Koreanists met.", []ent{{corpus.Place, "Japan"}}, []ent{{corpus.Place, "South Korea"}}},
		{"acronym only in capitals", "The kt unit and the doc team met KT.", []ent{{corpus.Organization, "KT"}}, nil},
		{"acronym not in lower case", "Our team will use the mic.", nil, []ent{{corpus.Organization, "Ministry of Internal Affairs and Communications"}}},
		{"longest match", "NTT Docomo and NTT signed.", []ent{{corpus.Organization, "NTT Docomo"}, {corpus.Organization, "NTT"}}, nil},
		{"city is a place", "Officials met in Seoul on Monday.", []ent{{corpus.Place, "Seoul"}}, []ent{{corpus.Organization, "Monday"}}},
		{"headline in capitals", "JAPAN'S MITI SAYS EXPORTS FELL", []ent{{corpus.Place, "Japan"}, {corpus.Organization, "Ministry of Economy, Trade and Industry"}}, nil},
		{"unknown ministry", "The Ministry of Digital Affairs of Ruritania spoke.", []ent{{corpus.Organization, "Ministry of Digital Affairs of Ruritania"}}, nil},
		{"company suffix", "Shares of Acme Widgets Corp. rose.", []ent{{corpus.Organization, "Acme Widgets Corp"}}, nil},
		{"acronym defined in text", "The Digital Policy Institute (DPI) said so. Later, DPI added more.", []ent{{corpus.Organization, "Digital Policy Institute"}}, nil},
		{"acronym after a known name", "The Korea Fair Trade Commission (KFTC) fined them.", []ent{{corpus.Organization, "Korea Fair Trade Commission"}}, nil},
		{"text defines a known acronym anew", "The International Coffee Organization (ICO) met. The ICO council failed.", []ent{{corpus.Organization, "International Coffee Organization"}}, []ent{{corpus.Organization, "Information Commissioner's Office"}}},
		{"title before a name", "President Yoon Suk Yeol met Minister Lee Jong-ho.", []ent{{corpus.Person, "Yoon Suk Yeol"}, {corpus.Person, "Lee Jong-ho"}}, nil},
		{"mr and surname back-reference", "Jane Doerfler said prices rose. Later Doerfler added that Mr. Doerfler was wrong.", []ent{{corpus.Person, "Jane Doerfler"}}, []ent{{corpus.Person, "Doerfler"}}},
		{"said pattern", "The plan is sound, said Hana Moritz.", []ent{{corpus.Person, "Hana Moritz"}}, nil},
		{"headings are not names", "Key Points: The Big Picture and Why It Matters", nil, []ent{{corpus.Person, "Key Points"}, {corpus.Organization, "Big Picture"}}},
		{"months and weekdays", "On Monday, May 31, officials met.", nil, []ent{{corpus.Person, "Monday"}, {corpus.Person, "May"}}},
		{"not every acronym is a body", "Internet of Things (IoT) and Artificial Intelligence (AI) grow.", nil, []ent{{corpus.Organization, "Internet of Things"}, {corpus.Organization, "Artificial Intelligence"}}},
		{"place by head word", "Fighting spread across Diyala Province.", []ent{{corpus.Place, "Diyala Province"}}, nil},
		{"place by context", "Shells fell outside Qaryatayn, and later on Halbun, a village near Zabadani.", []ent{{corpus.Place, "Qaryatayn"}, {corpus.Place, "Halbun"}}, nil},
		{"place lead word", "Water flows to Lake Tharthar.", []ent{{corpus.Place, "Lake Tharthar"}}, nil},
		{"acronyms are not places", "Money went into AI chips.", nil, []ent{{corpus.Place, "AI"}}},
		{"new body around a known one", "He trained the New Iraqi Army.", []ent{{corpus.Organization, "New Iraqi Army"}}, []ent{{corpus.Organization, "Iraqi Army"}}},
		{"government of a nationality", "The Australian Government said it would help.", []ent{{corpus.Organization, "Australian Government"}}, nil},
		{"arabic group names", "Fighters of Jaish al-Fatah advanced.", []ent{{corpus.Organization, "Jaish al-Fatah"}}, nil},
		{"institutions are not places", "The bill was debated in Parliament, then in Congress.", nil, []ent{{corpus.Place, "Parliament"}}},
		{"place of work is not a person", "Analysts at Capital Economics said growth slowed.", []ent{{corpus.Organization, "Capital Economics"}}, []ent{{corpus.Person, "Capital Economics"}}},
		{"short form of a body named before", "The International Monetary Fund lent more. The Fund said so.", []ent{{corpus.Organization, "International Monetary Fund"}}, []ent{{corpus.Organization, "Fund"}}},
		{"title-case headline", "Korea and Japan Deploy Domestically Designed AI Semiconductors", []ent{{corpus.Place, "Japan"}}, []ent{{corpus.Organization, "Deploy Domestically Designed AI Semiconductors"}}},
		{"body in a place", "The Islamic Association in Brandbergen ran it, while Kishida in Tokyo waited.", []ent{{corpus.Organization, "Islamic Association in Brandbergen"}, {corpus.Place, "Tokyo"}}, nil},
		{"place name as a surname after a title", "Minister Yamaguchi met the governor of Yamaguchi.", []ent{{corpus.Person, "Yamaguchi"}, {corpus.Place, "Yamaguchi"}}, nil},
		{"korean particles", "과기정통부는 삼성전자와 만났다.", []ent{{corpus.Organization, "Ministry of Science and ICT"}, {corpus.Organization, "Samsung Electronics"}}, nil},
		{"japanese", "経済産業省とラピダスが発表した。", []ent{{corpus.Organization, "Ministry of Economy, Trade and Industry"}, {corpus.Organization, "Rapidus"}}, nil},
		{"north korea is not korea", "North Korean missiles worried Seoul.", []ent{{corpus.Place, "North Korea"}}, []ent{{corpus.Place, "South Korea"}}},
		{"family names", "It was founded by Bassel al-Assad, brother of Bashar al-Assad.", []ent{{corpus.Person, "Bassel al-Assad"}, {corpus.Person, "Bashar al-Assad"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Default().ExtractTexts([]string{tc.text})
			for _, w := range tc.want {
				if find(got, w.kind, w.name) == nil {
					t.Errorf("missing %s %q in %+v", w.kind, w.name, got)
				}
			}
			for _, n := range tc.not {
				if find(got, n.kind, n.name) != nil {
					t.Errorf("unexpected %s %q in %+v", n.kind, n.name, got)
				}
			}
		})
	}
}

func TestAliases(t *testing.T) {
	for _, tc := range []struct {
		kind      corpus.EntityKind
		canonical string
		want      []string
	}{
		{corpus.Organization, "Ministry of Science and ICT", []string{"MSIT", "과학기술정보통신부", "과기정통부"}},
		{corpus.Organization, "Ministry of Internal Affairs and Communications", []string{"MIC", "総務省"}},
		{corpus.Organization, "JPCERT/CC", []string{"JP-Cert", "JPCERT", "Japan Computer Emergency Response Team Coordination Center"}},
		{corpus.Organization, "Samsung Electronics", []string{"Samsung", "삼성전자", "サムスン電子"}},
		{corpus.Place, "South Korea", []string{"대한민국", "韓国"}},
	} {
		got := Aliases(tc.kind, tc.canonical)
		for _, w := range tc.want {
			if !contains(got, w) {
				t.Errorf("Aliases(%s, %q) lacks %q: %q", tc.kind, tc.canonical, w, got)
			}
		}
	}
	if got := Aliases(corpus.Organization, "No Such Body"); got != nil {
		t.Errorf("Aliases of an unknown name = %q, want nil", got)
	}
}

// TestGazetteerErrors checks that a malformed data file is refused with the
// line that is wrong.
func TestGazetteerErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"too few fields", "org\tX\tcompany\n", "line 1"},
		{"unknown kind", "planet\tMars\t-\t-\n", `unknown kind "planet"`},
		{"duplicate", "org\tX\tcompany\tJP\norg\tX\tcompany\tJP\n", "listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewExtractor(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewExtractor error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// TestDeterministic: the same document gives the same entities in the same
// order every time.
func TestDeterministic(t *testing.T) {
	doc := readDoc(t, "testdata/seed_retelling.txt", "en")
	first := Extract(doc)
	for i := 0; i < 3; i++ {
		if diff := cmp.Diff(first, Extract(doc)); diff != "" {
			t.Fatalf("run %d differs (-first +now):\n%s", i, diff)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	doc := readDoc(b, "testdata/seed_retelling.txt", "en")
	// at least 5 KB, the size of a typical article: the retelling repeated
	base := doc.Paragraphs
	size := len(doc.Title)
	for size < 5000 {
		for _, p := range base {
			doc.Paragraphs = append(doc.Paragraphs, p)
			size += len(p)
		}
	}
	Default()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(doc)
	}
}

// TestBackReferences checks the names an article defines for itself: short
// forms of a body and surnames of a person named in full.
func TestBackReferences(t *testing.T) {
	got := Default().ExtractTexts([]string{
		"The International Monetary Fund lent more to Ruritania, said Anna Kowalczyk.",
		"The Fund said Kowalczyk was right.",
	})
	imf := find(got, corpus.Organization, "International Monetary Fund")
	if imf == nil || imf.Count != 2 || !contains(imf.Mentions, "Fund") {
		t.Errorf("IMF = %+v, want two mentions including \"Fund\"", imf)
	}
	p := find(got, corpus.Person, "Anna Kowalczyk")
	if p == nil || p.Count != 2 || !contains(p.Mentions, "Kowalczyk") {
		t.Errorf("person = %+v, want two mentions including the surname", p)
	}
}

// TestGazetteerNamesRoundTrip checks every name of every entry: written
// alone, it must be found as that entry (or as another entry that lists
// the same name, for shared acronyms like "ICO"). It catches names that the
// case rules, the tokenizer or a longer name would hide.
func TestGazetteerNamesRoundTrip(t *testing.T) {
	x := Default()
	owners := map[string]map[string]bool{}
	x.Entries(func(e Entry) {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if owners[fold(a)] == nil {
				owners[fold(a)] = map[string]bool{}
			}
			owners[fold(a)][string(e.Kind)+"/"+e.Name] = true
		}
	})
	x.Entries(func(e Entry) {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			got := x.ExtractTexts([]string{a})
			if e.Kind == corpus.Person && len(got) == 0 && len(tokenize(a, nil)) == 1 && tokenize(a, nil)[0].class == tokWord {
				// a surname alone needs the full name in the same text
				// (dropLoneSurnames); with it, it must be found
				got = x.ExtractTexts([]string{e.Name + " came.", a})
				if p := find(got, e.Kind, e.Name); p == nil || !contains(p.Mentions, a) {
					t.Errorf("%s %q: surname %q after the full name gives %+v", e.Kind, e.Name, a, got)
				}
				continue
			}
			if len(got) != 1 || !owners[fold(a)][string(got[0].Kind)+"/"+got[0].Name] {
				t.Errorf("%s %q: name %q gives %+v", e.Kind, e.Name, a, got)
			}
		}
	})
}

// FuzzExtract checks that no text makes the extractor panic and that every
// mention it reports is text of the document.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"South Korea's Ministry of Science and ICT (MSIT) met KDDI.",
		"과기정통부는 삼성전자와 만났다. 総務省とソフトバンク。",
		"Mr. al-", "( )", "said ,", "The Fund", "U.S.-", "Kishida in", "A (B", "X, a", "JAPAN'S MITI (",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range Default().ExtractTexts([]string{s, s}) {
			for _, m := range e.Mentions {
				if !strings.Contains(s, m) {
					t.Fatalf("mention %q of %q not in the text %q", m, e.Name, s)
				}
			}
		}
	})
}
