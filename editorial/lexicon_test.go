package editorial

import (
	"bufio"
	"os"
	"slices"
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

// TestWordClusters checks the shipped clusters as the word model reads
// them: every word of the file, words used alike together.
func TestWordClusters(t *testing.T) {
	lx := loadLexicons()
	assert.Len(t, lx.clusters, 40000)
	for _, alike := range [][]string{{"shameful", "unacceptable", "ridiculous", "disgraceful"}, {"slammed", "blasted"}} {
		for _, w := range alike[1:] {
			assert.Equal(t, lx.clusters[alike[0]], lx.clusters[w], "%s and %s", alike[0], w)
		}
	}
	assert.NotEqual(t, lx.clusters["shameful"], lx.clusters["bridge"])
	// The word model reads the cluster with the word's other features.
	wi := info("disgraceful", lx)
	assert.True(t, slices.ContainsFunc(wi.tail, func(f feature) bool { return f.kind == fCluster }))
	assert.False(t, slices.ContainsFunc(info("zzxqv", lx).tail, func(f feature) bool { return f.kind == fCluster }))
}
