package priority

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteNice(t *testing.T) {
	for _, tt := range []struct {
		env     string
		want    int
		wantErr bool
	}{
		// Unset or empty: the default.
		{"", DefaultWriteNice, false},
		// The range, ends included.
		{"0", 0, false},
		{"15", 15, false},
		{"19", 19, false},
		// Out of range or not a number: the default, with an error.
		{"20", DefaultWriteNice, true},
		{"-1", DefaultWriteNice, true},
		{"ten", DefaultWriteNice, true},
	} {
		t.Setenv(EnvVar, tt.env)
		got, err := WriteNice()
		assert.Equal(t, tt.want, got, "WriteNice() with %s=%q", EnvVar, tt.env)
		if tt.wantErr {
			require.Error(t, err, "%s=%q", EnvVar, tt.env)
			assert.Contains(t, err.Error(), EnvVar)
		} else {
			assert.NoError(t, err, "%s=%q", EnvVar, tt.env)
		}
	}
}
