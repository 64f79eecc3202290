package search_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/search"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form; "" for the empty query
	}{
		{"", ""},
		{"   ", ""},
		{"open ran", "open ran"},
		{`"Open RAN"`, `"Open RAN"`},
		{`"  Open   RAN "`, `"Open RAN"`},
		{"+kddi -softbank", "kddi -softbank"},
		{`-"open ran" chips`, `-"open ran" chips`},
		{"a OR b c", "a OR b c"},
		{"a OR b OR c", "a OR b OR c"},
		{"a AND b", "a b"},
		{"or and", "or and"}, // lower case: words, not operators
		{"org:KDDI", "org:KDDI"},
		{`Org:"Ministry of Science and ICT"`, `org:"Ministry of Science and ICT"`},
		{"title:chips lang:ko place:Japan person:Kim source:Wire body:ran", "title:chips lang:ko place:Japan person:Kim source:Wire body:ran"},
		{"org:KDDI OR org:SoftBank", "org:KDDI OR org:SoftBank"},
		{"10:30 meeting", "10:30 meeting"},
		{"https://example.com/x", "https://example.com/x"},
		{"AI-chips", "AI-chips"},
		{`foo"bar"`, `foo "bar"`},
		{"과학기술정보통신부 -삼성전자", "과학기술정보통신부 -삼성전자"},
		{"“Open RAN”", `"Open RAN"`},
	}
	for _, tt := range tests {
		q, err := search.ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // part of the message
	}{
		{`"open ran`, "unbalanced quote"},
		{`open "ran`, "at character 6"},
		{`""`, "empty phrase"},
		{"author:kim", `unknown field "author"`},
		{"org:", "org: needs a value"},
		{"org: KDDI", "org: needs a value"},
		{"-", `"-" must be followed by a word or phrase`},
		{"kddi - softbank", `"-" must be followed`},
		{"+", `"+" must be followed`},
		{"--kddi", "cannot be followed by another"},
		{"OR kddi", "OR must stand between two terms"},
		{"kddi OR", "OR must stand between two terms"},
		{"kddi OR OR softbank", "OR must stand between two terms"},
		{"AND kddi", "AND must stand between two terms"},
		{"-kddi OR softbank", "cannot be used on terms joined by OR"},
		{strings.Repeat("a", search.MaxQueryLen+1), "the limit is 1000"},
		{"\xff", "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := search.ParseQuery(tt.in)
		if !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("ParseQuery(%.40q) error = %v, want ErrBadQuery", tt.in, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseQuery(%.40q) error = %q, want it to say %q", tt.in, err, tt.want)
		}
	}
	if _, err := search.ParseQuery(strings.Repeat("가", search.MaxQueryLen)); err != nil {
		t.Errorf("a query of exactly %d characters: %v", search.MaxQueryLen, err)
	}
}

func ExampleParseQuery() {
	q, err := search.ParseQuery(`"Open RAN" KDDI OR SoftBank -org:Samsung`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range q.Clauses {
		fmt.Printf("not=%v any=%v\n", c.Not, c.Any)
	}
	// Output:
	// not=false any=["Open RAN"]
	// not=false any=[KDDI SoftBank]
	// not=true any=[org:Samsung]
}

func ExampleParseQuery_error() {
	_, err := search.ParseQuery(`"Open RAN`)
	fmt.Println(err)
	_, err = search.ParseQuery(`author:kim`)
	fmt.Println(err)
	// Output:
	// bad query: unbalanced quote: the phrase is never closed (at character 1)
	// bad query: unknown field "author"; fields are title: body: org: place: person: source: lang: (at character 1)
}

// TestParseQueryTyping: what a half-typed query means. Nothing is an
// error; the last word, when the text ends inside it, is a prefix (shown
// with *), and a phrase never closed is a phrase in progress.
func TestParseQueryTyping(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""},
		{"semicond", "semicond*"},
		{"semicond ", "semicond"},
		{"open ran", "open ran*"},
		{`"Open RA`, `"Open RA*`},
		{`"Open RAN `, `"Open RAN"`},
		{`"`, ""},
		{`""`, ""},
		{`chips "`, "chips"},
		{"chips -", "chips"},
		{"chips +", "chips"},
		{"chips OR", "chips"},
		{"chips AND", "chips"},
		{"OR chips", "chips*"},
		{"chips OR OR ai", "chips OR ai*"},
		{"--chips", "-chips"},
		{"-chips", "-chips"},
		{"-chips OR ai", "chips OR ai*"},
		{"org:", ""},
		{"chips org:", "chips"},
		{"org:KDD", "org:KDD"}, // names match whole; "did you mean" helps
		{"author:kim", "author:kim*"},
		{"a", "a"}, // one letter begins too many words
		{"반도체", "반도체"},
		{`"Open 오픈`, `"Open 오픈"`},
		{"“Open RA", `"Open RA*`},
	}
	for _, tt := range tests {
		q, err := search.ParseQueryTyping(tt.in)
		if err != nil {
			t.Errorf("ParseQueryTyping(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("ParseQueryTyping(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Limits stay errors.
	if _, err := search.ParseQueryTyping(strings.Repeat("a", search.MaxQueryLen+1)); !errors.Is(err, search.ErrBadQuery) {
		t.Errorf("an over-long typed query: err = %v, want ErrBadQuery", err)
	}
}
