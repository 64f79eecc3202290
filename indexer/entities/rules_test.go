package entities

import (
	"slices"
	"testing"
)

// ruleNames runs the gazetteer and the pattern rules over texts and returns,
// per rule, the names it claimed.
func ruleNames(texts ...string) map[string][]string {
	d := newDocState(Default(), texts)
	d.matchGazetteer()
	d.matchDatelines()
	d.matchPatterns()
	out := map[string][]string{}
	for _, m := range d.mentions {
		if m.rule != "" && m.ref.name != "" {
			out[m.rule] = append(out[m.rule], m.ref.name)
		}
	}
	return out
}

// TestRules: for every named rule of the cascade, sentences (ours) it must
// fire on, with the name it must claim, and sentences it must not fire on.
func TestRules(t *testing.T) {
	type fire struct{ text, name string }
	tests := map[string]struct {
		fires []fire
		not   []string
	}{
		"office of a body": {
			fires: []fire{{"The Deputy Director of the Office of Archives declined to comment.", "Office of Archives"},
				{"He spoke to the Chairman of the Coastal Shipping Authority on Tuesday.", "Coastal Shipping Authority"}},
			not: []string{"The Director of Planning left early.", "Minister Anna Berg spoke."},
		},
		"organisation head": {
			fires: []fire{{"Shares of Acme Widgets Corp. rose.", "Acme Widgets Corp"},
				{"The Northern Fisheries Commission met in June.", "Northern Fisheries Commission"}},
			not: []string{"They used the Samsung Network for tests.", "The Prime Minister spoke."},
		},
		"organisation lead": {
			fires: []fire{{"The Ministry of Digital Affairs of Ruritania spoke.", "Ministry of Digital Affairs of Ruritania"},
				{"A loan came from the Bank of Ruritania last year.", "Bank of Ruritania"}},
			not: []string{"The Ministry spoke.", "Bank holidays are long."},
		},
		"arabic organisation lead": {
			fires: []fire{{"Fighters of Jaish al-Fatah advanced.", "Jaish al-Fatah"}},
			not:   []string{"Fighters of the Jaish advanced."},
		},
		"body in a place": {
			fires: []fire{{"The Cultural Association in Brandbergen ran it.", "Cultural Association in Brandbergen"}},
			not:   []string{"Kishida in Tokyo waited for news."},
		},
		"family member": {
			fires: []fire{{"It was founded by Bassel al-Assad, brother of the president.", "Bassel al-Assad"},
				{"Prime Minister Kenji Kishida of the coastal province spoke.", "Kenji Kishida"}},
			not: []string{"Bashar al-Assad spoke.", "Officials met Fumio Kishida."},
		},
		"place head": {
			fires: []fire{{"Fighting spread across Diyala Province.", "Diyala Province"},
				{"Boats crossed the Harran River at night.", "Harran River"}},
			not: []string{"The Province said nothing.", "The River Authority met."},
		},
		"place lead": {
			fires: []fire{{"Water flows to Lake Tharthar.", "Lake Tharthar"}},
			not:   []string{"The Lake was calm."},
		},
		"place with cue": {
			fires: []fire{{"Shells fell outside Qaryatayn, a witness said.", "Qaryatayn"},
				{"They moved to Halbun, a village in the hills.", "Halbun"},
				{"A pregnant soldier from Dayton, Ohio, came home.", "Dayton"}},
			not: []string{"The bill was debated in Parliament, then passed.", "Outside Qaryatayn the road ends.",
				"Young people turned away from Scientology.", "Download the player from Adobe.com today.",
				"The coach ushered him into Bruins general manager Lynn's office."},
		},
		"small place": {
			fires: []fire{{"Families left Mafraq, Jordan, by bus.", "Mafraq"},
				{"The convoy stopped in Anah on its way north.", "Anah"},
				{"In Hauppauge the firm hired staff.", "Hauppauge"},
				{"He was a native of Al Qa'im, on the border.", "Al Qa'im"}},
			not: []string{"The convoy stopped in Glorbenvale on its way north.", "The plan was approved in Committee on Friday.",
				"Families left Mafraq, Syria, by bus.", "The mill in Kalkaska closed."},
		},
		"dateline": {
			fires: []fire{{"HAUPPAUGE, N.Y., March 2 - The firm said sales rose.", "Hauppauge"},
				{"CAMBRIDGE, Mass, March 5 - The unit was sold.", "Cambridge, Massachusetts"},
				{"ST LOUIS, March 17 - Profits fell.", "St. Louis"},
				{"L'Ange-Gardien, Que., Oct 19 - The group bought two firms.", "L'Ange-Gardien"},
				{"PALM DESERT, Calif. (AP) — The tournament opened.", "Palm Desert"}},
			not: []string{"Smith, Jones, March 3 - the list went on.", "GLORBENVALE, Mass, March 5 - Nothing.",
				"The council met. HAUPPAUGE, N.Y., March 2 - later text.", "CAMBRIDGE, March 5 - The college said so.", "Palm Desert, Calif. (AP) — mixed case without a date.",
				"BREAKING NEWS (updated) - the site is down."},
		},
		"place after city of": {
			fires: []fire{{"They reached the town of Sadah before noon.", "Sadah"}},
			not:   []string{"They reached the office of Sadah Holdings before noon."},
		},
		"person with title": {
			fires: []fire{{"President Anna Berg met the press.", "Anna Berg"},
				{"Secretary of Commerce Ann Ruiz opened the plant.", "Ann Ruiz"}},
			not: []string{"The Minister for East Asia spoke.", "Executive Order 14000 took effect.", "Secretary of Commerce spoke."},
		},
		"person with given name": {
			fires: []fire{{"Later, Robert Lane arrived.", "Robert Lane"},
				{`Later, Robert "Bo" Lane arrived.`, "Robert Lane"}},
			not: []string{"Later, Robert arrived.", "Floods cut the Bruce Highway near the coast.", "The school is at 12 Kelly Mill Road.",
				"It was a guest on The Frank Skinner Show last year."},
		},
		"person with name particle": {
			fires: []fire{{"Fighters loyal to Abu Omar al-Kuwaiti left.", "Abu Omar al-Kuwaiti"}},
			not: []string{"Fighters loyal to al-Kuwaiti left.", "He was a native of Al Qa'im, on the border.", "The plan was called Al Hejab Elfulathi by the army.",
				"She sang La Vie En Rose at the gala."},
		},
		"given name with said": {
			fires: []fire{{"The road is closed, Amjad said.", "Amjad"}},
			not:   []string{"The road is closed, Kessler said."},
		},
		"person with said": {
			fires: []fire{{"Prices rose, said Hana Moritz.", "Hana Moritz"}, {"Zahid Kerem Rawi, said the plan failed.", "Zahid Kerem Rawi"}},
			not:   []string{"Analysts at Capital Metrics said growth slowed."},
		},
		"person with apposed title": {
			fires: []fire{{"Tomas Brandt, Director of Planning, said costs rose.", "Tomas Brandt"}},
			not:   []string{"Tomas Brandt, a farmer, left.", "Analysts at Pell Hart, the director said, left."},
		},
		"person apposed to an office": {
			fires: []fire{{"The Minister for East Asia, Jane Holloway, left early.", "Jane Holloway"}},
			not:   []string{"The city of Harran, Jane Holloway wrote, is old."},
		},
	}
	for _, r := range spanRules {
		if r.name == "person" || r.name == "known name with a word around it" {
			continue // dispatchers: tested through personRules and the gazetteer tests
		}
		if _, ok := tests[r.name]; !ok {
			t.Errorf("rule %q has no table test", r.name)
		}
	}
	for _, r := range personRules {
		if _, ok := tests[r.name]; !ok {
			t.Errorf("rule %q has no table test", r.name)
		}
	}
	for rule, tc := range tests {
		t.Run(rule, func(t *testing.T) {
			for _, f := range tc.fires {
				if got := ruleNames(f.text); !slices.Contains(got[rule], f.name) {
					t.Errorf("%q: want %q from this rule, got %v", f.text, f.name, got)
				}
			}
			for _, text := range tc.not {
				if got := ruleNames(text); len(got[rule]) > 0 {
					t.Errorf("%q: rule fired: %v", text, got[rule])
				}
			}
		})
	}
}

func TestPlaceCountry(t *testing.T) {
	x := Default()
	for name, want := range map[string]string{
		"Tokyo": "JP", "Cambridge, Massachusetts": "US", "Hauppauge": "US", "Mafraq": "JO", "Glorbenvale": "",
	} {
		if got := x.PlaceCountry(name); got != want {
			t.Errorf("PlaceCountry(%q) = %q, want %q", name, got, want)
		}
	}
}

// BenchmarkReadPlaceTable is the one-off cost of the small-places table,
// paid on the first look-up.
func BenchmarkReadPlaceTable(b *testing.B) {
	for b.Loop() {
		if _, err := readPlaceTable(citiesGz); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlaceTable checks the embedded table: it reads, it is sorted (the
// look-up is a binary search), and it holds places of every size.
func TestPlaceTable(t *testing.T) {
	tb := smallPlaces()
	if len(tb.lines) < 100000 {
		t.Fatalf("%d places, want the GeoNames 1,000+ set (over 100,000)", len(tb.lines))
	}
	for i := 1; i < len(tb.lines); i++ {
		if tb.line(i-1) > tb.line(i) {
			t.Fatalf("not sorted at line %d: %q > %q", i, tb.line(i-1), tb.line(i))
		}
	}
	if got := tb.lookup("hauppauge"); len(got) != 1 || got[0].country != "US" || got[0].population < 1000 {
		t.Errorf("lookup(hauppauge) = %+v", got)
	}
}

// BenchmarkExtractRuleSentences extracts 5 KB made of the rule tables'
// sentences (ours): datelines, small places, titles and appositions, so
// every rule and the small-places table are on the measured path.
func BenchmarkExtractRuleSentences(b *testing.B) {
	var paras []string
	size := 0
	for size < 5000 {
		for _, s := range []string{
			"HAUPPAUGE, N.Y., March 2 - The firm said sales rose.",
			"The Minister for East Asia, Jane Holloway, left early. The convoy stopped in Anah on its way north.",
			"Families left Mafraq, Jordan, by bus. Secretary of Commerce Ann Ruiz opened the plant.",
			"The Deputy Director of the Office of Archives declined to comment. Prices rose, said Hana Moritz.",
			"Tomas Brandt, Director of Planning, said costs rose. He was a native of Al Qa'im, on the border.",
			"Soldiers of the 101st Airborne Division arrived near Qaryatayn. Executive Order 14000 took effect.",
		} {
			paras = append(paras, s)
			size += len(s)
		}
	}
	x := Default()
	x.ExtractTexts(paras) // the small-places table is read once, on first use
	b.SetBytes(int64(size))
	for b.Loop() {
		x.ExtractTexts(paras)
	}
}
