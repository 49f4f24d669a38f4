package system

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestFilesAreWellFormed reads every file as XML. Go's decoder knows only
// XML 1.0, so the 1.1 declaration is relabelled first; nothing in the
// files depends on 1.1.
func TestFilesAreWellFormed(t *testing.T) {
	tests := []struct {
		name, xml, want string
	}{
		{"config.xml, first boot", ConfigXML("2.541.3", false), "<slaveAgentPort>-1</slaveAgentPort>"},
		{"config.xml, after the wizard", ConfigXML("2.541.3", true), "HudsonPrivateSecurityRealm"},
		{"update centre", UpdateCenterXML, "update-center.json"},
		{"queue", QueueXML, "<items/>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.HasPrefix(tt.xml, Header) || !strings.Contains(tt.xml, tt.want) {
				t.Errorf("want the header and %q in:\n%s", tt.want, tt.xml)
			}
			dec := xml.NewDecoder(strings.NewReader(strings.Replace(tt.xml, "version='1.1'", "version='1.0'", 1)))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, tt.xml)
				}
			}
		})
	}
}

func TestConfigXMLCarriesTheVersion(t *testing.T) {
	for _, secured := range []bool{false, true} {
		if got := ConfigXML("2.541.3-x", secured); !strings.Contains(got, "<version>2.541.3-x</version>") {
			t.Errorf("ConfigXML(secured=%v) lacks the version:\n%s", secured, got)
		}
	}
}
