package snapshot

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// s3Source is an object in an S3 bucket, reached with the usual AWS
// environment (see newS3Client).
type s3Source struct {
	bucket, key string
}

func parseS3(s, rest string) (Source, error) {
	bucket, key, _ := strings.Cut(rest, "/")
	if bucket == "" || key == "" {
		return nil, fmt.Errorf("parse snapshot source %q: want s3://bucket/key", s)
	}
	return s3Source{bucket: bucket, key: key}, nil
}

func (s s3Source) String() string { return "s3://" + s.bucket + "/" + s.key }

func (s s3Source) Open(ctx context.Context) (io.ReadCloser, error) {
	client, err := newS3Client(os.Getenv)
	if err != nil {
		return nil, err
	}
	// One GET, whose error body names the problem (a HEAD first, as
	// Object.Stat sends, cannot tell a missing bucket from a missing key).
	body, info, _, err := minio.Core{Client: client}.GetObject(ctx, s.bucket, s.key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("fetch snapshot %q: %w%s", s, err, s3Hint(err))
	}
	if info.Size >= 0 {
		return sized{body, info.Size}, nil
	}
	return body, nil
}

// s3Hint suggests a remedy for the errors people meet first.
func s3Hint(err error) string {
	switch minio.ToErrorResponse(err).Code {
	case "NoSuchKey":
		return " (no object under that key)"
	case "NoSuchBucket":
		return " (no such bucket at the endpoint; check AWS_ENDPOINT_URL_S3)"
	case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch":
		return " (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN)"
	}
	return ""
}

// s3Config is what the AWS environment says about reaching S3.
type s3Config struct {
	endpoint string // host[:port]
	secure   bool
	region   string
	// pathStyle addresses buckets as endpoint/bucket rather than
	// bucket.endpoint: what S3-compatible servers (MinIO, Ceph) expect.
	pathStyle bool
}

// defaultS3Endpoint is AWS S3's global endpoint; the client finds the
// bucket's region from there.
const defaultS3Endpoint = "s3.amazonaws.com"

// s3ConfigFrom reads AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL), and
// AWS_REGION (or AWS_DEFAULT_REGION), as the AWS CLI and SDKs do.
func s3ConfigFrom(getenv func(string) string) (s3Config, error) {
	region := firstSet(getenv, "AWS_REGION", "AWS_DEFAULT_REGION")
	raw := firstSet(getenv, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
	if raw == "" {
		return s3Config{endpoint: defaultS3Endpoint, secure: true, region: region}, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s3Config{}, fmt.Errorf("read S3 endpoint %q: want a URL such as http://127.0.0.1:9000", raw)
	}
	if region == "" {
		region = "us-east-1" // what S3-compatible servers answer to; saves a location lookup
	}
	return s3Config{endpoint: u.Host, secure: u.Scheme == "https", region: region, pathStyle: true}, nil
}

// newS3Client builds a client from the environment. Credentials come
// from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN,
// else the shared credentials file (AWS_PROFILE), else the instance's
// or pod's role (EC2 metadata, EKS web identity); with none of them the
// request is anonymous, which public buckets accept.
func newS3Client(getenv func(string) string) (*minio.Client, error) {
	cfg, err := s3ConfigFrom(getenv)
	if err != nil {
		return nil, err
	}
	creds := credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{},
		&credentials.FileAWSCredentials{},
		&credentials.IAM{},
	})
	lookup := minio.BucketLookupAuto
	if cfg.pathStyle {
		lookup = minio.BucketLookupPath
	}
	client, err := minio.New(cfg.endpoint, &minio.Options{
		Creds:        creds,
		Secure:       cfg.secure,
		Region:       cfg.region,
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, fmt.Errorf("create S3 client for %q: %w", cfg.endpoint, err)
	}
	return client, nil
}

func firstSet(getenv func(string) string, names ...string) string {
	for _, name := range names {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}
