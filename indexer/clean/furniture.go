package clean

import (
	"regexp"
	"strings"
)

// Page furniture that sits inside the article's container and reads like
// short text: each kind is a named line rule, asked of every paragraph the
// emit step writes. A rule drops a paragraph only when it is shorter than
// its MaxWeight (textWeight), so that a sentence that merely mentions a
// photo or an update stays.
type lineRule struct {
	Name string
	// MaxWeight is the longest paragraph (in textWeight) the rule may drop.
	MaxWeight int
	Match     func(s string) bool
}

// furnitureRules are the line rules, in the order they are asked.
var furnitureRules = []lineRule{
	// "1/50", "12 of 50": the counter of a photo gallery's slides.
	{Name: "gallery counter", MaxWeight: 20, Match: galleryCounterRE.MatchString},
	// A caption ending in its credit: "The walls at the old mill. Photo:
	// Jane Rivers / Agency", "(Foto: dpa)".
	{Name: "photo credit", MaxWeight: 240, Match: creditTailRE.MatchString},
	// The marks a page draws around a pull quote for screen readers.
	{Name: "quote furniture", MaxWeight: 30, Match: quoteMarkRE.MatchString},
	// "Last updated at 14:32", "Aktualisiert am 3. Mai": a revision line.
	{Name: "update line", MaxWeight: 70, Match: updateLineRE.MatchString},
	// "Your browser is out of date", "enable JavaScript": advice about the
	// reader's browser.
	{Name: "browser advice", MaxWeight: 400, Match: browserAdvice},
	// JavaScript written out as text (a script the page's markup broke).
	{Name: "script text", MaxWeight: 1 << 30, Match: scriptText},
	// "Was this article helpful?", "Diese Seite teilen", "Gefällt dir
	// unser Magazin?": a call to rate, like or share the page.
	{Name: "engagement call", MaxWeight: 80, Match: engagementRE.MatchString},
	// "Views: 494", "조회수 1,024": a page counter.
	{Name: "view counter", MaxWeight: 40, Match: counterRE.MatchString},
}

var (
	galleryCounterRE = regexp.MustCompile(`^\(?\d{1,3}\s*(?:/|of|von|de|sur|di|из)\s*\d{1,3}\)?$`)
	creditTailRE     = regexp.MustCompile(`(?i)(?:^|[\s(|•·–-])(?:photos?|foto|fotos|bild|bilder|image|picture|pictures|credit|crédit|crédito|video)\s*:\s*[^.!?:]{2,80}\)?\s*$`)
	quoteMarkRE      = regexp.MustCompile(`(?i)^(?:(?:start|end|begin) (?:of )?quote|quote (?:start|end)|zitat (?:anfang|ende)|(?:début|fin) de (?:la )?citation)$`)
	engagementRE     = regexp.MustCompile(`(?i)^(?:` +
		// English
		`(?:please )?(?:share|rate|like) (?:this|the) (?:article|story|post|page)|(?:did you (?:like|enjoy)|enjoyed|liked) (?:this|the|our) .{1,30}\?|if you (?:enjoyed|liked) (?:reading )?this|be sociable,? share|was this (?:article|post|page|story) (?:helpful|useful)` +
		// German
		`|(?:(?:diese[nrs]? )?(?:artikel|beitrag|seite) )?(?:jetzt )?(?:teilen|bewerten)|mit freunden teilen|(?:möchten sie|willst du) (?:den|diesen) (?:artikel|beitrag) teilen|war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)` +
		`|(?:(?:der|dieser) )?(?:artikel|beitrag) (?:hat )?(?:gefällt|gefallen)(?: ihnen| dir)?\b.{0,40}|gefällt (?:dir|ihnen) (?:unser|unsere|der|dieser|dieses) .{1,30}\?|wie (?:bewerten|gefällt) (?:sie|ihnen|dir) (?:diese[nrs]?|der|den) (?:artikel|beitrag)\??|lust auf mehr\?|was (?:denkst|meinst) du\?` +
		// French, Spanish, Portuguese, Italian
		`|partager (?:cet|l')article|cet article vous a plu\s*\?|compartir (?:esta noticia|este artículo)|¿te (?:gustó|ha gustado) (?:este|esta) .{1,30}\?|compartilhe (?:esta|este) .{1,20}|gostou (?:deste|desta) .{1,30}\?|condividi (?:questo|l')articolo|ti è piaciuto (?:questo|l')articolo\?` +
		`)\W*$`)
	counterRE    = regexp.MustCompile(`(?i)^(?:views|hits|reads|page views|aufrufe|vues|visitas|visualizações|조회수?|閲覧数|阅读)\s*[:：]?\s*[\d.,]+(?:\s*(?:times|mal|회|回|次))?$`)
	updateLineRE = regexp.MustCompile(`(?i)^(?:last )?(?:updated|modified|edited)(?: at| on)?\b|^(?:zuletzt )?aktualisiert(?: am)?\b|^mis à jour\b|^actualizado\b|^aggiornato\b|^atualizado\b`)
)

// browserWords are phrases of advice about the reader's browser.
var browserWords = []string{"browser is out of date", "outdated browser", "best viewed in", "update your browser",
	"upgrade your browser", "unsupported browser", "browser is not supported", "enable javascript",
	"javascript is disabled", "javascript is turned off", "javascript aktivieren", "javascript ist deaktiviert",
	"browser wird nicht unterstützt", "activez javascript", "navigateur obsolète"}

func browserAdvice(s string) bool {
	l := strings.ToLower(s)
	for _, w := range browserWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// furniture returns the name of the line rule that drops paragraph s of
// weight w, or "".
func furniture(s string, w int) string {
	for _, r := range furnitureRules {
		if w <= r.MaxWeight && r.Match(s) {
			return r.Name
		}
	}
	return ""
}

// The lines above the headline's own line in the text are the page's top
// furniture: a masthead ("IT Policy News"), a menu ("Menu", "Contact"), a
// breadcrumb. Old table layouts put them in the same cell as the article.
const (
	// leadInMaxParas is how far down the headline's line may be for what is
	// above it to count as furniture.
	leadInMaxParas = 4
	// leadInMaxWeight is the longest a furniture line above the headline
	// may be (textWeight): a real lead paragraph is longer.
	leadInMaxWeight = 80
	// leadInMaxPrefix is the most text that may precede the headline inside
	// its own line (a menu's last link glued to it in one table cell).
	leadInMaxPrefix = 40
)

// dropLeadIn removes the headline's own line from the first paragraphs of
// the text, with every short line above it.
func dropLeadIn(paras []string, title string) []string {
	tk := titleKey(title)
	if tk == "" {
		return paras
	}
	for i := 0; i < len(paras) && i < leadInMaxParas; i++ {
		if len(paras[i]) > 4*(len(title)+leadInMaxPrefix) {
			return paras // a long paragraph: neither furniture nor the headline
		}
		k := titleKey(paras[i])
		if k != tk && !(strings.HasSuffix(k, tk) && textWeight(k[:len(k)-len(tk)]) <= leadInMaxPrefix) {
			if textWeight(paras[i]) > leadInMaxWeight {
				return paras
			}
			continue
		}
		return paras[i+1:]
	}
	return paras
}

// scriptText reports a paragraph that is program code: a JavaScript
// keyword and a high share of the punctuation code is made of.
func scriptText(s string) bool {
	if !strings.Contains(s, "function") && !strings.Contains(s, "var ") && !strings.Contains(s, "document.") {
		return false
	}
	punct := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '}', ';', '=', '(', ')':
			punct++
		}
	}
	return punct*100 >= scriptPunctPercent*len(s)
}

// scriptPunctPercent is the share of code punctuation ({};=()) from which
// a paragraph with a JavaScript keyword is code: prose has about 1 %.
const scriptPunctPercent = 6

// Lists of other stories written as "January 15, 2008 Headline" lines.
const (
	// datedTeaserRun is how many such lines in a row make a list.
	datedTeaserRun = 3
	// datedTeaserMaxWeight is the longest such a line may be.
	datedTeaserMaxWeight = 160
	// datedTeaserMinBefore is the article text (bytes) that must come
	// before the list for what follows it to be cut too.
	datedTeaserMinBefore = 200
)

// cutDatedTeasers finds a run of datedTeaserRun or more short paragraphs
// that each begin with a written date (a list of other stories by date)
// and cuts the text there: the run, and what follows it once some article
// text came before (the rest of the page's furniture).
func cutDatedTeasers(paras []string) []string {
	run, start := 0, -1
	for i, p := range paras {
		if textWeight(p) <= datedTeaserMaxWeight && startsWithDate(p) {
			if run == 0 {
				start = i
			}
			run++
			continue
		}
		if run >= datedTeaserRun {
			break
		}
		run, start = 0, -1
	}
	if run < datedTeaserRun {
		return paras
	}
	before := 0
	for _, p := range paras[:start] {
		before += len(p)
	}
	if before >= datedTeaserMinBefore {
		return paras[:start]
	}
	return append(paras[:start:start], paras[start+run:]...)
}

// startsWithDate reports a paragraph whose first words are a written date.
func startsWithDate(p string) bool {
	head := p
	if len(head) > 40 {
		head = head[:40]
	}
	if !hasYear(head) {
		return false
	}
	for _, f := range findDates(head, true) {
		if f.start <= 3 {
			return true
		}
	}
	return false
}

// edgeLabelMaxWeight is the longest (textWeight) a line at the start or
// end of the text may be to count as a label of the page around the
// article ("EDITOR'S CHOICE", "Local Sport", "Hot Jobs", a poll's "Yes").
const edgeLabelMaxWeight = 40

// edgeLabelRun is how many label lines in a row at an edge make page
// furniture.
const edgeLabelRun = 2

// trimLabelEdges drops the short label lines, without a sentence's end,
// that open or close the text: the section names, menus and poll choices
// of a layout whose cell holds the article too. A label between two
// paragraphs of prose (a subheading) stays, and so do list items and table
// rows (items): a list of stages or teams is the article's.
func trimLabelEdges(paras []string, items map[string]bool) []string {
	label := func(p string) bool {
		return textWeight(p) <= edgeLabelMaxWeight && !sentenceEnd.MatchString(p) && !items[p]
	}
	i := 0
	for i < len(paras) && label(paras[i]) {
		i++
	}
	j := len(paras)
	for j > i && label(paras[j-1]) {
		j--
	}
	if i == j {
		return paras // all labels: leave the page's text as it is
	}
	// One label alone is the article's own (a sign-off, a kicker); a run
	// is the page's.
	if i < edgeLabelRun {
		i = 0
	}
	if len(paras)-j < edgeLabelRun {
		j = len(paras)
	}
	return paras[i:j]
}

// teaserOpenRE matches the short line that opens a list of other stories
// after the article, in the languages of the sets beyond stopRE's: "Schon
// gelesen?", "Die neuesten Meldungen", "Mehr zu Klima", "Temas
// relacionados". The text is cut there. "Read also" boxes ("Lesen Sie
// auch", "Leggi anche") are not among them: they sit inside articles.
var teaserOpenRE = regexp.MustCompile(`(?i)^(?:` +
	// English
	`further reading|(?:latest|more|recent) (?:stories|news|articles|posts|headlines)|related (?:topics|reading)|more (?:about|on) [^.!?]{1,30}|(?:discover|explore) (?:our|more) [^.!?]{1,40}` +
	// German
	`|schon gelesen\??|(?:die )?(?:neuesten|letzten|aktuellen) (?:meldungen|artikel|beiträge|nachrichten|news)|letzte (?:artikel|beiträge)|aktuelle (?:news|nachrichten|berichte|beiträge|themen)(?: [^.!?]{1,40})?` +
	`|mehr (?:zu|zum|zur|über) [^.!?]{1,30}|mehr themen|zum weiterlesen|weitere (?:beiträge|artikel|themen|nachrichten|meldungen|news)(?: [^.!?]{1,40})?|(?:das|dieses) (?:thema )?könnte (?:dich|sie) (?:auch )?interessieren|nächster artikel|empfehlungen(?: [^.!?]{1,30})?` +
	// Spanish, Portuguese, French, Dutch
	`|temas relacionados|más (?:sobre|de) [^.!?]{1,30}|(?:notícias|matérias) relacionadas|dans la même rubrique|sur le même thème|meer (?:nieuws|artikelen) over [^.!?]{1,30}` +
	`)\s*[:…»›>|]*$`)

// commentPromptRE matches the line that opens the readers' comments by
// asking for one, or for a login first: "Kommentieren", "View comments",
// "Vos réactions", "Sie müssen sich einloggen, um Kommentare zu
// schreiben". The text is cut there, like at a "Comments" heading.
var commentPromptRE = regexp.MustCompile(`(?i)^(?:` +
	`kommentieren|kommentare? (?:schreiben|verfassen|anzeigen|lesen|insgesamt)|(?:view|show|read) (?:all )?(?:\d+ )?comments|vos réactions|réagir à cet article|comentar|deja (?:un|tu) comentario|lascia un commento|skomentuj` +
	`|[^.!?]{0,60}\b(?:einloggen|anmelden|registrieren|eingeloggt|angemeldet|log in|logged in|sign in|signed in|register|connecté|connectez-vous)\b[^.!?]{0,60}\b(?:kommentar|kommentare|kommentieren|diskussion|comment|comments|discussion|commenter)\b[^.!?]{0,40}` +
	`)\s*[:.…!»›>|]*$`)

// endMatterRE matches the label that opens the matter after an article:
// the author's box, the contact or press contact, the list of sources.
// The text is cut there, below most of it.
var endMatterRE = regexp.MustCompile(`(?i)^(?:über (?:den autor|die autorin)|zum autor|zur autorin|about the author|about the authors|kontakt|contact|pressekontakt|press contact|media contact|ansprechpartner(?:in)?|quellen(?:angaben)?|autoren|authors|à propos de l'auteur|sobre el autor|sobre o autor)\s*:?$`)
