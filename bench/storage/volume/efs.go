package volume

import (
	"regexp"
)

// efsKind is an Amazon EFS file system, mounted over NFS 4.1 with the
// options AWS's mount helper uses (preset efs):
//
//	kind: efs
//	file_system_id: fs-0123456789abcdef0   # with region, or dns_name
//	region: eu-west-1
//	dns_name: fs-0123….efs.eu-west-1.amazonaws.com   # instead of the two
//	export: /                              # a path inside the file system
//	access_point: fsap-0123456789abcdef0   # recorded, see below
//	options, subdir_per_run, mount         # as for kind nfs
//
// The DNS name resolves only inside the file system's VPC. An access
// point needs AWS's mount helper (efs-utils, TLS and IAM) or the EFS CSI
// driver; the kernel's NFS client that Docker's local driver and jsbench
// use cannot enter one. The access point is therefore only recorded:
// set export: to its root directory, and know that its POSIX user is not
// enforced (jsbench gives the home to the run's uid and gid instead).
type efsKind struct{}

var (
	efsFileSystemID  = regexp.MustCompile(`^fs-[0-9a-f]{8}([0-9a-f]{9})?$`)
	efsAccessPointID = regexp.MustCompile(`^fsap-[0-9a-f]{8}([0-9a-f]{9})?$`)
	awsRegion        = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$`)
)

// efsVersion is the protocol EFS recommends (it also speaks 4.0).
const efsVersion = "4.1"

func (efsKind) Configure(name string, opts *Options) Volume {
	v := &nfsVolume{name: name, kind: "efs", version: efsVersion}
	id := opts.String("file_system_id", "")
	region := opts.String("region", "")
	dnsName := opts.String("dns_name", "")
	checkEFSIDs(opts, id, region, dnsName)
	v.server = dnsName
	if v.server == "" {
		v.server = id + ".efs." + region + ".amazonaws.com"
	}
	v.export = exportOption(opts, "/")
	accessPoint := opts.String("access_point", "")
	if accessPoint != "" && !efsAccessPointID.MatchString(accessPoint) {
		opts.Problemf("access_point", accessPoint, "want an access point id such as fsap-0123456789abcdef0")
	}
	v.configureCommon(opts, nfsPresets["efs"])
	for key, value := range map[string]string{"file_system_id": id, "region": region, "access_point": accessPoint} {
		if value != "" {
			v.params[key] = value
		}
	}
	if accessPoint != "" {
		v.facts = map[string]string{"access_point_enforced": "false"}
	}
	return v
}

// checkEFSIDs wants a file system id with its region, or a DNS name.
func checkEFSIDs(opts *Options, id, region, dnsName string) {
	if id == "" && dnsName == "" {
		opts.Problemf("file_system_id", "", "required (with region), unless dns_name is set")
	}
	if id != "" && !efsFileSystemID.MatchString(id) {
		opts.Problemf("file_system_id", id, "want a file system id such as fs-0123456789abcdef0")
	}
	if id != "" && dnsName == "" && region == "" {
		opts.Problemf("region", "", "required with file_system_id, to form the DNS name fs-….efs.REGION.amazonaws.com")
	}
	if region != "" && !awsRegion.MatchString(region) {
		opts.Problemf("region", region, "want an AWS region such as eu-west-1")
	}
}
