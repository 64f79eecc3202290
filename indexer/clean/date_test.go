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
		{"1685527200000", "2023-05-31"}, // Unix milliseconds
		{"2023-02-30", ""},              // no such day
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
		got, _ := labelledDate(tt.chunks, ok, true)
		if s := dayOf(got); s != tt.want {
			t.Errorf("%s: labelledDate = %q, want %q", tt.name, s, tt.want)
		}
	}
}

func TestDateVote(t *testing.T) {
	day := func(s string) found {
		d, _ := time.Parse("2006-01-02", s)
		return found{t: d, source: s}
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
		if got := dayOf(tt.ds.decide(p).day); got != tt.want {
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

func TestLenientJSONLD(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"plain", `{"@type":"NewsArticle","datePublished":"2021-03-04T10:00:00+01:00"}`, "2021-03-04"},
		{"extra closing brace", `{"@type":"NewsArticle","datePublished":"2021-03-04"}}`, "2021-03-04"},
		{"CDATA", "//<![CDATA[\n{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-11-02\"}\n//]]>", "2019-11-02"},
		{"HTML comment", `<!-- {"@type":"BlogPosting","datePublished":"2018-07-09"} -->`, "2018-07-09"},
		{"two objects, a broken one first", `{"@type":"Organization","name":"X",} {"@type":"NewsArticle","datePublished":"2020-01-05"}`, "2020-01-05"},
		{"raw line break in a string", "{\"@type\":\"NewsArticle\",\"headline\":\"a\nb\",\"datePublished\":\"2017-02-03\"}", "2017-02-03"},
		{"not JSON", `var x = 1;`, ""},
	}
	for _, tt := range tests {
		p := &page{metas: map[string][]string{}}
		p.readLD(tt.src)
		if got := dayOf(parseDate(p.ld.datePublished)); got != tt.want {
			t.Errorf("%s: datePublished = %q (%q), want %q", tt.name, got, p.ld.datePublished, tt.want)
		}
	}
}

func TestStatedZone(t *testing.T) {
	tests := []struct {
		name  string
		metas map[string][]string
		want  string // the day of 2023-05-31T20:30:00Z in the stated zone
	}{
		{"no zone stated: the UTC day", map[string][]string{"article:published_time": {"2023-05-31T20:30:00Z"}}, "2023-05-31"},
		{"a meta tag states +09:00", map[string][]string{"article:published_time": {"2023-05-31T20:30:00Z"}, "article:modified_time": {"2023-06-01T06:00:00+09:00"}}, "2023-06-01"},
		{"UTC offsets state nothing", map[string][]string{"article:published_time": {"2023-05-31T20:30:00+00:00"}}, "2023-05-31"},
	}
	for _, tt := range tests {
		p := &page{metas: tt.metas}
		if got := dayOf(parseDateIn("2023-05-31T20:30:00Z", p.zone())); got != tt.want {
			t.Errorf("%s: day = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestMetadataYears: a date the page states in its metadata is believed
// from 1900 (old newswire archives); a date read from the text only from
// 1995, since before the web a written date is what the article is about.
func TestMetadataYears(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, head, body, want string
	}{
		{"article:published_time of 1987", `<meta property="article:published_time" content="1987-03-02T09:00:00Z">`, `<p>Cocoa exporters met.</p>`, "1987-03-02"},
		{"JSON-LD of 1950", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"1950-06-25"}</script>`, `<p>Text.</p>`, "1950-06-25"},
		{"meta tag before 1900", `<meta name="date" content="1899-12-31">`, `<p>Text.</p>`, ""},
		{"a 1987 date in the text alone", ``, `<p class="date">March 2, 1987</p><p>Cocoa exporters met.</p>`, ""},
		{"a 2019 date in the text", ``, `<p class="date">March 2, 2019</p><p>Cocoa exporters met.</p>`, "2019-03-02"},
	}
	for _, tt := range tests {
		p := datePage(t, tt.head, tt.body, now)
		if got := dayOf(p.published()); got != tt.want {
			t.Errorf("%s: published = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestDatesOfOtherThings: dates of other things than the page lose to the
// page's own: a member's join date, a related article's <time>, a
// revision.
func TestDatesOfOtherThings(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, head, body, want string
	}{
		{"join date beside a forum post", ``,
			`<div class="post"><div class="postprofile">Joined: 12 January 2010</div><div class="content"><p>My router drops the line every evening, any idea?</p><p>Posted 3 March 2011</p></div></div>`,
			"2011-03-03"},
		{"a related article's time element", `<meta property="article:published_time" content="2022-08-14T08:00:00+02:00">`,
			`<p>The bishops met in Warsaw.</p><div class="related-articles"><time datetime="2021-08-14">14 Aug 2021</time><a href="/x">Older story</a></div>`,
			"2022-08-14"},
		{"last edited is not the publication", ``,
			`<p>Last edited 5 May 2020</p><p>The stammtisch meets every Wednesday in the back room.</p>`,
			""},
	}
	for _, tt := range tests {
		p := datePage(t, tt.head, tt.body, now)
		ds := p.dateEvidence()
		ds.texts.loose = found{} // the last resort would take any date
		if got := dayOf(ds.decide(p).day); got != tt.want {
			t.Errorf("%s: published = %q, want %q\n%+v", tt.name, got, tt.want, ds.decide(p).explain())
		}
	}
}

// TestSameElementEvidence: a <time> inside the date line under the
// headline is one element; its further roles are marked sameAs and weigh
// dateRules.SameElement of their weight.
func TestSameElementEvidence(t *testing.T) {
	gq, err := parse(`<html><head><title>T</title></head><body><h1>T</h1><div class="byline"><time datetime="2023-05-31">31 May 2023</time></div><p>Text.</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(gq, Options{}, fixedNowInternal, nil)
	ev := p.dateEvidence().list()
	counted := 0
	for _, e := range ev {
		if e.sameAs == "" {
			counted++
		}
	}
	if len(ev) < 3 || counted != 1 {
		t.Errorf("evidence = %+v: want 3 or more candidates from one element, one counted in full", ev)
	}
}

var fixedNowInternal = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestWrittenDatesByLanguage: a publication date written in the text, in
// the formats of the major news languages.
func TestWrittenDatesByLanguage(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ok := func(d time.Time) bool { return !d.IsZero() && plausible(d, now) }
	tests := []struct {
		lang, in, want string
	}{
		{"zh", "发布时间：2023年5月31日 10:20", "2023-05-31"},
		{"zh full-width digits", "２０２３年５月３１日", "2023-05-31"},
		{"ja", "2023年5月31日（水）15時", "2023-05-31"},
		{"ko", "입력 2023.05.31 오후 2:10", "2023-05-31"},
		{"ko dotted with spaces", "기사입력 2023. 5. 31. 오후 3:10", "2023-05-31"},
		{"ja Reiwa era", "令和5年5月31日", "2023-05-31"},
		{"ja Heisei era", "平成8年4月1日", "1996-04-01"},
		{"ja Reiwa first year", "令和元年5月1日", "2019-05-01"},
		{"ar", "نشر في 31 مايو 2023", "2023-05-31"},
		{"ar Arabic-Indic digits", "الأربعاء ٣١ مايو ٢٠٢٣", "2023-05-31"},
		{"ar Levantine month", "31 أيار 2023", "2023-05-31"},
		{"ar Maghreb month", "31 ماي 2023", "2023-05-31"},
		{"es", "31 de mayo de 2023", "2023-05-31"},
		{"pt", "31 de maio de 2023", "2023-05-31"},
		{"fr", "publié le 31 mai 2023", "2023-05-31"},
		{"de", "31. Mai 2023", "2023-05-31"},
		{"it", "31 maggio 2023", "2023-05-31"},
		{"ru", "31 мая 2023 года", "2023-05-31"},
		{"ro", "31 mai 2023, ora 10:00", "2023-05-31"},
		{"ro month", "12 noiembrie 2022", "2022-11-12"},
		{"tr", "31 Mayıs 2023 Çarşamba", "2023-05-31"},
		{"tr month", "4 Ağustos 2021", "2021-08-04"},
		{"tr capitals", "31 MAYIS 2023", "2023-05-31"},
		{"tr short month", "12 Kas 2022", "2022-11-12"},
		{"id", "Rabu, 31 Mei 2023 10:00 WIB", "2023-05-31"},
		{"id month", "17 Agustus 2022", "2022-08-17"},
		{"vi", "Thứ tư, 31 tháng 5 năm 2023", "2023-05-31"},
		{"vi numeric", "Thứ tư, 31/5/2023 10:00", "2023-05-31"},
	}
	for _, tt := range tests {
		if got := dayOf(firstTextDate(tt.in, ok, true, false)); got != tt.want {
			t.Errorf("%s: firstTextDate(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

// TestHeadlineDateIsTheSubject: a date in the headline is what the
// article is about; the publication date is the one under it.
func TestHeadlineDateIsTheSubject(t *testing.T) {
	gq, err := parse(`<html><head><title>Minutes</title></head><body><header class="entry-header"><h1>Minutes of the board meeting of 10 October 2019</h1>
<div>26 December 2019 by the web team</div></header><p>The board met in the back room and approved the budget.</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(gq, Options{}, fixedNowInternal, nil)
	if got := dayOf(p.published()); got != "2019-12-26" {
		t.Errorf("published = %s, want 2019-12-26 (not the meeting's day in the headline)\n%+v", got, p.dateEvidence().decide(p).explain())
	}
}

func TestPublicationLabelsByLanguage(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ok := func(d time.Time) bool { return !d.IsZero() && plausible(d, now) }
	for _, tt := range []struct {
		chunks []string
		want   string
	}{
		{[]string{"掲載日：2023年3月1日"}, "2023-03-01"},
		{[]string{"박정훈 기자 | 등록일 2023년 3월 17일"}, "2023-03-17"},
		{[]string{"发布时间：2023年5月31日 10:20"}, "2023-05-31"},
		{[]string{"Yayınlanma tarihi: 31 Mayıs 2023"}, "2023-05-31"},
		{[]string{"Diterbitkan", "31 Mei 2023"}, "2023-05-31"},
		{[]string{"Ngày đăng: 31/5/2023"}, "2023-05-31"},
		{[]string{"Publicat: 31 mai 2023"}, "2023-05-31"},
		{[]string{"تاريخ النشر: 31 مايو 2023"}, "2023-05-31"},
	} {
		got, _ := labelledDate(tt.chunks, ok, true)
		if s := dayOf(got); s != tt.want {
			t.Errorf("labelledDate(%q) = %q, want %q", tt.chunks, s, tt.want)
		}
	}
}

// datePage is a page titled T with head and body, read at now.
func datePage(t *testing.T, head, body string, now time.Time) *page {
	t.Helper()
	gq, err := parse("<html><head><title>T</title>" + head + "</head><body><h1>T</h1>" + body + "</body></html>")
	if err != nil {
		t.Fatal(err)
	}
	return newPage(gq, Options{}, now, nil)
}
