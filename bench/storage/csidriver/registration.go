package csidriver

import (
	"context"
	"fmt"

	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"
)

// Registrar answers the kubelet's plugin watcher for one driver, as
// node-driver-registrar would: the kubelet finds its socket in
// <kubelet root>/plugins_registry/, asks GetInfo for the driver's name
// and CSI endpoint, calls NodeGetInfo there (node ID and topology into
// the CSINode object and the node's labels) and reports the outcome
// through NotifyRegistrationStatus.
type Registrar struct {
	registerapi.UnimplementedRegistrationServer
	Driver Driver
	// Endpoint is the path of the driver's CSI socket on the node.
	Endpoint string
	// Status receives the kubelet's verdict: nil once registered, the
	// kubelet's error else. It may be nil.
	Status func(error)
}

// csiVersions are the versions of the kubelet's CSI plugin API this
// driver speaks.
var csiVersions = []string{"1.0.0"}

// GetInfo tells the kubelet what the plugin is and where it listens.
func (r *Registrar) GetInfo(context.Context, *registerapi.InfoRequest) (*registerapi.PluginInfo, error) {
	return &registerapi.PluginInfo{Type: registerapi.CSIPlugin, Name: r.Driver.Name, Endpoint: r.Endpoint,
		SupportedVersions: csiVersions}, nil
}

// NotifyRegistrationStatus receives the kubelet's verdict.
func (r *Registrar) NotifyRegistrationStatus(_ context.Context, s *registerapi.RegistrationStatus) (*registerapi.RegistrationStatusResponse, error) {
	if r.Status != nil {
		if s.GetPluginRegistered() {
			r.Status(nil)
		} else {
			r.Status(fmt.Errorf("the kubelet refused to register %s: %s", r.Driver.Name, s.GetError()))
		}
	}
	return &registerapi.RegistrationStatusResponse{}, nil
}
