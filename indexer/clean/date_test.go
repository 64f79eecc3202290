package clean

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2023-05-31", "2023-05-31"},
		{"2023-05-31T23:30:00+09:00", "2023-05-31"}, // the publisher's own day
		{"2023/05/31 10:00", "2023-05-31"},
		{"2023.05.31", "2023-05-31"},
		{"20230531", "2023-05-31"},
		{"Wed, 31 May 2023 10:00:00 GMT", "2023-05-31"},
		{"May 31, 2023", "2023-05-31"},
		{"May 31st, 2023", "2023-05-31"},
		{"31 May 2023", "2023-05-31"},
		{"31. Mai 2023", "2023-05-31"},
		{"Mittwoch, 31. Mai 2023, 14:10 Uhr", "2023-05-31"},
		{"31 mai 2023", "2023-05-31"},
		{"le 1er juin 2023", "2023-06-01"},
		{"31 de mayo de 2023", "2023-05-31"},
		{"31 maja 2023", "2023-05-31"},
		{"31.05.2023", "2023-05-31"},
		{"05/31/2023", "2023-05-31"},
		{"31/05/2023", "2023-05-31"},
		{"2023년 5월 31일", "2023-05-31"},
		{"입력 2023년 5월 31일 오후 2:10", "2023-05-31"},
		{"2023年5月31日", "2023-05-31"},
		{"2023年 5月 31日（水）", "2023-05-31"},
		{"15 августа 2016, 13:43", "2016-08-15"},
		{"02 Ago 2017", "2017-08-02"},
		{"1685527200", "2023-05-31"},
		{"2023-02-30", ""}, // no such day
		{"version 2.0.1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		if s := dayOf(got); s != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/2023/05/31/open-ran", "2023-05-31"},
		{"https://example.com/news/2023-05-31-open-ran.html", "2023-05-31"},
		{"https://example.com/a/20230531/story", "2023-05-31"},
		{"https://example.com/2023/05/open-ran", ""},                              // no day
		{"https://example.com/2023/10/3-questions", ""},                           // "3-" begins the slug
		{"https://example.com/2023/11-02/story", ""},                              // mixed separators
		{"https://example.com/news/29-10-2021", "2021-10-29"},                     // day-month-year segment
		{"https://example.com/id/202305311234567", ""},                            // a long number
		{"https://web.archive.org/web/20140109030403/http://x.example/story", ""}, // a capture time, not a date of publication
		{stripArchive("https://web.archive.org/web/20140109030403/http://x.example/2013/12/09/story"), "2013-12-09"},
	}
	for _, tt := range tests {
		got := dateFromURL(tt.in)
		if s := dayOf(got); s != tt.want {
			t.Errorf("dateFromURL(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestParseDateInZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		zone *time.Location
		want string
	}{
		{"2021-11-04T23:00Z", berlin, "2021-11-05"}, // UTC late evening is the next day in Berlin
		{"2021-11-04T23:00:00+00:00", berlin, "2021-11-05"},
		{"2021-11-04T23:00:00+01:00", berlin, "2021-11-04"}, // an explicit offset is the local day
		{"2021-11-04T23:00Z", nil, "2021-11-04"},            // zone unknown: the day as written
	}
	for _, tt := range tests {
		if got := dayOf(parseDateIn(tt.in, tt.zone)); got != tt.want {
			t.Errorf("parseDateIn(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPlausible(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		day  time.Time
		want bool
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := plausible(tt.day, now); got != tt.want {
			t.Errorf("plausible(%v) = %v", tt.day, got)
		}
	}
}

func TestLabelledDate(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	ok := func(d time.Time) bool { return !d.IsZero() && plausible(d, now) }
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"label and date in one line", []string{"Published on May 5, 2023"}, "2023-05-05"},
		{"label in the previous element", []string{"Erschienen am:", "01.11.2023"}, "2023-11-01"},
		{"weekday between", []string{"Publié le mardi, 3 janvier 2023"}, "2023-01-03"},
		{"two-digit year", []string{"Datum:", "03.02.22"}, "2022-02-03"},
		{"update label is not publication", []string{"Letzte Änderung: 31.10.2023", "Lesungen: 61"}, ""},
		{"no label", []string{"The meeting on 5 May 2023 was short."}, ""},
		{"long paragraph speaks of something else", []string{strings.Repeat("Words of a long paragraph. ", 8) + "The report, published on 5 May 2019, said so."}, ""},
	}
	for _, tt := range tests {
		got := labelledDate(tt.chunks, ok, true)
		if s := dayOf(got); s != tt.want {
			t.Errorf("%s: labelledDate = %q, want %q", tt.name, s, tt.want)
		}
	}
}

func TestDateVote(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.Parse("2006-01-02", s)
		return d
	}
	p := &page{now: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), metas: map[string][]string{}}
	tests := []struct {
		name string
		ds   dateSources
		want string
	}{
		{"URL alone", dateSources{url: day("2023-05-05")}, "2023-05-05"},
		{"URL beats meta and header", dateSources{url: day("2023-05-05"), meta: day("2023-05-06"), texts: textDates{classed: day("2023-05-06")}}, "2023-05-05"},
		{"visible header dates outvote a meta tag", dateSources{meta: day("2023-05-06"), texts: textDates{classed: day("2023-05-04"), after: day("2023-05-04")}}, "2023-05-04"},
		{"meta beats one header date", dateSources{meta: day("2023-05-06"), texts: textDates{after: day("2023-05-04")}}, "2023-05-06"},
		{"JSON-LD alone", dateSources{ld: day("2023-05-01")}, "2023-05-01"},
		{"script JSON only as a last resort", dateSources{script: day("2023-01-01"), texts: textDates{any: day("2023-05-02")}}, "2023-05-02"},
		{"script JSON when nothing else", dateSources{script: day("2023-01-01")}, "2023-01-01"},
	}
	for _, tt := range tests {
		if got := dayOf(tt.ds.decide(p)); got != tt.want {
			t.Errorf("%s: decide = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// dayOf is a day as YYYY-MM-DD, or "" for the zero time (no date).
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
