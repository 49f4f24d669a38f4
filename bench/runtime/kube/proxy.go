package kube

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"

	"k8s.io/client-go/rest"
)

// loginProxy serves, on a loopback port, the controller's HTTP port as
// the API server's pod proxy offers it: the harness polls /login there
// with a plain HTTP client, on any cluster, whether or not it reaches the
// pod network. Every request carries the harness's credentials.
type loginProxy struct {
	srv  *http.Server
	addr string
}

func startLoginProxy(c *Cluster, pod string, port int) (*loginProxy, error) {
	transport, err := rest.TransportFor(c.Config)
	if err != nil {
		return nil, fmt.Errorf("proxy to pod %s: %w", pod, err)
	}
	base, err := url.Parse(c.Config.Host)
	if err != nil {
		return nil, fmt.Errorf("proxy to pod %s: %w", pod, err)
	}
	prefix := base.Path + "/api/v1/namespaces/" + c.Namespace + "/pods/" + pod + ":" + strconv.Itoa(port) + "/proxy"
	rp := &httputil.ReverseProxy{
		Transport: transport,
		Rewrite: func(r *httputil.ProxyRequest) {
			r.Out.URL.Scheme, r.Out.URL.Host = base.Scheme, base.Host
			r.Out.URL.Path = prefix + r.In.URL.Path
			r.Out.URL.RawPath = ""
			r.Out.Host = base.Host
		},
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
			http.Error(w, err.Error(), http.StatusBadGateway)
		},
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("proxy to pod %s: %w", pod, err)
	}
	p := &loginProxy{srv: &http.Server{Handler: rp}, addr: l.Addr().String()}
	go p.srv.Serve(l)
	return p, nil
}

func (p *loginProxy) url() string { return "http://" + p.addr + "/login" }

func (p *loginProxy) close(ctx context.Context) error { return p.srv.Shutdown(ctx) }
