package corpus

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	st, err := Read([]string{"../testdata/seeds"}, Options{OnProblem: func(p Problem) { fmt.Println(p) }}, func(a Article) error {
		fmt.Printf("%s | %q | %q | %q | %s | %s\n", a.ID, a.Outlet, a.Title, a.Byline, a.Published, a.Origin)
		for _, f := range a.Furniture {
			fmt.Printf("   F %q\n", a.Text[f.Start:f.End])
		}
		return nil
	})
	fmt.Println(st, err)
	for _, d := range []string{"neus-dev", "basil-dev", "ecbplus-dev"} {
		fc := map[string]int{}
		st, err = Read([]string{"/work/shared/data/" + d + "/articles.jsonl"}, Options{OnProblem: func(p Problem) { }}, func(a Article) error {
			for _, f := range a.Furniture {
				fc[a.Text[f.Start:min(f.End, f.Start+60)]]++
			}
			return nil
		})
		fmt.Println(d, st, err, len(fc))
		n := 0
		for k, v := range fc {
			if n++; n < 400 {
				fmt.Printf("  %d %q\n", v, k)
			}
		}
	}
}
