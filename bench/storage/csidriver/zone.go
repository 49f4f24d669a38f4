package csidriver

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// serviceAccount is where the kubelet mounts a pod's API credentials.
const serviceAccount = "/var/run/secrets/kubernetes.io/serviceaccount"

// NodeZone reads the zone label of node from the API server, with the
// pod's service account (KUBERNETES_SERVICE_HOST and _PORT say where the
// server is). It asks until the label is there or ctx ends: the cluster
// labels a node with its zone once the node has registered.
func NodeZone(ctx context.Context, node string) (string, error) {
	client, url, token, err := inCluster()
	if err != nil {
		return "", err
	}
	for {
		zone, err := nodeLabel(ctx, client, url+"/api/v1/nodes/"+node, token, ZoneKey)
		if err == nil && zone != "" {
			return zone, nil
		}
		if err == nil {
			err = fmt.Errorf("node %s has no label %s", node, ZoneKey)
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("read the zone of node %s: %w (label it: kubectl label node %s %s=ZONE)", node, err, node, ZoneKey)
		case <-time.After(time.Second):
		}
	}
}

func inCluster() (*http.Client, string, string, error) {
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		return nil, "", "", fmt.Errorf("not in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are unset")
	}
	token, err := os.ReadFile(serviceAccount + "/token")
	if err != nil {
		return nil, "", "", fmt.Errorf("read the service account token: %w", err)
	}
	ca, err := os.ReadFile(serviceAccount + "/ca.crt")
	if err != nil {
		return nil, "", "", fmt.Errorf("read the cluster CA: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	return client, "https://" + net.JoinHostPort(host, port), string(token), nil
}

func nodeLabel(ctx context.Context, client *http.Client, url, token, key string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	var node struct {
		Metadata struct {
			Labels map[string]string `json:"labels"`
		} `json:"metadata"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&node); err != nil {
		return "", fmt.Errorf("GET %s: %w", url, err)
	}
	return node.Metadata.Labels[key], nil
}
