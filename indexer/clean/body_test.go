package clean

import "testing"

func TestPromoLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Follow The Daily Courier Opinion section on Facebook, Twitter and Instagram.", true},
		{"Jane Roe contributed reporting from Hong Kong.", true},
		{"Have a tip? John Doe may be reached at jdoe@example.com.", true},
		{"Get the latest updates right in your inbox. Subscribe to our newsletters.", true},
		{"This post may contain affiliate links.", true},
		{"TRENDING:", true},
		{"Filed under: Politics |", true},
		{"Lesezeit: 3 Minuten", true},
		{"5 min read", true},
		{"Updated: 19 November 2019, 09:01 AM", true},
		{"Image 1 of 5", true},
		{"jdoe@example.com", true},
		{"You have been successfully subscribed!", true},
		{"Example Corp may earn an Affiliate Commission if you purchase something through links.", true},
		// Article sentences that share words with the patterns.
		{"The senator said she would follow the committee's advice on Twitter policy.", false},
		{"Topics discussed at the summit included trade and climate.", false},
		{"Reporters who contributed to the investigation were threatened.", false},
		{"Updated figures show a rise in unemployment.", false},
	}
	for _, tt := range tests {
		if got := promoLine(tt.line); got != tt.want {
			t.Errorf("promoLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestBoilerLabels(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Advertisement", true},
		{"Anzeige", true},
		{"Publicité", true},
		{"Iklan", true},
		{"広告", true},
		{"Read more »", true},
		{"Comments (12)", true},
		// Sentences that start with a label word.
		{"Advertisement rules for broadcasters changed in 2023.", false},
		{"Publicidad institucional: el gobierno gastó más este año.", false},
	}
	for _, tt := range tests {
		if got := boilerRE.MatchString(tt.line); got != tt.want {
			t.Errorf("boilerRE.MatchString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
