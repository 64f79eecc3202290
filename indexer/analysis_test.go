package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTextAnalyzer(t *testing.T) {
	an := NewMapping().AnalyzerNamed(TextAnalyzer)
	if an == nil {
		t.Fatal("no analyzer")
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"KDDI's AI chips", []string{"kddi", "ai", "chip"}},
		{"The Ministry of Science", []string{"ministri", "scienc"}},
		{"과학기술정보통신부는", []string{"과학", "학기", "기술", "술정", "정보", "보통", "통신", "신부", "부는"}},
		{"정보통신", []string{"정보", "보통", "통신"}},
		{"KDDI와 협력", []string{"kddi", "와", "협력"}},
		{"총리", []string{"총리"}},
		{"ソフトバンクが発表", []string{"ソフ", "フト", "トバ", "バン", "ンク", "クが", "が発", "発表"}},
		{"総務省", []string{"総務", "務省"}},
		{"Ｏｐｅｎ RAN 5G", []string{"open", "ran", "5g"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range an.Analyze([]byte(tt.in)) {
			got = append(got, string(tok.Term))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Analyze(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestPhraseAnalyzer: adjacent terms pair up, across scripts; a dropped
// stop word leaves a gap that makes no pair.
func TestPhraseAnalyzer(t *testing.T) {
	an := NewMapping().AnalyzerNamed(PhraseAnalyzer)
	tests := []struct {
		in   string
		want []string
	}{
		{"Open RAN trials", []string{"open ran", "ran trial"}},
		{"Department of Defense", nil},
		{"health care", []string{"health care"}},
		{"半導体", []string{"半導 導体"}},
		{"KDDI", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range an.Analyze([]byte(tt.in)) {
			got = append(got, string(tok.Term))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Analyze(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
