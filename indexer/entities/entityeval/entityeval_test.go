package entityeval

import (
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
