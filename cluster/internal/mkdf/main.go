// Command mkdf rebuilds cluster/background.tsv.gz, the background
// document frequencies of stemmed content words that wirediff mixes into
// its IDF, from the news text of the development sets in ../shared/data
// (ECB+, BASIL, NeuS). Only counts of single stemmed words are written,
// no text. Run it with 'go generate ./cluster'.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
)

// minDF drops terms seen in fewer documents: they carry no more than the
// unseen-term default and would only grow the file.
const minDF = 3

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mkdf:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: mkdf SHARED_DATA_DIR OUT.tsv.gz")
	}
	var paths []string
	for _, set := range []string{"ecbplus-dev", "basil-dev", "neus-dev"} {
		paths = append(paths, filepath.Join(args[0], set, "articles.jsonl"))
	}
	stems := map[string][]string{} // ID -> stems; a later record with an ID replaces it
	_, err := corpus.Read(paths, corpus.Options{}, func(a corpus.Article) error {
		stems[a.ID] = cluster.Stems(&a)
		return nil
	})
	if err != nil {
		return err
	}
	df := map[string]int{}
	docs := len(stems)
	for _, ss := range stems {
		for _, s := range ss {
			df[s]++
		}
	}
	terms := make([]string, 0, len(df))
	for t, n := range df {
		if n >= minDF {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	f, err := os.Create(args[1])
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "#docs\t%d\n", docs)
	for _, t := range terms {
		fmt.Fprintf(w, "%s\t%d\n", t, df[t])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
