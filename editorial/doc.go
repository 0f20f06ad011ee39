// Package editorial implements a trained detector of editorializing in
// news text: for every sentence, whether it is reporting (an attributed
// statement or a quotation), background (an unattributed statement of
// fact) or commentary (the writer's own opinion), and whether it is
// editorial, with a probability; and, word by word, loaded wording in the
// writer's own voice. Text inside quotation marks is the speaker's and is
// never loaded wording of the text.
//
// # Model
//
// Three logistic regressions over hashed features (2^18 weights each,
// Weinberger et al. 2009), fitted by AdaGrad (Duchi et al. 2011) with L2
// regularization:
//
//   - the word model, for each candidate word (outside quotations, not a
//     stop word, a number, a part of a web or email address, or a
//     capitalized word inside the sentence — a name or a fixed term such
//     as "Security Council"): the word, its Porter
//     stem and ending, the words around it (a capitalized word inside the
//     sentence read as "<name>", whichever name it is), its shape, its VADER valence
//     (Hutto & Gilbert 2014, via github.com/jonreiter/govader, MIT), its
//     Pattern subjectivity and polarity (De Smedt & Daelemans 2012,
//     vendored in lexicon/), membership in short lists from the literature
//     (hedges, Hyland 1998; boosters and attitude markers, Hyland 2005;
//     assertive verbs, Hooper 1975; first and second person; modals), an
//     intensifier before it, scare quotes (one to three quoted words in a
//     sentence that attributes nothing), and whether the sentence is
//     attributed;
//   - the bias and opinion models, for the sentence: its words, stems,
//     letter 4-grams and pairs of words outside quotations, the quoted
//     words apart, counts of the lexicon cues, the cues of the writer's
//     own voice, a final question or exclamation mark, dashes and
//     ellipses, attribution, the quoted share and the length; each is the
//     average of nine fits on bootstrap samples (bagging, Breiman 1996).
//
// A [Combiner] (stacking, fitted on held-out predictions) turns the bias
// probability, the opinion probability and the probability of the
// sentence's most loaded word into the probability that the sentence is
// editorial, p_editorial. [Thresholds] then decide: a sentence is
// editorial at p_editorial ≥ Sentence; an attributed sentence (a verb of
// saying outside quotations, a verb of naming that gives a quotation to a
// subject — "referred to a reporter as a 'jackass'", "what she calls the
// 'radical' nature" — or mostly quotation) is reporting; an
// unattributed sentence in which the writer states a stance in person
// ("one can only assume", "we suspect") is editorial commentary whatever
// its probabilities; an unattributed editorial sentence is commentary
// when its opinion probability reaches Commentary, or Voice when the
// writer speculates or asks a rhetorical question outside quotations
// ([CommentaryCue]: an epistemic hedge such as "might", "seems",
// "perhaps", "assume", the generic "one can", or a negative interrogative,
// "Isn't this …?"); a commentary sentence is an editorial span covering
// the sentence; in an editorial sentence, the words whose probability
// reaches Word are loaded wording, adjacent ones making one span, and an
// editorial sentence with neither shows its most loaded word when that
// reaches Least. Words the text uses in two or more sentences name its
// subject, and the words of WordNet's multiword adverbs ("so far", "of
// course") are fixed terms: neither is ever loaded wording. The label and
// the span are decided apart: the sentence threshold is tuned for
// sentence-level agreement, the commentary thresholds for word-level
// agreement, where a commentary span counts every word of its sentence as
// flagged. Every span's why names the cues that added most to its
// decision.
//
// # Training
//
// The weights (model.bin, about 1.5 MB, embedded; format at the top of
// model.go) are fitted by `make train` (go run ./internal/train) on the
// development data beside the repository: BABE's expert sentences with
// their bias and opinion labels and biased words (Spinde et al. 2021)
// and BASIL's lexical-bias spans (Fan et al. 2019). The training settings,
// the combiner and the thresholds are chosen by cross-validation, BABE
// folds by article and BASIL folds by event; the same data gives the same
// file. No text of the data ships: the weights are hashed feature weights.
// The word lists of bias research that ship with the data (NPOV,
// subjectivity and opinion lexicons) are used only by the baseline the
// evaluation compares with (internal/edtrain).
//
// # Limits
//
// English only. The models see words, not syntax: sarcasm without an
// evaluative word or the writer speaking in person ("That's right — real
// conversations between world leaders…") may be labelled editorial but
// reads as background, with only its loaded words as spans. Opinion
// that words carry (evaluation, loaded framing, and with them most direct
// address and rhetorical questions) is shown by its loaded words, not by
// a commentary span: BABE's annotators mark two or three words of such a
// sentence, so a span over the sentence costs more word precision than
// it brings; speculation, which no single word carries, and a rhetorical
// question are the cues of the writer's voice that make a span, and only
// where the opinion model is confident. The other cues (first or second
// person, other questions, a booster, an attitude marker) are named in a
// commentary sentence's why. BABE's sentences
// were chosen for being about contested topics, about half biased, while
// most sentences of a news report are neutral, so in full articles the
// detector marks more sentences editorial than a reader would. BASIL's
// annotators marked far fewer loaded words than BABE's, and different
// ones ("claimed" is loaded in BABE, not in BASIL), so word precision on
// BASIL is low. The measured figures and the commands that reproduce them
// are in docs/measurements.md (Editorial).
package editorial
