package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCounter(t *testing.T) {
	c := newCounter()
	c.add("The mayor said Smith would go. Smith said the 25th vote was close, and we 've seen the mayor’s plan.")
	c.add("Smith and the mayor met when Smith arrived. The plan is a good plan.")
	words, names := c.model(100, 100)
	got := map[string]int{}
	for _, e := range words {
		got[e.word] = e.count
	}
	assert.Equal(t, 5, got["the"], `count of "the" (sentence-initial "The" folded)`)
	assert.Equal(t, 2, got["mayor"])
	assert.Equal(t, 1, got["mayor's"], "curly apostrophe normalized, kept inside the word")
	assert.Equal(t, 3, got["plan"])
	assert.Zero(t, got["th"], "letters glued to digits are skipped")
	assert.Zero(t, got["ve"], "contraction pieces are skipped")
	assert.Zero(t, got["smith"])
	assert.Equal(t, []entry{{"Smith", 4}}, names, "Smith: twice mid-sentence, twice sentence-initial")
	assert.Equal(t, "the", words[0].word)
}

// TestShippedModelIsReproducible rebuilds the model from ../shared/data and
// compares it with benchmarks/testdata/wordfreq.tsv.gz.
func TestShippedModelIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of shared/data")
	}
	data, err := findSharedData()
	if err != nil {
		t.Skip("labelled data: ../shared not found")
	}
	out := filepath.Join(t.TempDir(), "wordfreq.tsv.gz")
	var stdout, stderr bytes.Buffer
	require.NoError(t, run([]string{"-data", data, "-out", out}, &stdout, &stderr), stderr.String())
	assert.Equal(t, unzip(t, filepath.Join("..", "..", "testdata", "wordfreq.tsv.gz")), unzip(t, out),
		"testdata/wordfreq.tsv.gz is stale: run go generate in package benchmarks")
}

func unzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(b)
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Error(t, run([]string{"-nope"}, &stdout, &stderr))
	assert.Error(t, run([]string{"-data", t.TempDir()}, &stdout, &stderr), "no articles.jsonl")
}
