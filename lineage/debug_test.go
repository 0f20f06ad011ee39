package lineage

import (
	"os"
	"testing"
)

func TestDebugSeeds(t *testing.T) {
	arts := loadSeeds(t)
	for _, a := range arts {
		t.Logf("%s outlet=%q pub=%v furniture=%v", a.ID, a.Outlet, a.Published, a.Furniture)
	}
	r, err := Analyze(arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.WriteTable(os.Stdout)
	r.WriteJSON(os.Stdout)
}
