package similarity

import (
	"fmt"
	"testing"
)

func TestQuick(t *testing.T) {
	for _, s := range []string{"The U.S. isn't Trump's 28-point plan, costing $1,000.50 or 2.5%. It’s café “quoted” — ﬁne ½ x² rock'n'roll 1990's O’Brien’s Ünïcödé e\u0301t\u00e9 exam\u00adple"} {
		for _, tk := range AppendTokens(nil, s, 0, len(s)) {
			fmt.Printf("%q[%q] ", tk.Text, s[tk.Start:tk.End])
		}
		fmt.Println()
		fmt.Printf("%q\n", Normalize(s))
	}
}
