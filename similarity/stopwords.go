package similarity

// IsStopword reports whether w, a normalized lower-case token as
// [AppendTokens] produces it, is on the English stop list.
//
// The list is the Snowball English stop list (snowballstem.org,
// algorithms/english/stop.txt, 174 words, as used by Lucene's and NLTK's
// English analyzers) in normalized form: contractions lose their apostrophe
// ("isn't" is "isnt") and "'s" ("that's" is "that"). The contractions whose
// normalized form is an ordinary content word are left out: "he'll"
// (hell), "she'll" (shell), "we'll" (well), "i'll" (ill), "i'd" (id),
// "we'd" (wed), "she'd" (shed) and "let's" (let).
func IsStopword(w string) bool {
	switch w {
	case "a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
		"any", "are", "arent", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
		"cannot", "cant", "could", "couldnt",
		"did", "didnt", "do", "does", "doesnt", "doing", "dont", "down", "during",
		"each",
		"few", "for", "from", "further",
		"had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hed", "her",
		"here", "hers", "herself", "him", "himself", "his", "how",
		"i", "if", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive",
		"me", "more", "most", "mustnt", "my", "myself",
		"no", "nor", "not",
		"of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
		"ourselves", "out", "over", "own",
		"same", "shant", "she", "should", "shouldnt", "so", "some", "such",
		"than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
		"these", "they", "theyd", "theyll", "theyre", "theyve", "this", "those",
		"through", "to", "too",
		"under", "until", "up",
		"very",
		"was", "wasnt", "we", "were", "werent", "weve", "what", "when", "where", "which",
		"while", "who", "whom", "why", "with", "wont", "would", "wouldnt",
		"you", "youd", "youll", "your", "youre", "yours", "yourself", "yourselves", "youve":
		return true
	}
	return false
}
