package scenario

import "strings"

// kindSchema names the fields of a mapping whose fields depend on its
// kind, such as subject and home.
type kindSchema struct {
	noun   string   // "subject", for messages
	kinds  []string // in the order the docs list them
	common []string // fields every kind takes, kind first
	byKind map[string][]string
}

// fields returns the fields a mapping of kind takes; for "" (a missing or
// unknown kind) every field of every kind.
func (s kindSchema) fields(kind string) []string {
	all := append([]string(nil), s.common...)
	for _, k := range s.kinds {
		if kind == "" || k == kind {
			for _, field := range s.byKind[k] {
				if !contains(all, field) {
					all = append(all, field)
				}
			}
		}
	}
	return all
}

// owners returns the kinds that take field.
func (s kindSchema) owners(field string) []string {
	var kinds []string
	for _, k := range s.kinds {
		if contains(s.byKind[k], field) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// kindKeys reports the keys of f that a mapping of kind does not take,
// and returns f without them, so that they are not read (and reported)
// a second time.
func (c *checker) kindKeys(f *fields, s kindSchema, kind string) *fields {
	allowed := s.fields(kind)
	for _, key := range f.unknown(allowed) {
		k := f.entries[key].key
		if owners := s.owners(key); len(owners) > 0 {
			c.report(k, f.field(key), "field %q is for %s %ss only, not %s; %s %s takes: %s",
				key, and(owners), s.noun, kind, an(kind), s.noun, strings.Join(allowed, ", "))
		} else {
			c.report(k, f.field(key), "unknown field %q; known fields: %s", key, strings.Join(allowed, ", "))
		}
	}
	return f.only(allowed)
}

// only returns f restricted to the given keys.
func (f *fields) only(keys []string) *fields {
	if f == nil {
		return nil
	}
	g := &fields{path: f.path, node: f.node, entries: map[string]entry{}}
	for _, key := range f.order {
		if contains(keys, key) {
			g.entries[key] = f.entries[key]
			g.order = append(g.order, key)
		}
	}
	return g
}

// and joins words as "a", "a and b", "a, b and c".
func and(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// an prefixes word with its indefinite article.
func an(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
