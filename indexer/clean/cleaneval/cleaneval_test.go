package cleaneval

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	got := Tokens("Open-RAN's 5G_test: 한국어 문장, Grüße!")
	want := []string{"open", "ran", "s", "5g_test", "한국어", "문장", "grüße"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tokens (-want +got):\n%s", diff)
	}
}

func TestShinglePR(t *testing.T) {
	const text = "one two three four five six seven eight"
	tests := []struct {
		name, want, got string
		p, r            float64
	}{
		{"same", text, text, 1, 1},
		{"half found", text, "one two three four five", 1, 2.0 / 5},
		{"extra text", "one two three four five", text, 2.0 / 5, 1},
		{"nothing extracted", text, "", 0, 0},
		{"disjoint", text, "alpha beta gamma delta epsilon", 0, 0},
		{"repeat counted as multiset", "a b c d", "a b c d a b c d", 1.0 / 5, 1},
	}
	for _, tt := range tests {
		p, r := ShinglePR(tt.want, tt.got)
		if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 {
			t.Errorf("%s: ShinglePR = %.3f, %.3f; want %.3f, %.3f", tt.name, p, r, tt.p, tt.r)
		}
	}
}

func TestNormDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022-01-26": "2022-01-26", "2022-01.26": "2022-01-26", "2022-11-1": "2022-11-01", "": "", "2022": "",
	} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestL3STruth(t *testing.T) {
	ann := `<html><head><style>.x-nc-sel2{}</style></head><body>
<span class="x-nc-sel0">Home | News</span>
<span class="x-nc-sel1">Rocket down Eagles</span>
<span class="x-nc-sel2">The Rockets won <b>easily</b> on Sunday.</span>
<span class="x-nc-sel3">Photo: AP</span>
<span class="x-nc-sel2">Fans cheered.</span></body></html>`
	body, title, err := l3sTruth([]byte(ann))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Rocket down Eagles" {
		t.Errorf("title = %q", title)
	}
	if got := Tokens(body); !cmp.Equal(got, Tokens("The Rockets won easily on Sunday. Fans cheered.")) {
		t.Errorf("body tokens = %v", got)
	}
}
