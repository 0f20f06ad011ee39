package punkt

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{"One sentence.", []string{"One sentence."}},
		{"Mr. Smith went to Washington. He arrived on Monday.", []string{"Mr. Smith went to Washington.", "He arrived on Monday."}},
		{"It rose 2.5 percent. Shares fell.", []string{"It rose 2.5 percent.", "Shares fell."}},
		// A time zone after a clock time stays in its sentence.
		{"He wrote at 8:40 p.m. ET. He did not elaborate.", []string{"He wrote at 8:40 p.m. ET.", "He did not elaborate."}},
		{"Both events start at 8 p.m. ET. Trump speaks first.", []string{"Both events start at 8 p.m. ET.", "Trump speaks first."}},
		{"The polls close at 7 p.m. EST on Tuesday.", []string{"The polls close at 7 p.m. EST on Tuesday."}},
		// A number ends a sentence; a list's number opens one.
		{"He was born in 1950. The family moved to Ohio in 1960. They stayed.", []string{"He was born in 1950.", "The family moved to Ohio in 1960.", "They stayed."}},
		{"The vote was 52 to 48. \"It passed,\" he said.", []string{"The vote was 52 to 48.", "\"It passed,\" he said."}},
		{"Prices rose at the fastest pace since August 2008. The Labor Department said so.", []string{"Prices rose at the fastest pace since August 2008.", "The Labor Department said so."}},
		{"1. Buy milk. 2. Call home.", []string{"1. Buy milk.", "2. Call home."}},
		{"Reasons: 1. Cost", []string{"Reasons: 1. Cost"}},
		{"The law took effect Jan. 1. Critics objected.", []string{"The law took effect Jan. 1.", "Critics objected."}},
		{"It was seeded No. 2. It lost.", []string{"It was seeded No. 2.", "It lost."}},
		{"It ranked No. 1 in 2019, up from 3. in 2018.", []string{"It ranked No. 1 in 2019, up from 3. in 2018."}},
	} {
		ss, err := Tokenize(c.text)
		require.NoError(t, err)
		var got []string
		for _, s := range ss {
			require.True(t, 0 <= s.Start && s.Start <= s.End && s.End <= len(c.text), "offsets %d-%d of %q", s.Start, s.End, c.text)
			if txt := c.text[s.Start:s.End]; txt != "" {
				got = append(got, strings.TrimSpace(txt))
			}
			assert.Equal(t, c.text[s.Start:s.End], s.Text, "the text of %d-%d", s.Start, s.End)
		}
		assert.Equal(t, c.want, got, c.text)
	}
}

// Calls from many goroutines give what one call alone gives (run with
// -race).
func TestTokenizeConcurrent(t *testing.T) {
	var inputs []string
	for i := range 40 {
		inputs = append(inputs, fmt.Sprintf("Dr. Jones said %d.5 percent of voters agreed. The vote was on Jan. %d. Nobody objected.", i, i%28+1))
	}
	want := make([]int, len(inputs))
	for i, in := range inputs {
		ss, err := Tokenize(in)
		require.NoError(t, err)
		want[i] = len(ss)
	}
	got := make([]int, len(inputs))
	var wg sync.WaitGroup
	for i, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ss, err := Tokenize(in)
			if err == nil {
				got[i] = len(ss)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, want, got)
}
