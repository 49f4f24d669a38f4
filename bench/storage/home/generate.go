package home

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/jsbench/jsbench/bench/storage/home/synth"
	"github.com/jsbench/jsbench/bench/storage/home/system"
)

// generate writes a home that looks like one at rest after some use:
// system files, secrets, users, agents, plugin archives (not exploded:
// Jenkins does that at startup) and jobs with their builds.
func generate(ctx context.Context, dst string, spec Spec) (Stats, error) {
	t := &tree{ctx: ctx, root: dst}
	steps := []struct {
		name string
		run  func(*tree, Spec) error
	}{
		{"system files", writeSystem},
		{"secrets", writeSecrets},
		{"users", writeUsers},
		{"nodes", writeNodes},
		{"plugins", writePlugins},
		{"jobs", writeJobs},
	}
	for _, step := range steps {
		if err := step.run(t, spec); err != nil {
			return t.stats, fmt.Errorf("generate home %s: %w", step.name, err)
		}
	}
	return t.stats, nil
}

func writeSystem(t *tree, spec Spec) error {
	files := map[string]string{
		"config.xml":                                     system.ConfigXML(JenkinsVersion, true),
		"hudson.model.UpdateCenter.xml":                  system.UpdateCenterXML,
		"jenkins.model.JenkinsLocationConfiguration.xml": locationXML,
		"nodeMonitors.xml":                               nodeMonitorsXML,
		"queue.xml":                                      system.QueueXML,
		"credentials.xml":                                credentialsXML,
		"jenkins.install.InstallUtil.lastExecVersion":    JenkinsVersion,
		"jenkins.install.UpgradeWizard.state":            JenkinsVersion,
		"userContent/readme.txt":                         system.UserContentReadme,
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := t.text(name, files[name]); err != nil {
			return err
		}
	}
	for _, dir := range []string{"updates", "logs", "fingerprints"} {
		if err := t.dir(dir); err != nil {
			return err
		}
	}
	return nil
}

// writeSecrets writes the keys a home keeps once Jenkins has run: random
// bytes of the real sizes, derived from the seed.
func writeSecrets(t *tree, spec Spec) error {
	src := synth.New(spec.Seed, "secrets")
	binary := func(n int) []byte {
		b := make([]byte, n)
		src.Fill(b)
		return b
	}
	files := []struct {
		name string
		data []byte
	}{
		{"secret.key", []byte(src.Hex(64))},
		{"secret.key.not-so-secret", []byte{}},
		{"identity.key.enc", binary(1712)},
		{"secrets/master.key", []byte(src.Hex(512))},
		{"secrets/hudson.util.Secret", binary(272)},
		{"secrets/jenkins.model.Jenkins.crumbSalt", binary(272)},
		{"secrets/org.jenkinsci.main.modules.instance_identity.InstanceIdentity.KEY", binary(1712)},
	}
	for _, f := range files {
		if err := t.file(f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

func writeUsers(t *tree, spec Spec) error {
	src := synth.New(spec.Seed, "users")
	names := []string{"admin", "ci-bot", "release-manager", "developer", "auditor"}
	var dirs []string
	for i := 0; i < Users; i++ {
		name := names[i%len(names)]
		if i >= len(names) {
			name = fmt.Sprintf("%s%d", name, i)
		}
		dir := fmt.Sprintf("%s_%d", name, 1_000_000_000_000_000_000+src.IntN(1_000_000_000_000_000_000))
		dirs = append(dirs, name, dir)
		if err := t.text("users/"+dir+"/config.xml", userXML(name, src)); err != nil {
			return err
		}
	}
	return t.text("users/users.xml", usersXML(dirs))
}

func writeNodes(t *tree, spec Spec) error {
	for i := 1; i <= Nodes; i++ {
		name := fmt.Sprintf("agent-%02d", i)
		if err := t.text("nodes/"+name+"/config.xml", nodeXML(name)); err != nil {
			return err
		}
	}
	return nil
}
