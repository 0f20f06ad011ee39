package similarity

// refAppendTokens is AppendTokens without the block classification: every
// token comes from the rune-at-a-time scanTokens, the tokenizer of every
// word the block path does not take. The block path must give the same
// tokens, texts and offsets on every input.
func refAppendTokens(dst []Token, text string, start, end int) []Token {
	end = min(end, len(text))
	start = max(start, 0)
	if start >= end {
		return dst
	}
	var lw lowerer
	dst, _ = scanTokens(dst, text[:end], start, end, &lw)
	lw.flush(dst)
	return dst
}
