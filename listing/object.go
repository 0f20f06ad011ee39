package listing

import (
	"bytes"
	"encoding/json"
	"io"
)

// An Object writes a JSON object field by field, and a list field
// element by element, with the bytes an indented [NewEncoder] writes for
// the whole object: a document too large to hold is written as it is
// made. The first error stops it; [Object.Close] returns it.
type Object struct {
	w      io.Writer
	fields int
	elems  int // of the list begun
	err    error
	buf    bytes.Buffer
}

// NewObject returns an Object writing to w.
func NewObject(w io.Writer) *Object { return &Object{w: w} }

// key writes what comes before a field's value.
func (o *Object) key(k string) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	if o.fields == 0 {
		o.buf.WriteString("{\n  ")
	} else {
		o.buf.WriteString(",\n  ")
	}
	o.fields++
	kb, err := json.Marshal(k)
	if err != nil {
		o.err = err
		return
	}
	o.buf.Write(kb)
	o.buf.WriteString(": ")
	o.flush()
}

// encode writes v indented as a value whose lines after the first begin
// with prefix: a field's ("  ") or a list element's ("    ").
func (o *Object) encode(v any, prefix string) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	enc := NewEncoder(&o.buf, false)
	enc.SetIndent(prefix, "  ")
	if o.err = enc.Encode(v); o.err != nil {
		return
	}
	o.buf.Truncate(o.buf.Len() - 1) // the encoder's newline
	o.flush()
}

func (o *Object) flush() {
	if o.err == nil {
		_, o.err = o.w.Write(o.buf.Bytes())
	}
}

func (o *Object) write(s string) {
	if o.err == nil {
		_, o.err = io.WriteString(o.w, s)
	}
}

// Field writes the field k: v.
func (o *Object) Field(k string, v any) {
	o.key(k)
	o.encode(v, "  ")
}

// List writes the list field k, calling each with a function that
// writes the next element; each's error stops the object.
func (o *Object) List(k string, each func(elem func(v any) error) error) {
	o.BeginList(k)
	err := each(func(v any) error {
		o.Elem(v)
		return o.err
	})
	if o.err == nil {
		o.err = err
	}
	o.EndList()
}

// BeginList starts the list field k, whose elements Elem writes and
// EndList ends.
func (o *Object) BeginList(k string) {
	o.key(k)
	o.elems = 0
}

// Elem writes v as the next element of the list begun.
func (o *Object) Elem(v any) {
	if o.elems == 0 {
		o.write("[\n    ")
	} else {
		o.write(",\n    ")
	}
	o.elems++
	o.encode(v, "    ")
}

// EndList ends the list begun.
func (o *Object) EndList() {
	if o.elems == 0 {
		o.write("[]")
	} else {
		o.write("\n  ]")
	}
}

// Err returns the first error met.
func (o *Object) Err() error { return o.err }

// Value writes the field k with write writing its value to w, indented
// as a field's (a list of lineage reports written as they are
// analyzed, say).
func (o *Object) Value(k string, write func(w io.Writer) error) {
	o.key(k)
	if o.err == nil {
		o.err = write(o.w)
	}
}

// Close ends the object and returns the first error.
func (o *Object) Close() error {
	if o.fields == 0 {
		o.write("{}\n")
	} else {
		o.write("\n}\n")
	}
	return o.err
}
