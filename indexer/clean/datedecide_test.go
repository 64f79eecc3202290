package clean

import (
	"strings"
	"testing"
	"time"
)

// The decision's steps (evidence.go), each alone: weigh, group, pick,
// explain, and the last resorts.

func evDay(s string, weight float64, sameAs string) evidence {
	d, _ := time.Parse("2006-01-02", s)
	return evidence{found: found{t: d, source: s}, weight: weight, sameAs: sameAs}
}

func TestCounted(t *testing.T) {
	tests := []struct {
		name string
		e    evidence
		want float64
	}{
		{"a piece of its own counts in full", evDay("2023-05-05", 1.5, ""), 1.5},
		{"a second role of one element counts SameElement of its weight", evDay("2023-05-05", 1.5, "time"), 1.5 * dateRules.SameElement},
	}
	for _, tt := range tests {
		if got := counted(tt.e); got != tt.want {
			t.Errorf("%s: counted = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestByDayAndPickDay(t *testing.T) {
	tests := []struct {
		name string
		ev   []evidence
		want string
	}{
		{"no evidence, no day", nil, ""},
		{"one day", []evidence{evDay("2023-05-05", 2, "")}, "2023-05-05"},
		{"two pieces outweigh one heavier",
			[]evidence{evDay("2023-05-06", 2, ""), evDay("2023-05-04", 1.5, ""), evDay("2023-05-04", 1.5, "")}, "2023-05-04"},
		{"a tie goes to the first (most reliable) piece",
			[]evidence{evDay("2023-05-06", 1.5, ""), evDay("2023-05-04", 1.5, "")}, "2023-05-06"},
		{"a piece counted for another cannot name the winner alone",
			[]evidence{evDay("2023-05-06", 0.5, ""), evDay("2023-05-04", 1.5, "meta")}, "2023-05-06"},
	}
	for _, tt := range tests {
		if got := dayOf(pickDay(tt.ev, byDay(tt.ev))); got != tt.want {
			t.Errorf("%s: pickDay = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWhyPicked(t *testing.T) {
	ev := []evidence{evDay("2023-05-06", 2, ""), evDay("2023-05-04", 1.5, ""), evDay("2023-05-01", 0.5, "")}
	total := byDay(ev)
	best := pickDay(ev, total)
	want := "the most weight: 2.0 against 2023-05-01 0.5, 2023-05-04 1.5"
	if got := whyPicked(best, total); got != want {
		t.Errorf("whyPicked = %q, want %q", got, want)
	}
}

func TestLastResort(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, head, body string
		want, why        string
	}{
		{"a script's JSON", `<script>var s={"publishedAt":"2023-02-03T10:00:00Z"}</script>`, ``, "2023-02-03", "script"},
		{"the share image's path", `<meta property="og:image" content="https://cdn.example/2022/11/30/harbour.jpg">`, ``, "2022-11-30", "image"},
		{"the description", `<meta name="description" content="Minutes of the council, 4 March 2021.">`, ``, "2021-03-04", "description"},
		{"nothing", ``, `<p>No day is written here.</p>`, "", "no date found"},
	}
	for _, tt := range tests {
		p := datePage(t, tt.head, tt.body, now)
		d := p.dateEvidence().decide(p)
		if got := dayOf(d.day); got != tt.want || !strings.Contains(d.why, tt.why) {
			t.Errorf("%s: day %q (%s), want %q (%s)", tt.name, got, d.why, tt.want, tt.why)
		}
	}
}
