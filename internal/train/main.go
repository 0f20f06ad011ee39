// Command train fits the models wirediff ships on the labelled
// development data. The same data gives the same files.
//
//   - The editorial detector's weights (editorial/model.bin): it
//     cross-validates every candidate setting (BABE folds by article, BASIL
//     folds by event), keeps the setting and thresholds that score best on
//     the held-out folds, and trains on all the data with them.
//
//   - Lineage's lexicon (lineage/wordnet.txt), derived from the WordNet 3.0
//     database of Debian's wordnet-base package (sftrain.WriteLexicon), and
//     its same-fact model (lineage/samefact.json), fitted on the MSRP
//     training set with the lemmas and synonyms of that lexicon (see
//     package sftrain).
//
//   - With --only clusters, the word clusters the editorial detector's
//     word model reads (editorial/lexicon/word-clusters.txt), from GloVe's
//     vectors (package wordclusters). The editorial package embeds that
//     file, so make train writes it first and trains the detector in a
//     second run.
//
//     go run ./internal/train [--data ../shared/data] [--out editorial/model.bin]
//     [--samefact-out lineage/samefact.json] [--wordnet /usr/share/wordnet]
//     [--lexicon-out lineage/wordnet.txt] [--only editorial|samefact]
//     go run ./internal/train --only clusters --embeddings FILE
//     [--clusters-out editorial/lexicon/word-clusters.txt]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/edtrain"
	"github.com/wirediff/wirediff/internal/sftrain"
	"github.com/wirediff/wirediff/internal/wordclusters"
	"github.com/wirediff/wirediff/lineage"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	def := ""
	if d := devdata.Dir(); d != "" {
		def = filepath.Join(d, "data")
	}
	data := fs.String("data", def, "the labelled development data (holding babe-dev, basil-dev and msrp)")
	out := fs.String("out", filepath.Join("editorial", "model.bin"), "editorial weights file to write")
	sfOut := fs.String("samefact-out", filepath.Join("lineage", "samefact.json"), "same-fact model file to write")
	wn := fs.String("wordnet", sftrain.WordNetDir, "the WordNet 3.0 database (Debian: apt-get install wordnet-base)")
	lexOut := fs.String("lexicon-out", filepath.Join("lineage", "wordnet.txt"), "lexicon file to write")
	only := fs.String("only", "", "train one model only: editorial or samefact; or write the word clusters: clusters")
	emb := fs.String("embeddings", "", "with --only clusters: the vectors file "+wordclusters.EmbeddingsFile+" of the npm package "+wordclusters.EmbeddingsPackage)
	clOut := fs.String("clusters-out", filepath.Join("editorial", "lexicon", "word-clusters.txt"), "with --only clusters: the file to write")
	quick := fs.Bool("quick", false, "try only the first editorial candidate setting")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *only == "clusters" {
		return writeClusters(*emb, *clOut, stdout)
	}
	if *data == "" {
		return fmt.Errorf("no --data and no ../shared/data beside the repository")
	}
	switch *only {
	case "":
		if err := trainEditorial(*data, *out, *quick, stdout); err != nil {
			return err
		}
		return trainSameFact(*data, *wn, *lexOut, *sfOut, stdout)
	case "editorial":
		return trainEditorial(*data, *out, *quick, stdout)
	case "samefact":
		return trainSameFact(*data, *wn, *lexOut, *sfOut, stdout)
	}
	return fmt.Errorf("--only %q: want editorial, samefact or clusters", *only)
}

func writeClusters(emb, out string, stdout io.Writer) error {
	if emb == "" {
		return fmt.Errorf("--only clusters needs --embeddings: the file %s of the npm package %s", wordclusters.EmbeddingsFile, wordclusters.EmbeddingsPackage)
	}
	var buf bytes.Buffer
	if err := wordclusters.Build(emb, &buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

func trainEditorial(data, out string, quick bool, stdout io.Writer) error {
	d, err := edtrain.Load(data)
	if err != nil {
		return err
	}
	cands := edtrain.Candidates()
	if quick {
		cands = cands[:1]
	}
	sel, err := edtrain.Select(d, cands)
	if err != nil {
		return err
	}
	for _, l := range sel.Log {
		fmt.Fprintln(stdout, l)
	}
	fmt.Fprintf(stdout, "chosen: %+v\nthresholds: %+v\ncross-validated: %s\n", sel.Config, sel.Thresholds, sel.Figures)
	m := edtrain.Train(d, sel)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return nil
}

func trainSameFact(data, wordnet, lexOut, out string, stdout io.Writer) error {
	var buf bytes.Buffer
	if err := sftrain.WriteLexicon(wordnet, &buf); err != nil {
		return fmt.Errorf("%w (Debian, Ubuntu: apt-get install wordnet-base)", err)
	}
	lex, err := lineage.ParseLexicon(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return fmt.Errorf("the lexicon written from %s: %w", wordnet, err)
	}
	if err := os.WriteFile(lexOut, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", lexOut, err)
	}
	nl, nf := lex.Size()
	fmt.Fprintf(stdout, "wrote %s (%d lemmas, %d irregular forms, %d bytes)\n", lexOut, nl, nf, buf.Len())
	ex, err := sftrain.Examples(sftrain.TrainPath(data), lex)
	if err != nil {
		return err
	}
	res, err := sftrain.Fit(ex)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, res.Summary())
	b, err := json.MarshalIndent(res.Model, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the model: %w", err)
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return nil
}
