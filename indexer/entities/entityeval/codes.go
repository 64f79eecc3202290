package entityeval

import "strings"

// placeCodes are the Reuters-21578 PLACES codes whose spelling is not the
// lower-cased English name, or that name a 1987 state (West Germany, the
// USSR, Yugoslavia) that today's countries succeed.
var placeCodes = map[string]string{
	"US": "usa", "GB": "uk", "DE": "west-germany", "RU": "ussr", "UA": "ussr", "BY": "ussr", "KZ": "ussr",
	"UZ": "ussr", "GE": "ussr", "AM": "ussr", "AZ": "ussr", "LT": "ussr", "LV": "ussr", "EE": "ussr",
	"MD": "ussr", "KG": "ussr", "TJ": "ussr", "TM": "ussr", "CZ": "czechoslovakia", "SK": "czechoslovakia",
	"RS": "yugoslavia", "HR": "yugoslavia", "SI": "yugoslavia", "BA": "yugoslavia", "MK": "yugoslavia", "ME": "yugoslavia",
	"CI": "ivory-coast", "MM": "burma", "KH": "kampuchea", "CD": "zaire", "CG": "congo", "AE": "uae",
	"VA": "vatican", "TT": "trinidad-tobago", "YE": "yemen-arab-republic", "MO": "macao", "WS": "western-samoa",
	"SZ": "swaziland", "AG": "antigua", "KR": "south-korea", "KP": "north-korea", "HK": "hong-kong",
	"VG": "british-virgin-islands", "VI": "us-virgin-islands", "AS": "american-samoa", "KY": "cayman-islands",
	"CF": "central-african-republic", "GQ": "equatorial-guinea", "GW": "guinea-bissau", "PG": "papua-new-guinea",
	"NZ": "new-zealand", "ZA": "south-africa", "LK": "sri-lanka", "SA": "saudi-arabia", "CR": "costa-rica",
	"SV": "el-salvador", "DO": "dominican-republic", "CV": "cape-verde", "BF": "burkina-faso", "SL": "sierra-leone",
	"GF": "french-guiana", "NC": "new-caledonia", "AN": "netherlands-antilles",
}

// placeCode returns the Reuters code of a country, from the scorer's own
// country list (countries.tsv), or "" when the collection has none.
func placeCode(iso string) string {
	if iso == "" {
		return ""
	}
	if c, ok := placeCodes[iso]; ok {
		return c
	}
	name := countryName(iso)
	if name == "" {
		return ""
	}
	return strings.ReplaceAll(strings.ToLower(name), " ", "-")
}

// orgCodes maps canonical organization names to Reuters ORGS codes. In 1987
// "EC" was the European Community; its institutions all carry that code.
var orgCodes = map[string]string{
	"European Union": "ec", "European Commission": "ec", "European Parliament": "ec", "Council of the European Union": "ec",
	"European Council": "ec", "Court of Justice of the European Union": "ec",
	"International Monetary Fund": "imf", "Organization of the Petroleum Exporting Countries": "opec",
	"World Bank": "worldbank", "General Agreement on Tariffs and Trade": "gatt",
	"Organisation for Economic Co-operation and Development": "oecd", "International Coffee Organization": "ico-coffee",
	"Organisation of Islamic Cooperation": "ico-islam", "International Cocoa Organization": "icco",
	"Asian Development Bank": "adb-asia", "African Development Bank": "adb-africa", "United Nations": "un", "UN Security Council": "un", "UN General Assembly": "un", "UN Secretariat": "un",
	"UN Conference on Trade and Development": "unctad", "Food and Agriculture Organization": "fao",
	"European Investment Bank":    "eib",
	"International Energy Agency": "iea", "International Wheat Council": "iwc-wheat",
	"International Development Association": "ida", "International Sugar Organization": "isa",
	"Gulf Cooperation Council": "gcc", "Organization of Arab Petroleum Exporting Countries": "oapec",
	"UN Economic and Social Commission for Asia and the Pacific": "escap", "UN Economic Commission for Africa": "eca",
	"Bank for International Settlements": "bis", "ASEAN": "asean", "International Wrought Copper Council": "iwcc",
	"International Maritime Organization": "imco", "Euratom": "euratom", "European Free Trade Association": "efta",
	"International Labour Organization": "ilo", "World Health Organization": "who",
	"International Atomic Energy Agency": "iaea", "UN Economic Commission for Europe": "ece", "UN Economic Commission for Latin America": "ecla",
	"UN Economic and Social Commission for Western Asia": "ecwa", "Latin American Integration Association": "lafta",
	"International Air Transport Association": "iata",
	"International Whaling Commission":        "iwc-whale", "International Lead and Zinc Study Group": "ilzsg",
	"International Rubber Study Group": "irsg", "International Wool Secretariat": "iws",
	"International Wool Textile Organisation": "iwto", "World Steel Association": "iisi",
	"Association of Natural Rubber Producing Countries": "anrpc", "US Agency for International Development": "aid", "International Capital Market Association": "aibd",
}
