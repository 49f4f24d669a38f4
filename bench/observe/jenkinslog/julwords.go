package jenkinslog

// Localized words of java.util.logging's SimpleFormatter. Level names
// come from the JDK's sun.util.logging.resources.logging_<locale>
// bundles; month names and AM/PM markers from the JDK's (pre-CLDR and
// CLDR) locale data, as %tb and %Tp print them.

// levelWords maps a level word, upper-cased for Latin scripts, to its
// level.
var levelWords = map[string]level{
	// English and languages that keep it (es, it, pt: INFO/CONFIG).
	"SEVERE": levelSevere, "WARNING": levelWarning, "INFO": levelInfo,
	"CONFIG": levelConfig, "FINE": levelFine, "FINER": levelFine, "FINEST": levelFine,
	// German, Swedish ("INFORMATION"), French, Spanish, Italian, Portuguese.
	"SCHWERWIEGEND": levelSevere, "WARNUNG": levelWarning, "INFORMATION": levelInfo,
	"KONFIGURATION": levelConfig, "FEIN": levelFine, "FEINER": levelFine, "AM FEINSTEN": levelFine,
	"ALLVARLIG": levelSevere, "VARNING": levelWarning, "KONFIG": levelConfig,
	"FIN": levelFine, "FINARE": levelFine, "FINAST": levelFine,
	"GRAVE": levelSevere, "AVERTISSEMENT": levelWarning, "INFOS": levelInfo,
	"PRECIS": levelFine, "PLUS PRECIS": levelFine, "LE PLUS PRECIS": levelFine,
	"ADVERTENCIA": levelWarning, "DETALLADO": levelFine, "MUY DETALLADO": levelFine,
	"MÁS DETALLADO": levelFine, "AVVERTENZA": levelWarning, "CONFIGURAZIONE": levelConfig,
	"PIÙ FINE": levelFine, "IL PIÙ FINE": levelFine, "ADVERTÊNCIA": levelWarning,
	"AVISO": levelWarning, "INFORMAÇÕES": levelInfo, "INFORMAÇÃO": levelInfo,
	"CONFIGURAÇÃO": levelConfig,
	// Chinese (simplified, traditional), Japanese, Korean.
	"严重": levelSevere, "警告": levelWarning, "信息": levelInfo, "配置": levelConfig,
	"详细": levelFine, "较详细": levelFine, "非常详细": levelFine,
	"嚴重": levelSevere, "資訊": levelInfo, "細緻": levelFine, "較細緻": levelFine, "最細緻": levelFine,
	"重大": levelSevere, "情報": levelInfo, "構成": levelConfig, "詳細": levelFine,
	"詳細レベル(低)": levelFine, "詳細レベル(中)": levelFine, "詳細レベル(高)": levelFine,
	"심각": levelSevere, "경고": levelWarning, "정보": levelInfo, "구성": levelConfig,
	"미세": levelFine, "보다 미세": levelFine, "가장 미세": levelFine,
}

// monthWords maps month names and abbreviations, lower-cased for Latin
// scripts and without a trailing dot, to the month number.
var monthWords = buildMonthWords()

func buildMonthWords() map[string]int {
	words := map[string]int{"mrz": 3}
	lists := [][12]string{
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
		{"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		{"янв", "февр", "мар", "апр", "мая", "июн", "июл", "авг", "сент", "окт", "нояб", "дек"},
		{"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"},
	}
	for _, l := range lists {
		for i, name := range l {
			words[name] = i + 1
		}
	}
	return words
}

// amWords and pmWords are the AM/PM markers of the 12-hour clock; they
// follow the time (%Tp) in Java 7+ and precede it in some Java 6 locales.
var amWords = []string{"AM", "A.M.", "am", "a.m.", "a. m.", "上午", "午前", "오전", "VORM.", "vorm.", "dop."}
var pmWords = []string{"PM", "P.M.", "pm", "p.m.", "p. m.", "下午", "午後", "오후", "NACHM.", "nachm.", "odp."}
