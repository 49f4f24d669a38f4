package simulator

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/jsbench/jsbench/bench/storage/home/system"
)

// bootAttemptsFile is where WebAppMain records boot attempts; a
// successful boot deletes it.
const bootAttemptsFile = "failed-boot-attempts.txt"

// recordBootAttempt appends the date to failed-boot-attempts.txt, warning
// (not failing) when the home is not writable, as WebAppMain does.
func (c *controller) recordBootAttempt() {
	path := filepath.Join(c.cfg.Home, bootAttemptsFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err == nil {
		_, err = fmt.Fprintln(f, time.Now().Format(time.UnixDate))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		c.log.logError(threadMain, levelWarning, "hudson.WebAppMain#recordBootAttempt", "Failed to record boot attempts", nioException(err, "WebAppMain.recordBootAttempt"))
	}
}

// secretKey is the Jenkins constructor's first write: read secret.key, or
// create it (and its secret.key.not-so-secret marker) on a fresh home.
func (c *controller) secretKey() error {
	path := filepath.Join(c.cfg.Home, "secret.key")
	if _, err := os.ReadFile(path); !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := atomicWrite(path, []byte(randomHex(32))); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(c.cfg.Home, "secret.key.not-so-secret"), nil, 0o644)
}

// homeFile is a file Jenkins reads if present and writes on a fresh home.
type homeFile struct {
	path    string
	content func() []byte
	// atomic files are saved as XmlFile and TextFile save: a temporary
	// file, fsync, rename (AtomicFileWriter); the others are plain writes.
	atomic bool
}

var firstBootFiles = []homeFile{
	{"secrets/master.key", func() []byte { return []byte(randomHex(256)) }, true},
	{"secrets/hudson.util.Secret", randomBytes(272), false},
	{"secrets/jenkins.model.Jenkins.crumbSalt", randomBytes(272), false},
	{"secrets/org.jenkinsci.main.modules.instance_identity.InstanceIdentity.KEY", randomBytes(1712), false},
	{"identity.key.enc", randomBytes(1712), false},
	{"config.xml", text(system.ConfigXML(Version, false)), true},
	{"nodeMonitors.xml", text(nodeMonitorsXML), true},
	{"hudson.model.UpdateCenter.xml", text(system.UpdateCenterXML), true},
	{"jenkins.install.InstallUtil.lastExecVersion", text(Version), false},
	{"jenkins.install.UpgradeWizard.state", text(Version), false},
	{"userContent/readme.txt", text(system.UserContentReadme), false},
}

// finalizeSetUp loads the queue and reads, or on a fresh home writes, the
// keys and settings files a first boot creates.
func (c *controller) finalizeSetUp() error {
	c.loadQueue()
	for _, f := range firstBootFiles {
		path := filepath.Join(c.cfg.Home, filepath.FromSlash(f.path))
		if _, err := os.ReadFile(path); !errors.Is(err, fs.ErrNotExist) {
			if err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		write := plainWrite
		if f.atomic {
			write = atomicWrite
		}
		if err := write(path, f.content()); err != nil {
			return err
		}
	}
	return nil
}

// loadQueue is Queue.load: read queue.xml, then keep it as queue.xml.bak.
// Failures are warnings.
func (c *controller) loadQueue() {
	path := filepath.Join(c.cfg.Home, "queue.xml")
	_, err := readXML(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err == nil {
		err = os.Rename(path, path+".bak")
	}
	if err != nil {
		c.log.logError(threadReactor, levelWarning, "hudson.model.Queue#load", "Failed to load the queue file "+path, nioException(err, "Queue.load"))
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func randomBytes(n int) func() []byte {
	return func() []byte {
		b := make([]byte, n)
		_, _ = rand.Read(b)
		return b
	}
}

func text(s string) func() []byte { return func() []byte { return []byte(s) } }
