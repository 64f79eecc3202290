package clean

import (
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
		{"1685527200", "2023-05-31"},
		{"2023-02-30", ""}, // no such day
		{"version 2.0.1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
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
		{"https://example.com/id/202305311234567", ""},                            // a long number
		{"https://web.archive.org/web/20140109030403/http://x.example/story", ""}, // a capture time, not a date of publication
		{stripArchive("https://web.archive.org/web/20140109030403/http://x.example/2013/12/09/story"), "2013-12-09"},
	}
	for _, tt := range tests {
		got := dateFromURL(tt.in)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
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
		if got := parseDateIn(tt.in, tt.zone).Format("2006-01-02"); got != tt.want {
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
