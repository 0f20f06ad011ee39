// Package layout reads how an article's text was laid out on its page:
// the sentences of its body, joined across hard-wrapped lines and split
// at the lines that news pages give headings, list items and captions,
// and the page furniture among those lines (captions and photo credits,
// headlines and subheads, bullet summaries, standfirsts, bylines and
// datelines, share and comment prompts, sign-offs). Both work on
// [corpus.Article.Body], the text less the metadata and site furniture
// the reader recognized.
//
// The lineage report compares sentences and leaves furniture out of its
// shares; the editorial detector reads the same sentences and leaves the
// furniture unscored, so that an article gets the same sentences from
// both.
package layout
