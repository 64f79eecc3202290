package entities

// Word lists for the patterns that find names the gazetteer does not know.
// They are kept small and general: they describe how English news writes
// names, not any particular text.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// orgHeads end (or lead, for "Ministry of …") an organization's name.
var orgHeads = set(
	"ministry", "department", "agency", "commission", "council", "committee", "office", "bureau",
	"authority", "administration", "service", "services", "institute", "institution", "university", "college",
	"academy", "center", "centre", "alliance", "association", "federation", "union", "organization",
	"organisation", "corporation", "corp", "inc", "co", "ltd", "llc", "plc", "ag", "gmbh", "nv", "bv", "sa", "spa",
	"group", "holdings", "bank", "fund", "foundation", "forum", "society", "party", "army", "navy",
	"forces", "force", "brigade", "brigades", "battalion", "regiment", "division", "corps", "front",
	"movement", "court", "parliament", "assembly", "congress", "senate", "board", "network",
	"electronics", "motors", "industries", "systems", "technologies", "telecom",
	"telecommunications", "communications", "airlines", "airways", "times", "post", "journal",
	"television", "tv", "radio", "press", "news", "labs", "laboratories", "laboratory", "consortium",
	"coalition", "league", "secretariat", "directorate", "tribunal", "police", "guard",
	"orchestra", "militia", "cartel", "economics", "consulting", "consultancy", "associates", "advisors",
	"advisers", "analytics", "research", "exchange", "chamber", "federation", "trust", "company", "companies", "enterprises",
	"mobile", "energy", "petroleum", "oil", "steel", "chemical", "chemicals", "pharmaceuticals",
	"semiconductor", "semiconductors", "motor", "securities", "insurance", "capital", "partners",
	"cabinet", "government", "command", "delegation", "mission", "embassy", "consulate",
	"school", "club", "team", "brotherhood", "shura", "sect", "clan", "tribe", "network",
)

// orgLeads are heads that start a name and take an "of" phrase
// ("Ministry of Foreign Affairs", "Bank of Korea", "University of Tokyo").
var orgLeads = set("ministry", "department", "bank", "university", "office", "bureau", "commission",
	"council", "institute", "agency", "board", "court", "federation", "association", "league", "army",
	"party", "organization", "organisation", "union", "college", "academy", "house", "chamber", "secretariat",
	"directorate", "government", "cabinet", "brigades", "brigade", "front", "movement", "committee")

// weakHeads are org heads that too often end other capitalized phrases
// ("Open Network", "Digital Service") to make an org alone.
var weakHeads = set("network", "service", "services", "technology", "post", "news", "press", "mobile", "energy",
	"oil", "capital", "partners", "trust", "exchange", "guard", "command", "mission", "team", "club", "school", "government", "intelligence", "delegation", "times", "journal", "radio", "television", "tv",
	"division", "force", "forces", "front", "movement", "office", "research", "analytics")

// connectors may join the words of one name.
var connectors = set("of", "and", "for", "the", "on", "de", "du", "des", "der", "la", "le", "di", "da", "in", "&", "y", "van", "von", "al", "el", "bin", "ibn", "ad", "ez", "az", "as", "ash", "ul")

// nameParticles are lower-case parts of personal names.
var nameParticles = set("al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "van", "von", "der", "den", "le", "la", "du", "ad", "ez", "az", "ash", "as", "ul")

// titles precede a person's name; the name follows.
var titles = set(
	"president", "minister", "secretary", "chancellor", "governor", "chairman", "chairwoman", "chair",
	"ceo", "director", "ambassador", "senator", "sen", "rep", "representative", "congressman", "congresswoman",
	"king", "queen", "prince", "princess", "sheikh", "shaikh", "emir", "general", "gen", "lt", "lieutenant",
	"colonel", "col", "major", "maj", "captain", "capt", "commander", "admiral", "adm", "sergeant", "sgt",
	"dr", "mr", "mrs", "ms", "miss", "professor", "prof", "pope", "premier", "mayor", "judge", "justice",
	"envoy", "commissioner", "spokesman", "spokeswoman", "spokesperson", "chief", "vice", "deputy",
	"leader", "head", "founder", "cofounder", "economist", "analyst", "officer", "he", "representative",
	"imam", "ayatollah", "cardinal", "lord", "lady", "sir", "dame",
	"mullah", "marshal", "brigadier", "private", "corporal", "staff", "designate", "correspondent", "reporter",
	"executive", "treasurer", "attorney", "chairperson", "undersecretary", "vice-president", "vice-minister",
)

// humanTitles are the titles that make the next capitalized words a person
// on their own (the looser ones, like "Chief", need a name shape too).
var humanTitles = set("mr", "mrs", "ms", "miss", "dr", "president", "minister", "senator", "sen", "rep",
	"king", "queen", "prince", "princess", "sheikh", "shaikh", "emir", "general", "gen", "lt", "colonel", "col",
	"major", "maj", "captain", "capt", "commander", "admiral", "adm", "sergeant", "sgt", "professor", "prof",
	"pope", "premier", "mayor", "judge", "secretary", "chancellor", "governor", "ambassador", "chairman",
	"chairwoman", "envoy", "commissioner", "spokesman", "spokeswoman", "ceo", "director", "imam", "ayatollah",
	"lieutenant", "brigadier", "marshal", "corporal", "congressman", "congresswoman", "sir", "lord", "dame",
	"mullah", "cardinal", "bishop", "representative", "treasurer")

// saidVerbs follow or precede a speaker's name.
var saidVerbs = set("said", "says", "told", "added", "stated", "announced", "explained", "noted", "warned", "wrote", "asked", "argued", "insisted", "stressed", "tweeted")

// notNames are capitalized words that begin sentences, headings and lists
// far more often than they name anything.
var notNames = set(
	"the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
	"his", "her", "their", "our", "my", "your", "in", "on", "at", "of", "for", "to", "from", "by", "with",
	"and", "but", "or", "nor", "so", "yet", "if", "when", "while", "after", "before", "as", "since",
	"because", "although", "though", "however", "also", "meanwhile", "moreover", "furthermore", "still",
	"then", "there", "here", "where", "what", "why", "how", "who", "which", "whom", "whose", "some",
	"many", "most", "more", "all", "any", "each", "every", "both", "either", "neither", "no", "not", "one",
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "other", "another", "such",
	"last", "next", "first", "second", "third", "key", "big", "top", "according", "despite", "during",
	"under", "over", "about", "into", "through", "between", "among", "against", "without", "within",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"today", "yesterday", "tomorrow", "tonight", "now", "yes", "please", "thanks", "read", "see", "photo",
	"image", "video", "source", "sources", "note", "update", "updated", "related", "share", "click",
	"points", "takeaways", "picture", "summary", "background", "conclusion", "introduction", "overview",
	"matters", "analysis", "opinion", "editorial", "comment", "comments", "highlights", "contents",
	"will", "would", "could", "should", "can", "may", "must", "might", "did", "does", "do", "is", "are",
	"was", "were", "be", "been", "has", "have", "had", "let", "just", "only", "even", "again", "already",
	"unlike", "like", "once", "until", "unless", "whether", "whereas", "thus", "hence", "therefore",
	"instead", "rather", "indeed", "perhaps", "earlier", "later", "recently", "currently", "finally",
	"initially", "additionally", "separately", "similarly", "overall", "together", "several", "few",
	"same", "own", "much", "very", "well", "back", "up", "down", "out", "off", "near", "around", "across",
	"along", "behind", "beyond", "upon", "via", "per", "than", "toward", "towards", "amid", "amidst",
	"mr", "mrs", "ms", "dr", "sir", "christmas", "ramadan", "eid", "easter", "internet", "web", "online",
	"english", "latin", "islam", "muslims", "christians", "kurds", "western", "eastern",
	"god", "allah", "ok", "okay",
)

// givenNames are common given names (English, Arabic, Korean and Japanese
// romanizations) that mark the capitalized words after them as a person.
var givenNames = set(
	"john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
	"christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
	"kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan",
	"jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon",
	"benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry",
	"tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "walter",
	"ethan", "jeremy", "harold", "keith", "christian", "roger", "noah", "gerald", "carl", "terry", "sean",
	"austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy", "bruce", "albert",
	"willie", "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent",
	"russell", "elijah", "louis", "bobby", "philip", "johnny", "mary", "patricia", "jennifer", "linda",
	"elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret",
	"sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa",
	"deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela",
	"helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra",
	"rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie",
	"joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan",
	"cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn",
	"sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace", "denise",
	"amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie",
	"isabella", "charlotte", "alexis", "kayla", "hillary", "angela", "theresa", "boris", "vladimir",
	"sergei", "sergey", "dmitry", "dmitri", "nikolai", "ivan", "igor", "alexei", "alexey", "mikhail", "yuri",
	"emmanuel", "francois", "jean", "pierre", "jacques", "nicolas", "olaf", "angela", "ursula", "wolfgang",
	"helmut", "gerhard", "hans", "klaus", "jens", "mario", "giuseppe", "matteo", "silvio", "giorgia",
	"pedro", "carlos", "luis", "jorge", "miguel", "javier", "antonio", "manuel", "fernando", "ricardo",
	"rupert", "julian", "ash", "ashton", "rex", "mike", "jim", "bill", "bob", "tom",
	"tony", "nick", "chris", "dan", "ben", "sam", "steve", "jeff", "greg", "ted", "ron", "rick", "jake",
	"kamala", "barack", "hillary", "condoleezza", "colin", "dick", "rudy", "marco", "rand", "elon", "jensen",
	"tim", "satya", "sundar", "jeff", "masayoshi", "lisa", "pat", "gina", "janet", "antony", "lloyd", "jake",
	"mohammed", "mohammad", "muhammad", "mohamed", "mohamad", "ahmed", "ahmad", "ali", "omar", "umar",
	"hassan", "hasan", "hussein", "husain", "ibrahim", "abdul", "abdullah", "abdulla", "abdel", "abd",
	"khalid", "khaled", "mahmoud", "mahmud", "mustafa", "mostafa", "youssef", "yusuf", "yousef", "karim",
	"kareem", "tariq", "tarek", "walid", "waleed", "nabil", "samir", "sami", "fadi", "rami", "sadiq", "manal", "amira", "hala", "huda", "rana", "lina", "dina", "yasmin", "abbas", "wasim", "bilal", "bashar",
	"hafez", "maher", "bassel", "asma", "fatima", "aisha", "ayesha", "layla", "leila", "nour", "noor",
	"zainab", "mariam", "maryam", "salma", "rania", "hamid", "hamad", "hamza", "haider", "haidar", "nouri",
	"nuri", "jalal", "masoud", "massoud", "fuad", "fouad", "imad", "emad", "ziad", "zaid", "zayed", "saad",
	"saeed", "sayed", "sayyid", "salman", "salim", "saleh", "salah", "jamal", "kamal", "adel",
	"adil", "anas", "amjad", "amir", "ameer", "nasser", "naser", "faisal", "feisal", "talal", "talib",
	"qasim", "qassem", "kassem", "osama", "usama", "ayman", "anwar", "recep", "mevlut", "mevlüt",
	"ahmet", "mehmet", "mustafa", "binali", "hakan", "ekrem", "benjamin", "binyamin", "yair", "naftali",
	"reuven", "isaac", "ehud", "ariel", "shimon", "yitzhak", "hosni", "abdel", "abdelaziz", "ashraf",
	"hafiz", "nawaz", "imran", "shehbaz", "asif", "pervez", "narendra", "rahul", "manmohan", "sonia",
	"xi", "li", "wang", "hu", "wen", "jiang", "deng", "mao",
	"moon", "yoon", "park", "kim", "lee", "choi", "chung", "jung", "kang", "cho", "jang", "han", "lim",
	"shin", "oh", "seo", "kwon", "hwang", "ahn", "song", "hong", "jeon", "ko", "yoo", "bae", "baek", "nam",
	"shinzo", "fumio", "yoshihide", "shigeru", "taro", "junichiro", "yoshihiko", "naoto", "yukio", "koichi",
	"hiroshi", "takeshi", "kenji", "akira", "yuki", "yoko", "haruhiko", "kazuo", "masato", "yasutoshi",
	"sanae", "seiko", "yoshimasa", "hirokazu", "ken", "makoto", "satoshi", "takashi", "tetsuya", "shunichi",
)

// IsTitleWord reports words of office and address ("minister", "Mr",
// "general") that precede personal names.
func IsTitleWord(w string) bool { return titles[fold(w)] }

// arabicOrgLeads open the names of armed groups and movements written in
// transliterated Arabic ("Jaish al-…", "Jabhat al-…", "Harakat …").
var arabicOrgLeads = set("jaish", "jabhat", "harakat", "harakat", "kataib", "kata'ib", "liwa", "saraya", "ansar", "hizb", "tanzim", "majlis", "jamaat", "jama'at")

// placeCues precede a place name ("outside Daquq", "near Aleppo").
var placeCues = set("in", "near", "outside", "around", "towards", "toward", "into", "across", "from")

// placeNouns, after "a"/"an" in an apposition, say the name before is a
// place ("Sabboura, an area outside Damascus").
var placeNouns = set("town", "city", "village", "area", "district", "suburb", "region", "province", "neighbourhood",
	"neighborhood", "port", "island", "county", "municipality", "settlement", "camp", "capital", "hamlet")

// placeLeadWords open a place name ("Lake Tharthar", "Wadi Barada", "Mount Sinjar").
var placeLeadWords = set("lake", "lakes", "wadi", "mount", "mt", "jebel", "jabal", "cape", "port", "fort", "isle", "river", "camp")

// orgCues precede a place of work: "analysts at Capital Economics".
var orgCues = set("at", "from", "of", "with", "for", "by")

// inHeads are organization heads that take "in" and a place as part of
// the name: "US Embassy in Seoul", "Islamic Association in Brandbergen".
var inHeads = set("embassy", "consulate", "mission", "delegation", "office", "association", "chamber", "qaeda", "qaida", "branch", "bureau", "command", "forces", "representation")
