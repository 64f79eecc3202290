package entityeval

import (
	"hash/fnv"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

func TestProperName(t *testing.T) {
	tests := []struct {
		in    string
		place bool
		want  string // "" when not a proper name
	}{
		{"the Syrian Computer Society", false, "Syrian Computer Society"},
		{"They", false, ""},
		{"Iraqi security forces", false, ""},
		{"Syrians", false, ""},
		{"Hezbollah movement", false, "Hezbollah"},
		{"people of Darayya", false, ""},
		{"Japan's", false, "Japan"},
		{"the village of Safina", true, "Safina"},
		{"northern Iraq", true, "Iraq"},
		{"al-Qaeda in Iraq", false, "al-Qaeda in Iraq"},
	}
	for _, tc := range tests {
		got, ok := properName(tc.in, tc.place)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("properName(%q, place=%v) = %q, want %q", tc.in, tc.place, got, tc.want)
		}
	}
}

func TestLenientMatch(t *testing.T) {
	one := func(s string) name { return toNames(map[string]bool{s: true})[0] }
	tests := []struct {
		a, b string
		want bool
	}{
		{"Nouri al-Maliki", "Iraqi Prime Minister Nouri al-Maliki", true},
		{"Ash Carter", "US Defense Secretary Ash Carter", true},
		{"Ramtha", "Jordanian city of Ramtha", true},
		{"US", "US Special Operations", false},
		{"Security Council", "Members of the Security Council", false},
		{"U.S.", "US", true},
		{"Mosul", "Mosul University", false},
	}
	for _, tc := range tests {
		if got := lenientMatch(one(tc.a), one(tc.b)); got != tc.want {
			t.Errorf("lenientMatch(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// sampleSGML is a story in the Reuters-21578 layout, written for this test.
const sampleSGML = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="7">
<DATE> 2-MAR-1987 10:00:00.00</DATE>
<TOPICS><D>trade</D></TOPICS>
<PLACES><D>japan</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS><D>gatt</D></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN>&#5;&#5;&#5;</UNKNOWN>
<TEXT>&#2;
<TITLE>MITI OFFICIAL URGES TALKS &lt;ON&gt; TRADE</TITLE>
<DATELINE>    TOKYO, March 2 - </DATELINE><BODY>A senior trade ministry official said
Japan would raise the issue at GATT.
    He said Washington and the GATT secretariat had been told.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
`

func TestParseSGML(t *testing.T) {
	got := parseSGML(sampleSGML)
	want := []Story{{
		ID:    "7",
		Title: "MITI OFFICIAL URGES TALKS <ON> TRADE",
		Paragraphs: []string{
			"TOKYO, March 2 -",
			"A senior trade ministry official said Japan would raise the issue at GATT.",
			"He said Washington and the GATT secretariat had been told.",
		},
		Places: []string{"japan", "usa"},
		Orgs:   []string{"gatt"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("parseSGML (-want +got):\n%s", diff)
	}
	// Washington is named once, outside the lead: a mention in passing,
	// so usa is not claimed for the story.
	res := ScoreReuters(entities.Default(), got)
	wantPlaces := Counts{Gold: 2, Pred: 1, GoldHit: 1, PredHit: 1}
	if res.Places != wantPlaces || res.Orgs.GoldHit != 1 || res.Orgs.Pred != 1 {
		t.Errorf("ScoreReuters = %+v, want places %+v and the org found", res, wantPlaces)
	}
}

func TestStoryCodes(t *testing.T) {
	x := entities.Default()
	ents := []corpus.Entity{
		{Kind: corpus.Place, Name: "Frankfurt", Count: 1},
		{Kind: corpus.Organization, Name: "Bank of Japan", Count: 2},
		{Kind: corpus.Organization, Name: "European Commission", Count: 1},
		{Kind: corpus.Organization, Name: "Toyota", Count: 3},
	}
	places, orgs := StoryCodes(x, ents, ents)
	if diff := cmp.Diff([]string{"japan", "west-germany"}, places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ec"}, orgs); diff != "" {
		t.Errorf("orgs (-want +got):\n%s", diff)
	}
}

func TestPersonName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Iraqi Prime Minister Nouri al-Maliki", "Nouri al-Maliki"},
		{"UN Special Envoy Staffan de Mistura", "Staffan de Mistura"},
		{"Mr Colville", "Colville"},
		{"HE Dr Ibrahim al-Ja'afari", "Ibrahim al-Ja'afari"},
		{"Prime Minister-designate Haider al-Abadi", "Haider al-Abadi"},
		{"John Major", "John Major"},
		{"Chief of Staff", "Chief of Staff"},
		{"Minister of Foreign Affairs of Iraq", "Minister of Foreign Affairs of Iraq"},
		{"Jane Holloway", "Jane Holloway"},
	}
	for _, tc := range tests {
		if got := personName(tc.in); got != tc.want {
			t.Errorf("personName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCountryList(t *testing.T) {
	for _, s := range []string{"U.S.", "United States", "Syria", "UK", "Burma", "Ivory Coast"} {
		if !isCountry(s) {
			t.Errorf("isCountry(%q) = false", s)
		}
	}
	for _, s := range []string{"Damascus", "Iraqi", "Hezbollah"} {
		if isCountry(s) {
			t.Errorf("isCountry(%q) = true", s)
		}
	}
	for _, s := range []string{"Syrians", "Iraqi", "American", "South Korean"} {
		if !isDemonym(s) {
			t.Errorf("isDemonym(%q) = false", s)
		}
	}
	if countryName("SY") != "Syria" || countryName("ZZ") != "" {
		t.Errorf("countryName: SY = %q, ZZ = %q", countryName("SY"), countryName("ZZ"))
	}
}

func TestGoldParts(t *testing.T) {
	got := goldParts(corpus.Place, []string{"Baghdad, Iraq", "Mosul"})
	if diff := cmp.Diff([]string{"Baghdad", "Iraq", "Mosul"}, got); diff != "" {
		t.Errorf("goldParts (-want +got):\n%s", diff)
	}
	if got := goldParts(corpus.Organization, []string{"Smith, Jones and Co"}); len(got) != 1 {
		t.Errorf("goldParts split an organization: %q", got)
	}
}

// TestStoryPart pins the split: changing the hash or the share would move
// stories between the parts and make old figures incomparable.
func TestStoryPart(t *testing.T) {
	test := 0
	for i := 1; i <= 1000; i++ {
		if StoryPart(strconv.Itoa(i)) == Test {
			test++
		}
	}
	if test < 250 || test > 350 {
		t.Errorf("%d of 1000 stories in the test part, want about 300", test)
	}
	h := fnv.New32a()
	h.Write([]byte("7"))
	if p := StoryPart("7"); (h.Sum32()%10 < 3) != (p == Test) {
		t.Errorf("StoryPart(7) = %s, not FNV-1a mod 10 < 3", p)
	}
}

func TestBootstrapSE(t *testing.T) {
	same := []Counts{{Gold: 2, Pred: 2, GoldHit: 1, PredHit: 1}, {Gold: 2, Pred: 2, GoldHit: 1, PredHit: 1}, {Gold: 2, Pred: 2, GoldHit: 1, PredHit: 1}}
	if se := BootstrapSE(same, Counts.F1); se > 1e-12 {
		t.Errorf("SE of identical documents = %g, want 0", se)
	}
	mixed := []Counts{{Gold: 2, Pred: 2, GoldHit: 2, PredHit: 2}, {Gold: 2, Pred: 2}, {Gold: 4, Pred: 1, GoldHit: 1, PredHit: 1}, {Gold: 1, Pred: 3, GoldHit: 1, PredHit: 1}}
	se := BootstrapSE(mixed, Counts.F1)
	if se <= 0.01 || se > 0.5 {
		t.Errorf("SE of varied documents = %g, want between 0.01 and 0.5", se)
	}
	if se != BootstrapSE(mixed, Counts.F1) {
		t.Error("BootstrapSE is not repeatable")
	}
}
