// Package strict decodes JSON definitions strictly, for every pillar's
// Parse functions and definition UnmarshalJSON methods.
//
// Decode differs from encoding/json in what it refuses and in how it
// reports: an unknown key is an error with its path and, where one is
// close, a suggestion ("did you mean "when"?"); a duplicate key is an error;
// a value of the wrong shape is an error with its path and the shape
// expected (types describe theirs with a JSONShape method); elements of a
// list are named in paths by their ID where they have one
// (rules[tier-gold].effect.percent) and by their 0-based index otherwise.
// Every problem is a *partnerops.ValidationError, all of them joined, so a
// host shows an author every mistake at once.
//
// A date field (time.Time) accepts "2026-01-31" (midnight in
// Options.Location, UTC when nil, or the first instant of that day where
// midnight does not exist) as well as an RFC 3339 time. A time.Duration
// accepts a Go duration string ("72h", "90m") or whole nanoseconds.
//
// Types with their own UnmarshalJSON or UnmarshalText are decoded by it;
// a *partnerops.ValidationError they return keeps its path under the
// field's, and any other error becomes one at the field's path. A struct
// field tagged aka:"conditions,condition" suggests that field when an
// author writes one of the other names. A field tagged path:"key" names
// its element in paths instead of the field whose JSON name is "id".
package strict

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerops/partnerops"
)

// Options tune Decode. The zero value is ready to use.
type Options struct {
	// Location is the time zone of date-only values. Defaults to UTC.
	Location *time.Location
	// MaxBytes bounds the input size. Defaults to 32 MiB.
	MaxBytes int
}

// MaxDepth bounds the nesting of objects and arrays.
const MaxDepth = 200

// errTooLarge names the rule broken when the input exceeds Options.MaxBytes.
var errTooLarge = errors.New("definition too large")

// Decode decodes data into v, a non-nil pointer, strictly; see the package
// doc. On error v may be partly filled.
func Decode(data []byte, v any, opts Options) error {
	max := opts.MaxBytes
	if max <= 0 {
		max = 32 << 20
	}
	if len(data) > max {
		return &partnerops.ValidationError{Rule: fmt.Sprintf("%v: %d bytes, more than %d", errTooLarge, len(data), max)}
	}
	root, err := parse(data)
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("strict: Decode needs a non-nil pointer, got %T", v)
	}
	d := &decoder{loc: opts.Location, fields: map[reflect.Type]*structInfo{}}
	if d.loc == nil {
		d.loc = time.UTC
	}
	d.value(root, rv.Elem(), "")
	return d.probs.Err()
}

// node is one JSON value, objects keeping their keys in document order.
type node struct {
	kind  byte // '{', '[', '"', 'n' (number), 'b' (bool), '0' (null)
	str   string
	b     bool
	keys  []string
	elems []*node
}

func parse(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseNode(dec, "", 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &partnerops.ValidationError{Rule: "unexpected data after the top-level value"}
	}
	return n, nil
}

func syntaxErr(dec *json.Decoder, path string, err error) error {
	rule := "invalid JSON"
	if err != nil {
		rule += ": " + strings.TrimPrefix(err.Error(), "json: ")
	}
	rule += fmt.Sprintf(" (near byte %d)", dec.InputOffset())
	return &partnerops.ValidationError{Path: path, Rule: rule}
}

func parseNode(dec *json.Decoder, path string, depth int) (*node, error) {
	if depth > MaxDepth {
		return nil, &partnerops.ValidationError{Path: path, Rule: fmt.Sprintf("nested more than %d levels deep", MaxDepth)}
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, syntaxErr(dec, path, err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{kind: '{'}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, syntaxErr(dec, path, err)
				}
				k, _ := kt.(string)
				kp := partnerops.JoinPath(path, partnerops.Path(k))
				if seen[k] {
					return nil, &partnerops.ValidationError{Path: kp, Rule: "duplicate key"}
				}
				seen[k] = true
				v, err := parseNode(dec, kp, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntaxErr(dec, path, err)
			}
			return n, nil
		case '[':
			n := &node{kind: '['}
			for i := 0; dec.More(); i++ {
				v, err := parseNode(dec, partnerops.JoinPath(path, partnerops.Path(i)), depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntaxErr(dec, path, err)
			}
			return n, nil
		}
		return nil, syntaxErr(dec, path, nil)
	case string:
		return &node{kind: '"', str: t}, nil
	case json.Number:
		return &node{kind: 'n', str: string(t)}, nil
	case bool:
		return &node{kind: 'b', b: t}, nil
	case nil:
		return &node{kind: '0'}, nil
	}
	return nil, syntaxErr(dec, path, nil)
}

// encode writes n back as compact JSON, for types that decode themselves.
func (n *node) encode(b *bytes.Buffer) {
	switch n.kind {
	case '{':
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			n.elems[i].encode(b)
		}
		b.WriteByte('}')
	case '[':
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.encode(b)
		}
		b.WriteByte(']')
	case '"':
		writeString(b, n.str)
	case 'n':
		b.WriteString(n.str)
	case 'b':
		b.WriteString(strconv.FormatBool(n.b))
	default:
		b.WriteString("null")
	}
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

func (n *node) raw() []byte {
	var b bytes.Buffer
	n.encode(&b)
	return b.Bytes()
}

func (n *node) describe() string {
	switch n.kind {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		s := n.str
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return strconv.Quote(s)
	case 'n':
		s := n.str
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return "the number " + s
	case 'b':
		return strconv.FormatBool(n.b)
	}
	return "null"
}

type field struct {
	name  string
	index []int
	aka   []string
	key   bool // names its element in paths
}

type structInfo struct {
	fields []field
	byName map[string]int
	keyIdx int // index in fields of the element's ID field, or -1
}

type decoder struct {
	loc    *time.Location
	probs  partnerops.Problems
	fields map[reflect.Type]*structInfo
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	durationType    = reflect.TypeFor[time.Duration]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
	shaperType      = reflect.TypeFor[interface{ JSONShape() string }]()
)

// Shape returns what JSON t decodes from, for error messages.
func Shape(t reflect.Type) string {
	if t.Implements(shaperType) {
		return reflect.Zero(t).Interface().(interface{ JSONShape() string }).JSONShape()
	}
	if reflect.PointerTo(t).Implements(shaperType) {
		return reflect.New(t).Interface().(interface{ JSONShape() string }).JSONShape()
	}
	switch t {
	case timeType:
		return `a date like "2026-01-31" or an RFC 3339 time like "2026-01-31T09:00:00Z"`
	case durationType:
		return `a duration like "72h" or "90m"`
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return Shape(t.Elem())
	}
	return "a JSON value"
}

func (d *decoder) wrong(path string, t reflect.Type, n *node) {
	d.probs.Add(path, "want "+Shape(t)+", got "+n.describe(), "")
}

func (d *decoder) value(n *node, v reflect.Value, path string) {
	t := v.Type()
	if n.kind == '0' {
		// null: as encoding/json, clear pointers, slices and maps; leave
		// other values as they are.
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			v.SetZero()
		}
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.value(n, v.Elem(), path)
		return
	}
	switch t {
	case timeType:
		d.time(n, v, path)
		return
	case durationType:
		d.duration(n, v, path)
		return
	}
	if v.CanAddr() {
		pv := v.Addr()
		if pv.Type().Implements(unmarshalerType) {
			err := pv.Interface().(json.Unmarshaler).UnmarshalJSON(n.raw())
			d.merge(path, t, err)
			return
		}
		if pv.Type().Implements(textType) {
			if n.kind != '"' {
				d.wrong(path, t, n)
				return
			}
			err := pv.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.str))
			d.merge(path, t, err)
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		d.object(n, v, path)
	case reflect.Slice:
		if n.kind != '[' {
			d.wrong(path, t, n)
			return
		}
		s := reflect.MakeSlice(t, len(n.elems), len(n.elems))
		for i, e := range n.elems {
			d.value(e, s.Index(i), partnerops.JoinPath(path, d.elemPath(e, t.Elem(), i)))
		}
		v.Set(s)
	case reflect.Array:
		if n.kind != '[' || len(n.elems) != v.Len() {
			d.probs.Add(path, fmt.Sprintf("want an array of %d elements, got %s", v.Len(), n.describe()), "")
			return
		}
		for i, e := range n.elems {
			d.value(e, v.Index(i), partnerops.JoinPath(path, partnerops.Path(i)))
		}
	case reflect.Map:
		d.mapValue(n, v, path)
	case reflect.Interface:
		if t.NumMethod() != 0 {
			d.probs.Add(path, "cannot decode into "+t.String(), "")
			return
		}
		var x any
		if err := json.Unmarshal(n.raw(), &x); err != nil {
			d.probs.Add(path, err.Error(), "")
			return
		}
		v.Set(reflect.ValueOf(&x).Elem())
	case reflect.String:
		if n.kind != '"' {
			d.wrong(path, t, n)
			return
		}
		v.SetString(n.str)
	case reflect.Bool:
		if n.kind != 'b' {
			d.wrong(path, t, n)
			return
		}
		v.SetBool(n.b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.str, 10, t.Bits())
		if n.kind != 'n' || err != nil {
			d.wrong(path, t, n)
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(n.str, 10, t.Bits())
		if n.kind != 'n' || err != nil {
			d.wrong(path, t, n)
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n.str, t.Bits())
		if n.kind != 'n' || err != nil {
			d.wrong(path, t, n)
			return
		}
		v.SetFloat(f)
	default:
		d.probs.Add(path, "cannot decode into "+t.String(), "")
	}
}

// merge records the error a type's own decoder returned, at path.
func (d *decoder) merge(path string, t reflect.Type, err error) {
	if err == nil {
		return
	}
	if len(partnerops.ValidationErrors(err)) > 0 {
		d.probs.Merge(path, err)
		return
	}
	msg := partnerops.StripPrefixes(err.Error())
	shape := Shape(t)
	if !strings.Contains(msg, shape) && shape != "a string" {
		msg = "want " + shape + ": " + msg
	}
	d.probs.AddWrapped(path, msg, err)
}

func (d *decoder) time(n *node, v reflect.Value, path string) {
	if n.kind != '"' {
		d.wrong(path, v.Type(), n)
		return
	}
	if len(n.str) == len(time.DateOnly) {
		day, err := time.ParseInLocation(time.DateOnly, n.str, time.UTC)
		if err == nil {
			v.Set(reflect.ValueOf(partnerops.StartOfDay(day.Year(), day.Month(), day.Day(), d.loc)))
			return
		}
	}
	t, err := time.Parse(time.RFC3339Nano, n.str)
	if err != nil {
		d.wrong(path, v.Type(), n)
		return
	}
	v.Set(reflect.ValueOf(t))
}

func (d *decoder) duration(n *node, v reflect.Value, path string) {
	switch n.kind {
	case '"':
		x, err := time.ParseDuration(n.str)
		if err != nil {
			d.wrong(path, v.Type(), n)
			return
		}
		v.SetInt(int64(x))
	case 'n':
		i, err := strconv.ParseInt(n.str, 10, 64)
		if err != nil {
			d.wrong(path, v.Type(), n)
			return
		}
		v.SetInt(i)
	default:
		d.wrong(path, v.Type(), n)
	}
}

func (d *decoder) mapValue(n *node, v reflect.Value, path string) {
	t := v.Type()
	if n.kind != '{' {
		d.wrong(path, t, n)
		return
	}
	m := reflect.MakeMapWithSize(t, len(n.keys))
	kt := t.Key()
	for i, k := range n.keys {
		kp := partnerops.JoinPath(path, partnerops.Path(partnerops.Key(k)))
		kv := reflect.New(kt).Elem()
		switch {
		case reflect.PointerTo(kt).Implements(textType):
			if err := kv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(k)); err != nil {
				d.merge(kp, kt, err)
				continue
			}
		case kt.Kind() == reflect.String:
			kv.SetString(k)
		case kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64:
			x, err := strconv.ParseInt(k, 10, kt.Bits())
			if err != nil {
				d.probs.Add(kp, "key must be a whole number", k)
				continue
			}
			kv.SetInt(x)
		default:
			d.probs.Add(kp, "cannot decode a key into "+kt.String(), k)
			continue
		}
		ev := reflect.New(t.Elem()).Elem()
		d.value(n.elems[i], ev, kp)
		m.SetMapIndex(kv, ev)
	}
	v.Set(m)
}

func (d *decoder) object(n *node, v reflect.Value, path string) {
	t := v.Type()
	if n.kind != '{' {
		d.wrong(path, t, n)
		return
	}
	info := d.info(t)
	for i, k := range n.keys {
		kp := partnerops.JoinPath(path, partnerops.Path(k))
		fi, ok := info.byName[k]
		if !ok {
			// encoding/json matches keys case-insensitively; strict
			// decoding does not, but says which key was meant.
			d.probs.Add(kp, "unknown field"+suggest(k, info), "")
			continue
		}
		f := info.fields[fi]
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			d.probs.Add(kp, "cannot set a field behind a nil embedded pointer", "")
			continue
		}
		d.value(n.elems[i], fv, kp)
	}
}

func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// elemPath names element i of a list: by the element's ID where its type
// has one and the object gives it, by index otherwise.
func (d *decoder) elemPath(e *node, t reflect.Type, i int) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if e.kind != '{' || t.Kind() != reflect.Struct {
		return partnerops.Path(i)
	}
	info := d.info(t)
	if info.keyIdx < 0 {
		return partnerops.Path(i)
	}
	name := info.fields[info.keyIdx].name
	for j, k := range e.keys {
		if k == name && e.elems[j].kind == '"' && e.elems[j].str != "" {
			return partnerops.Path(partnerops.Key(e.elems[j].str))
		}
	}
	return partnerops.Path(i)
}

func (d *decoder) info(t reflect.Type) *structInfo {
	if s, ok := d.fields[t]; ok {
		return s
	}
	s := &structInfo{byName: map[string]int{}, keyIdx: -1}
	d.fields[t] = s // before recursing: embedded cycles end here
	collectFields(t, nil, s, 0)
	for i, f := range s.fields {
		if f.key {
			s.keyIdx = i
		}
	}
	if s.keyIdx < 0 {
		if i, ok := s.byName["id"]; ok {
			s.keyIdx = i
		}
	}
	return s
}

// collectFields gathers t's JSON fields as encoding/json sees them: tagged
// or exported fields, embedded structs flattened, shallower names first.
func collectFields(t reflect.Type, index []int, s *structInfo, depth int) {
	if depth > 8 {
		return
	}
	var embedded []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, sf)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if _, dup := s.byName[name]; dup {
			continue
		}
		f := field{name: name, index: append(slices.Clone(index), i), key: sf.Tag.Get("path") == "key"}
		if aka := sf.Tag.Get("aka"); aka != "" {
			f.aka = strings.Split(aka, ",")
		}
		s.byName[name] = len(s.fields)
		s.fields = append(s.fields, f)
	}
	for _, sf := range embedded {
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		collectFields(ft, append(slices.Clone(index), sf.Index...), s, depth+1)
	}
}

// suggest proposes the field an unknown key probably meant: one whose aka
// tag lists it, one equal but for letter case, or the nearest by edit
// distance when it is close.
func suggest(k string, s *structInfo) string {
	lk := strings.ToLower(k)
	for _, f := range s.fields {
		if slices.Contains(f.aka, k) || slices.Contains(f.aka, lk) || strings.ToLower(f.name) == lk {
			return fmt.Sprintf("; did you mean %q?", f.name)
		}
	}
	best, bestD := "", 0
	for _, f := range s.fields {
		dist := editDistance(lk, strings.ToLower(f.name))
		if best == "" || dist < bestD {
			best, bestD = f.name, dist
		}
	}
	limit := 1 + len(k)/4
	if best != "" && bestD <= limit && bestD < len(k) {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// editDistance is the optimal-string-alignment distance on bytes: the
// Levenshtein distance with a swap of two neighbours counting as one edit
// ("lsit" is one edit from "list", the typo authors make most). Keys are
// short; anything over 64 bytes is never close to a field name.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	pp := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}
