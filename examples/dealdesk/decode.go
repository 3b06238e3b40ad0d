package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/partnerops/partnerops"
)

// The library decodes its own definitions and inputs strictly (its Parse
// functions). This file does the same for the service's own request
// envelopes, so a misspelt key is an error with a path here too, never
// silently ignored.

// Problem is one reason a request or a definition was refused, as the API
// returns it: the library's field path, the rule broken and the value.
type Problem struct {
	Path  string `json:"path,omitempty"`
	Rule  string `json:"rule"`
	Value string `json:"value,omitempty"`
}

// problemsOf lists the problems of a *ProblemError, or every
// *partnerops.ValidationError in err as a Problem,
// with prefix joined in front of its path; an error with none becomes one
// problem at prefix carrying its message (one package prefix at most).
func problemsOf(prefix string, err error) []Problem {
	if err == nil {
		return nil
	}
	var pe *ProblemError
	if errors.As(err, &pe) {
		out := make([]Problem, 0, len(pe.Problems))
		for _, p := range pe.Problems {
			out = append(out, Problem{Path: joinPath(prefix, p.Path), Rule: p.Rule, Value: p.Value})
		}
		return out
	}
	ves := partnerops.ValidationErrors(err)
	if len(ves) == 0 {
		return []Problem{{Path: prefix, Rule: partnerops.StripPrefixes(err.Error())}}
	}
	out := make([]Problem, 0, len(ves))
	for _, ve := range ves {
		out = append(out, Problem{Path: joinPath(prefix, ve.Path), Rule: partnerops.StripPrefixes(ve.Rule), Value: ve.Value})
	}
	return out
}

func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case strings.HasPrefix(path, "["):
		return prefix + path
	}
	return prefix + "." + path
}

// ProblemError is an error made of Problems: the API answers it with 400
// and lists them.
type ProblemError struct {
	Msg      string
	Problems []Problem
}

func (e *ProblemError) Error() string {
	if len(e.Problems) == 0 {
		return e.Msg
	}
	var b strings.Builder
	b.WriteString(e.Msg)
	for i, p := range e.Problems {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if p.Path != "" {
			b.WriteString(p.Path + ": ")
		}
		b.WriteString(p.Rule)
		if p.Value != "" {
			fmt.Fprintf(&b, " (got %q)", p.Value)
		}
	}
	return b.String()
}

// splitObject splits a JSON object into its members, refusing anything but
// one object, unknown keys (with a suggestion when one is close) and
// duplicate keys. Every problem is reported at once. Members listed in
// required must be present.
func splitObject(data []byte, known []string, required ...string) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var probs []Problem
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, &ProblemError{Msg: "invalid JSON", Problems: []Problem{{Rule: "want a JSON object"}}}
	}
	out := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, &ProblemError{Msg: "invalid JSON", Problems: []Problem{{Rule: err.Error()}}}
		}
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, &ProblemError{Msg: "invalid JSON", Problems: []Problem{{Path: key, Rule: err.Error()}}}
		}
		switch {
		case !slices.Contains(known, key):
			rule := "unknown field"
			if s := suggest(key, known); s != "" {
				rule += fmt.Sprintf("; did you mean %q?", s)
			}
			probs = append(probs, Problem{Path: key, Rule: rule})
		case out[key] != nil:
			probs = append(probs, Problem{Path: key, Rule: "duplicate field"})
		default:
			out[key] = raw
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, &ProblemError{Msg: "invalid JSON", Problems: []Problem{{Rule: err.Error()}}}
	}
	if _, err := dec.Token(); err != io.EOF {
		probs = append(probs, Problem{Rule: "data after the JSON object"})
	}
	for _, r := range required {
		if _, ok := out[r]; !ok {
			probs = append(probs, Problem{Path: r, Rule: "required"})
		}
	}
	if len(probs) > 0 {
		return nil, &ProblemError{Msg: "invalid request", Problems: probs}
	}
	return out, nil
}

// decodeStrict decodes one JSON value into v with encoding/json, refusing
// unknown fields and trailing data. Use it for the service's own small
// request types; library types decode through their Parse functions.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &ProblemError{Msg: "invalid request", Problems: []Problem{jsonProblem(err)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &ProblemError{Msg: "invalid request", Problems: []Problem{{Rule: "data after the JSON value"}}}
	}
	return nil
}

// jsonProblem turns an encoding/json error into a Problem with a path.
func jsonProblem(err error) Problem {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return Problem{Path: te.Field, Rule: fmt.Sprintf("want %s, got %s", te.Type, te.Value)}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return Problem{Path: strings.Trim(f, `"`), Rule: "unknown field"}
	}
	if ves := partnerops.ValidationErrors(err); len(ves) > 0 {
		return Problem{Path: ves[0].Path, Rule: partnerops.StripPrefixes(ves[0].Rule), Value: ves[0].Value}
	}
	return Problem{Rule: partnerops.StripPrefixes(strings.TrimPrefix(msg, "json: "))}
}

// suggest returns the known name closest to key (edit distance at most 2,
// or a case-insensitive match), or "".
func suggest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return k
		}
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
