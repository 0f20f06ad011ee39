package editorial

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWordNetAdverbsFile checks that lexicon/wordnet-adverbs.txt holds
// exactly the multiword lemmas of WordNet's index.adv, as its header says
// it was derived, when the database of Debian's wordnet-base is installed.
func TestWordNetAdverbsFile(t *testing.T) {
	const indexAdv = "/usr/share/wordnet/index.adv"
	f, err := os.Open(indexAdv)
	if err != nil {
		t.Skipf("%v: install Debian's wordnet-base (apt-get install -y wordnet-base) to check the vendored adverbs against it", err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // the licence header
		}
		if lemma, _, _ := strings.Cut(line, " "); strings.Contains(lemma, "_") {
			want = append(want, strings.ReplaceAll(lemma, "_", " "))
		}
	}
	require.NoError(t, sc.Err())
	var got []string
	eachLine(wordnetAdverbsFile, func(line string) { got = append(got, line) })
	assert.Equal(t, want, got)
	assert.NotEmpty(t, loadLexicons().phrases["so"], "the adverbs starting with so")
}
