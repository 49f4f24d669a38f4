package simulator

import (
	"errors"
	"io/fs"
	"path/filepath"
)

// loadWebapp reads the web application's class path, every jar of the
// webroot's WEB-INF/lib, whole: at every start, extracted or not, the
// web application's class loader opens jenkins-core and the libraries
// beside it and reads the classes Jenkins loads while it initializes,
// about 52 MB in a recent WAR (../shared/calibration.md). Where the
// webroot lives (the home or a node-local cache, Config.Webroot) decides
// which storage serves those reads. A webroot without WEB-INF/lib (a WAR
// that is not Jenkins's) has nothing to load; a jar that cannot be read
// is a warning, as Jetty logs a class path entry it cannot open.
func (c *controller) loadWebapp() {
	lib := filepath.Join(c.cfg.Webroot, "WEB-INF", "lib")
	if err := readJars(lib); err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.log.logError(threadMain, levelWarning, "o.e.j.ee9.webapp.WebAppClassLoader#addJars", "Failed to load the class path "+lib,
			nioException(err, "WebAppClassLoader.addJars"))
	}
}
