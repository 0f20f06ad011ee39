package outlet

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSame(t *testing.T) {
	tab, err := Shipped()
	require.NoError(t, err)
	tests := []struct {
		a, b string
		want bool
	}{
		// Case and a leading "the".
		{"Fox", "fox", true},
		{"the Guardian", "GUARDIAN", true},
		// Aliases of the table.
		{"Fox", "Fox News", true},
		{"fox", "Fox News Channel", true},
		{"nyt", "The New York Times", true},
		{"HuffPost", "Huffington Post", true},
		// Different outlets, or names the table does not hold.
		{"Fox", "CNN", false},
		{"Fox", "Foxtrot Daily", false},
		{"Newslooks", "newslooks", true},
		{"Newslooks", "Newsmax", false},
		{"", "", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tab.Same(tt.a, tt.b), "Same(%q, %q)", tt.a, tt.b)
		assert.Equal(t, tt.want, tab.Same(tt.b, tt.a), "Same(%q, %q)", tt.b, tt.a)
	}
}

func TestKeyAndDomain(t *testing.T) {
	tab, err := Shipped()
	require.NoError(t, err)
	k, ok := tab.Key("The New York Times's")
	assert.True(t, ok)
	assert.Equal(t, "nyt", k)
	_, ok = tab.Key("Newslooks")
	assert.False(t, ok)
	k, ok = tab.Domain("www.foxnews.com")
	assert.True(t, ok)
	assert.Equal(t, "fox", k)
	k, ok = tab.Domain("edition.cnn.com")
	assert.True(t, ok)
	assert.Equal(t, "cnn", k)
	_, ok = tab.Domain("example.com")
	assert.False(t, ok)
}

func TestParseErrors(t *testing.T) {
	_, err := Parse("a\tA\ta.com\nb\tA\tb.com\n")
	assert.ErrorContains(t, err, `aliases.tsv:2: name "A" is listed under "a" too`)
	_, err = Parse("# comment\n\nonly two\tcolumns\n")
	assert.ErrorContains(t, err, "aliases.tsv:3: want key, names and domains")
}

func TestLeading(t *testing.T) {
	tab, err := Shipped()
	require.NoError(t, err)
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"the New York Times", "nyt", true},
		{"New York Times Co", "nyt", true},
		{"Axios Tuesday", "axios", true},
		{"the Huffington Post's", "huffpost", true},
		{"Fox News Channel", "fox", true},
		{"Smith Daily", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := tab.Leading(tt.name)
		assert.Equal(t, tt.want, got, "Leading(%q)", tt.name)
		assert.Equal(t, tt.ok, ok, "Leading(%q) ok", tt.name)
	}
}

func TestField(t *testing.T) {
	tab, err := Shipped()
	require.NoError(t, err)
	tests := []struct {
		field, want string
		ok          bool
	}{
		{"The Times", "nyt", true},
		{"Fox News Digital", "fox", true},
		{"Reuters Staff", "reuters", true},
		{"the New York Times Co", "nyt", true},
		{"Times of India", "toi", true},
		{"Times Union", "", false},
		{"Milwaukee Journal Sentinel", "", false},
		{"Journal Sentinel", "", false},
		{"Post and Courier", "", false},
		{"Mail & Guardian", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := tab.Field(tt.field)
		assert.Equal(t, tt.want, got, "Field(%q)", tt.field)
		assert.Equal(t, tt.ok, ok, "Field(%q) ok", tt.field)
	}
}

func TestName(t *testing.T) {
	tab, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"nyt": "New York Times", "axios": "Axios", "reuters": "Reuters", "nosuch": ""} {
		if got := tab.Name(key); got != want {
			t.Errorf("Name(%q) = %q, want %q", key, got, want)
		}
	}
}
