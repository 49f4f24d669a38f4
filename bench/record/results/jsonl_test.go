package results

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sample(i int) Record {
	return Record{
		Schema: Schema, SuiteID: "s1", Scenario: "small", Iteration: i, Status: StatusOK,
		StartedAt: time.Date(2026, 5, 1, 2, 0, i, 0, time.UTC), ReadyMS: 1000 + float64(i),
		Subject: Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim", Runtime: "process"},
		Volume:  Volume{Name: "local", Kind: "local"},
		Phases:  []Phase{{Name: "fully_up", DurationMS: 12.5}},
	}
}

func TestAppendThenRead(t *testing.T) {
	var buf bytes.Buffer
	want := []Record{sample(1), sample(2)}
	noSchema := sample(3)
	noSchema.Schema = ""
	for _, r := range append(want, noSchema) {
		if err := AppendJSONL(&buf, r); err != nil {
			t.Fatal(err)
		}
	}
	want = append(want, sample(3))
	got, warnings, err := ReadJSONL(&buf)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("ReadJSONL: %v, warnings %q", err, warnings)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
}

func TestAppendRefusesUnknownSchema(t *testing.T) {
	r := sample(1)
	r.Schema = "jsbench.run/v9"
	err := AppendJSONL(&bytes.Buffer{}, r)
	if err == nil || !strings.Contains(err.Error(), `"jsbench.run/v9"`) {
		t.Errorf("err = %v, want it to name the schema", err)
	}
}

func TestReadJSONL(t *testing.T) {
	ok := `{"schema":"jsbench.run/v1","scenario":"small","status":"ok","ready_ms":5}`
	tests := []struct {
		name     string
		input    string
		wantN    int
		wantWarn string
		wantErr  string
	}{
		{"blank lines", "\n" + ok + "\n\n" + ok + "\n", 2, "", ""},
		{"no trailing newline", ok + "\n" + ok, 2, "", ""},
		{"cut short", ok + "\n" + `{"schema":"jsbench.run/v1","scen`, 1, "line 2: record cut short", ""},
		{"unknown field", `{"schema":"jsbench.run/v1","colour":"red"}` + "\n", 1, `line 1: json: unknown field "colour": ignored`, ""},
		{"absurd duration", ok + "\n" + `{"schema":"jsbench.run/v2","ready_ms":1.7e308}` + "\n", 1, "line 2: ready_ms is 1.7e+308 ms, beyond 1e+12 ms (about 31 years): no run lasts that long; record ignored", ""},
		{"absurd phase", `{"schema":"jsbench.run/v2","phases":[{"name":"x","start_ms":-2e12,"duration_ms":1}]}` + "\n" + ok + "\n", 1, "line 1: phases[0].start_ms is -2e+12 ms", ""},
		{"an older and the current schema", ok + "\n" + `{"schema":"jsbench.run/v2","ready_ms":6}` + "\n", 2, "", ""},
		{"unknown schema", ok + "\n" + `{"schema":"jsbench.run/v9"}` + "\n", 0, "", `line 2: unknown schema "jsbench.run/v9"`},
		{"no schema", `{"scenario":"x"}` + "\n", 0, "", `line 1: record has no "schema" field`},
		{"broken line in the middle", ok + "\n{oops\n" + ok + "\n", 0, "", "line 2: decode record"},
		{"wrong type", `{"schema":"jsbench.run/v1","ready_ms":"fast"}` + "\n", 0, "", "line 1: decode record"},
		{"empty", "", 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := ReadJSONL(strings.NewReader(tt.input))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantN {
				t.Errorf("got %d records, want %d", len(got), tt.wantN)
			}
			if joined := strings.Join(warnings, "\n"); tt.wantWarn != "" && !strings.Contains(joined, tt.wantWarn) || tt.wantWarn == "" && joined != "" {
				t.Errorf("warnings %q, want %q", joined, tt.wantWarn)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := AppendJSONL(&buf, sample(1)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, FileName)
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, file} {
		got, _, err := Load(path)
		if err != nil || len(got) != 1 {
			t.Errorf("Load(%q) = %d records, %v", path, len(got), err)
		}
	}
	empty := t.TempDir()
	if _, _, err := Load(empty); err == nil || !strings.Contains(err.Error(), "holds no results.jsonl") {
		t.Errorf("Load(empty dir) err = %v", err)
	}
	if _, _, err := Load(filepath.Join(dir, "nope")); err == nil {
		t.Error("Load(missing) should fail")
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"schema":"jsbench.run/v1","ready_ms":5}` + "\n"))
	f.Add([]byte(`{"schema":"jsbench.run/v1","phases":[{"name":"x","duration_ms":1e308}]}`))
	f.Add([]byte("\n\n{\"schema\":null}\n"))
	f.Add([]byte(`{"schema":"jsbench.run/v1","colour":1}` + "\n" + `{"sch`))
	f.Add([]byte(`{"schema":"jsbench.run/v2","ready_ms":-0.5,"phases":[{"duration_ms":-1}]}` + "\n"))
	f.Add([]byte(`{"schema":"jsbench.run/v2","probe":{"p50_ms":{"stat":-1}}}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		records, _, err := ReadJSONL(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		for i, r := range records {
			if !IsKnownSchema(r.Schema) {
				t.Fatalf("read a record of schema %q", r.Schema)
			}
			if err := checkRecord(r, i+1); err != nil {
				t.Fatalf("accepted a record with an impossible duration: %v", err)
			}
			if err := AppendJSONL(&buf, r); err != nil {
				t.Fatalf("re-append: %v", err)
			}
		}
		again, _, err := ReadJSONL(&buf)
		if err != nil || len(again) != len(records) {
			t.Fatalf("re-read %d of %d records: %v", len(again), len(records), err)
		}
	})
}

// TestReadsVersion1Records reads a record as jsbench wrote it before
// schema v2 (taken from a results.jsonl of that release, shortened): it
// must load, keep its version and lose nothing it held.
func TestReadsVersion1Records(t *testing.T) {
	v1 := `{"schema":"jsbench.run/v1","suite_id":"20261126-014249","scenario":"storage-matrix","subject":{"kind":"sim","simulated":true,"name":"jenkins-sim (simulated controller) jsbench/jenkins-sim:1","runtime":"container"},"volume":{"name":"local","kind":"local"},"home":{"kind":"generated","jobs":100},"start":"cold","iteration":2,"warmup":false,"started_at":"2026-11-26T01:43:10Z","status":"ok","ready_ms":1061.5,"cache_dropped":true,"phases":[{"name":"pre_jvm","start_ms":0,"duration_ms":620}],"log_lines":40,"streamed_lines":40}` + "\n"
	got, warnings, err := ReadJSONL(strings.NewReader(v1))
	if err != nil || len(warnings) > 0 || len(got) != 1 {
		t.Fatalf("ReadJSONL(v1) = %d records, warnings %q, err %v", len(got), warnings, err)
	}
	r := got[0]
	if r.Schema != SchemaV1 || r.ReadyMS != 1061.5 || r.Home.Jobs != 100 || len(r.Phases) != 1 || !r.CacheDropped {
		t.Errorf("v1 record read as %+v", r)
	}
}

func TestReadJSONLRefusesImpossibleDurations(t *testing.T) {
	ok := `{"schema":"jsbench.run/v2","ready_ms":5}` + "\n"
	tests := []struct{ name, input, want string }{
		{"negative ready", ok + `{"schema":"jsbench.run/v2","ready_ms":-5}` + "\n", "line 2: ready_ms is -5: a duration cannot be negative"},
		{"negative phase", `{"schema":"jsbench.run/v2","phases":[{"name":"a","duration_ms":-1}]}` + "\n", "line 1: phases[0].duration_ms is -1"},
		{"negative probe", ok + ok + `{"schema":"jsbench.run/v2","probe":{"p50_ms":{"stat":-2}}}` + "\n", "line 3: probe.p50_ms.stat is -2"},
		{"overflowing", `{"schema":"jsbench.run/v2","restore_ms":1e400}` + "\n", "line 1: decode record"},
		{"NaN", ok + `{"schema":"jsbench.run/v2","ready_ms":NaN}` + "\n", "line 2: decode record"},
		{"too long", ok + `{"schema":"jsbench.run/v2","reason":"` + strings.Repeat("x", maxLineBytes) + "\"}\n", "line 2: longer than 16 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadJSONL(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCheckRecordAllowsNegativeOffsets(t *testing.T) {
	r := sample(1)
	r.Events = []Event{{Name: "x", OffsetMS: -3}}
	if err := checkRecord(r, 1); err != nil {
		t.Errorf("an event before the harness's origin is an offset, not a duration: %v", err)
	}
}

func TestLoadRefusesTheSummary(t *testing.T) {
	dir := t.TempDir()
	summary := filepath.Join(dir, SummaryFileName)
	if err := os.WriteFile(summary, []byte("{\n  \"summaries\": [],\n  \"config\": []\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Load(summary)
	if err == nil || !strings.Contains(err.Error(), "pass the results.jsonl written beside it") {
		t.Errorf("Load(summary) err = %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = Load(summary)
	if want := "pass " + filepath.Join(dir, FileName); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load(summary) err = %v, want %q", err, want)
	}
}
