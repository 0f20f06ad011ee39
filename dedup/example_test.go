package dedup_test

import (
	"context"
	"fmt"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
)

// Group the five seed articles, five outlets' reports of one wire story,
// in memory, and print each one's group at every level.
func Example() {
	res, err := dedup.Run(context.Background(),
		dedup.Source{Paths: []string{"../testdata/seeds"}},
		dedup.Options{Cluster: cluster.DefaultOptions()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d articles\n", res.Stats.Read)
	for _, a := range res.Assignments() {
		fmt.Println(a.ID, a.Copy, a.Rewrite, a.Story)
	}
	// Output:
	// read 5 articles
	// 000_4bd703d3e122696c c:000_4bd703d3e122696c r:000_4bd703d3e122696c s:000_4bd703d3e122696c
	// 001_2ea4910e153269e2 c:001_2ea4910e153269e2 r:000_4bd703d3e122696c s:000_4bd703d3e122696c
	// 002_ac49a336ca4eb3e9 c:002_ac49a336ca4eb3e9 r:000_4bd703d3e122696c s:000_4bd703d3e122696c
	// 003_d4f861dc4b37a64b c:003_d4f861dc4b37a64b r:000_4bd703d3e122696c s:000_4bd703d3e122696c
	// 004_9e1179f061f0b57d c:004_9e1179f061f0b57d r:000_4bd703d3e122696c s:000_4bd703d3e122696c
}
