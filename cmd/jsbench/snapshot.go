package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

func newSnapshotCommand(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "snapshot",
		Short: "Archive a JENKINS_HOME, or restore one from a file, URL or S3",
		Long: `snapshot create archives a JENKINS_HOME as a backup job would (tar, tar.gz
or tar.zst, chosen by the file name). snapshot restore streams an archive
from a file, an http(s):// URL or s3://bucket/key into a directory, as an
init container would; S3 is reached with the usual AWS environment
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
AWS_ENDPOINT_URL_S3 for MinIO, Ceph and other S3-compatible servers).`,
	}
	cmd.AddCommand(newSnapshotCreateCommand(e), newSnapshotRestoreCommand(e))
	return cmd
}

func newSnapshotCreateCommand(e env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "create HOME_DIR ARCHIVE",
		Short:   "Archive HOME_DIR into ARCHIVE (.tar, .tar.gz, .tgz, .tar.zst or .tzst)",
		Example: "  jsbench snapshot create /var/jenkins_home /backups/jenkins-home.tar.zst",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			stats, err := snapshot.CreateFileContext(e.ctx, args[1], args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printSnapshotJSON(e, stats)
			}
			printSnapshotWarnings(e, stats.Warnings)
			_, err = fmt.Fprintf(e.stdout, "archived %d files, %d directories, %d symlinks (%s) into %s: %s as %s\n",
				stats.Files, stats.Dirs, stats.Symlinks, snapshotMB(stats.Bytes), args[1], snapshotMB(stats.ArchiveBytes), stats.Format)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the archive's statistics as JSON")
	return cmd
}

func newSnapshotRestoreCommand(e env) *cobra.Command {
	var asJSON bool
	var maxBytes string
	opts := snapshot.RestoreOptions{UID: -1, GID: -1}
	cmd := &cobra.Command{
		Use:   "restore SOURCE DIR",
		Short: "Restore an archive from a file, http(s):// URL or s3://bucket/key into DIR",
		Long: `restore streams the archive into DIR, a new or empty directory, as an init
container would. A backup is input like any other, so the restore writes
into a directory beside DIR (inside it, when DIR exists) and moves the
result into place only when the whole archive was read: an empty archive,
one cut short (even at an entry boundary) or one that would expand past
--max-bytes fails and leaves DIR as it was. The default limit is ` + fmt.Sprint(snapshot.ExpansionRatio) + ` times
the archive's size (at least 1 GiB), never more than DIR's free space
less a reserve; every entry is checked before it is written. Sparse files
stay sparse. Setuid and setgid bits are dropped, and so is root
ownership (files the archive gives to root go to DIR's owner, or to
1000:1000 when that is root): --keep-privileges keeps them.`,
		Example: `  jsbench snapshot restore /backups/jenkins-home.tar.zst /var/jenkins_home
  jsbench snapshot restore s3://backups/jenkins-home.tar.zst /var/jenkins_home --uid 1000 --gid 1000`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := snapshot.ParseSource(args[0])
			if err != nil {
				return withExitCode(exitUnusable, err)
			}
			if maxBytes != "" {
				if opts.MaxBytes, err = snapshot.ParseSize(maxBytes); err != nil {
					return fmt.Errorf("--max-bytes: %w", err)
				}
			}
			stats, err := snapshot.Restore(e.ctx, src, args[1], opts)
			if err != nil {
				return err
			}
			if asJSON {
				return printSnapshotJSON(e, stats)
			}
			printSnapshotWarnings(e, stats.Warnings)
			_, err = fmt.Fprintf(e.stdout, "restored %d files%s, %d directories, %d symlinks (%s) from %s in %.0f ms (fetch %.0f ms, extract %.0f ms)\n",
				stats.Files, sparseNote(stats.SparseFiles), stats.Dirs, stats.Symlinks, snapshotMB(stats.Bytes), src, stats.TotalMS, stats.FetchMS, stats.ExtractMS)
			return err
		},
	}
	flags := cmd.Flags()
	flags.IntVar(&opts.UID, "uid", -1, "owner of the restored files when run as root (-1: as archived; the Jenkins image uses 1000)")
	flags.IntVar(&opts.GID, "gid", -1, "group of the restored files when run as root (-1: as archived)")
	flags.BoolVar(&asJSON, "json", false, "print the restore's statistics and phase times as JSON")
	flags.StringVar(&maxBytes, "max-bytes", "", "most the restore may write, such as 20Gi (default: from the archive's size and the free space; -1: no limit)")
	flags.BoolVar(&opts.KeepPrivileges, "keep-privileges", false, "keep setuid/setgid bits and root ownership as archived")
	return cmd
}

func printSnapshotWarnings(e env, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
}

func printSnapshotJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func snapshotMB(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func sparseNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d sparse)", n)
}
