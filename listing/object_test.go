package listing

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestObject: an object written field by field, its lists element by
// element and a field's value by a function, gives the bytes of the
// object encoded whole, whatever the values hold.
func TestObject(t *testing.T) {
	type nested struct {
		Name  string         `json:"name"`
		Items []string       `json:"items"`
		Map   map[string]int `json:"map,omitempty"`
	}
	type doc struct {
		Title string   `json:"title"`
		List  []nested `json:"list"`
		Raw   []int    `json:"raw"`
		After int      `json:"after"`
	}
	for _, title := range []string{"plain", "a title with \n  \"list\": [] <&> inside", ""} {
		for n := range 3 {
			d := doc{Title: title, List: []nested{}, Raw: []int{}, After: 7}
			for i := range n {
				d.List = append(d.List, nested{Name: strings.Repeat("x", i+1), Items: []string{"a", "b"}, Map: map[string]int{"z": 1, "a": i}})
				d.Raw = append(d.Raw, i)
			}
			var want, got bytes.Buffer
			require.NoError(t, NewEncoder(&want, true).Encode(d))

			o := NewObject(&got)
			o.Field("title", d.Title)
			o.List("list", func(elem func(any) error) error {
				for _, x := range d.List {
					if err := elem(x); err != nil {
						return err
					}
				}
				return nil
			})
			o.Value("raw", func(w io.Writer) error {
				var b bytes.Buffer
				enc := NewEncoder(&b, false)
				enc.SetIndent("  ", "  ")
				if err := enc.Encode(d.Raw); err != nil {
					return err
				}
				_, err := w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
				return err
			})
			o.Field("after", d.After)
			require.NoError(t, o.Close())
			assert.Equal(t, want.String(), got.String(), "title %q, %d elements", title, n)
		}
	}

	var empty, whole bytes.Buffer
	require.NoError(t, NewObject(&empty).Close())
	require.NoError(t, NewEncoder(&whole, true).Encode(struct{}{}))
	assert.Equal(t, whole.String(), empty.String(), "an empty object")

	fail := errors.New("fail")
	var out bytes.Buffer
	o := NewObject(&out)
	o.List("list", func(elem func(any) error) error { return fail })
	o.Field("after", 1)
	assert.ErrorIs(t, o.Close(), fail, "the first error stops the object")
	assert.NotContains(t, out.String(), "after")
}
